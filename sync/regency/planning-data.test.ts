// The regency's planning rows turned into what the dashboard shows, and the page section built
// from them: outcomes, the latest report, the amount of the highest adopted version, the flags,
// the filters, and every text escaped.
import { describe, expect, it } from 'vitest';
import type { VillageCode } from '../../shared/village';
import type { DashboardData, VillageRow } from './dashboard-data';
import { planningFromRows } from './planning-data';
import { OVERDUE_MARKER, planningSectionHtml, STALLED_PROJECT_MARKER } from './planning-page';

const Y = 2026;
const rows = [
  { key: [Y, 'adopted-line', '02.03.01.|5.3.5|DDS', 1], value: 40_000_000 },
  { key: [Y, 'adopted-line', '02.03.01.|5.3.5|DDS', 2], value: 45_000_000 },
  { key: [Y, 'musdes', 'musdes:1'], value: { proposalIds: ['p1', 'p2'], acceptedIds: ['p1'] } },
  {
    key: [Y, 'project', 'k1'],
    value: {
      title: '<b>Jalan</b>',
      hamlet: 'Krajan',
      kegiatanCode: '02.03.01.',
      priority: 'infrastruktur',
      budgetLineKey: '02.03.01.|5.3.5|DDS',
      plannedStart: `${Y}-01-01`,
      plannedEnd: `${Y}-06-30`,
    },
  },
  {
    key: [Y, 'project', 'k2'],
    value: {
      title: 'PMT balita',
      kegiatanCode: '02.02.02.',
      priority: 'stunting',
      budgetLineKey: '02.02.02.|5.2.7|DDS',
      plannedStart: `${Y}-01-01`,
      plannedEnd: `${Y}-12-31`,
    },
  },
  {
    key: [Y, 'proposal', 'p1'],
    value: {
      title: 'Jalan',
      kegiatanCode: '02.03.01.',
      priority: 'infrastruktur',
      estimatedCost: 45_000_000,
      beneficiaries: 120,
    },
  },
  {
    key: [Y, 'proposal', 'p2'],
    value: {
      title: 'Gapura',
      kegiatanCode: '01.02.02.',
      priority: 'infrastruktur',
      estimatedCost: 60_000_000,
      beneficiaries: 5,
    },
  },
  {
    key: [Y, 'proposal', 'p3'],
    value: {
      title: 'Posyandu',
      kegiatanCode: '02.02.02.',
      priority: 'stunting',
      estimatedCost: 9_000_000,
      beneficiaries: 40,
    },
  },
  {
    key: [Y, 'report', 'k1', `${Y}-03-01`, 'r1'],
    value: { percent: 30, spent: 10_000_000, photos: 2 },
  },
  {
    key: [Y, 'report', 'k1', `${Y}-05-01`, 'r2'],
    value: { percent: 60, spent: 25_000_000, photos: 1 },
  },
  { key: 'not an array', value: {} },
];

describe('the planning rows at the regency', () => {
  it('gives each proposal its outcome and each project its latest report, money and flags', () => {
    const planning = planningFromRows(rows, `${Y}-07-20`, 14);
    expect(Object.fromEntries(planning.proposals.map((p) => [p.id, p.outcome]))).toEqual({
      p1: 'accepted',
      p2: 'declined',
      p3: 'undecided',
    });
    const [road, pmt] = planning.projects;
    expect(road).toMatchObject({
      budget: 45_000_000,
      percent: 60,
      spent: 25_000_000,
      lastReportDate: `${Y}-05-01`,
      reports: 2,
      photos: 3,
      overdue: true,
      stalled: true,
      daysSinceReport: 80,
    });
    // Not funded (no adopted line): never flagged, whatever the dates.
    expect(pmt).toMatchObject({ budget: null, percent: 0, overdue: false, stalled: false });
    expect(planningFromRows(rows, `${Y}-05-10`, 14).projects[0]).toMatchObject({
      overdue: false,
      stalled: false,
    });
  });

  it('renders the section filtered by sector and priority, flags in words, text escaped', () => {
    const village = {
      code: '3510992001' as VillageCode,
      planning: planningFromRows(rows, `${Y}-07-20`, 14),
    } as VillageRow;
    const data: DashboardData = {
      generatedAt: `${Y}-07-20T00:00:00Z`,
      fiscalYear: Y,
      villages: [village],
    };
    const all = planningSectionHtml(data, 3, { bidang: '', priority: '', stalledDays: 14 });
    expect(all).toContain('&lt;b&gt;Jalan&lt;/b&gt;');
    expect(all).not.toContain('<b>Jalan</b>');
    const road = /<tr data-project="k1"[^>]*>.*?<\/tr>/s.exec(all)![0];
    expect(road).toContain(`${STALLED_PROJECT_MARKER} &gt; 14 hari`);
    expect(road).toContain(OVERDUE_MARKER);
    expect(road).toContain('data-stalled="true"');
    expect(/<tr data-project="k2"[^>]*>.*?<\/tr>/s.exec(all)![0]).toContain('belum didanai');
    const stunting = planningSectionHtml(data, 3, {
      bidang: '',
      priority: 'stunting',
      stalledDays: 14,
    });
    expect(stunting).toContain('data-project="k2"');
    expect(stunting).not.toContain('data-project="k1"');
    expect(stunting).toContain('data-proposal="p3"');
    expect(stunting).not.toContain('data-proposal="p1"');
    // Every national priority is offered, and a priority only the regency's settings know.
    expect(all).toContain('<option value="stunting">');
    const custom = {
      ...village,
      planning: planningFromRows(
        [
          ...rows,
          {
            key: [Y, 'proposal', 'p4'],
            value: { kegiatanCode: '02.02.90', priority: 'air-bersih' },
          },
        ],
        `${Y}-07-20`,
        14,
      ),
    } as VillageRow;
    expect(
      planningSectionHtml({ ...data, villages: [custom] }, 3, {
        bidang: '',
        priority: '',
        stalledDays: 14,
      }),
    ).toContain('<option value="air-bersih">');
    const government = planningSectionHtml(data, 3, {
      bidang: '01',
      priority: '',
      stalledDays: 14,
    });
    expect(government).toContain('data-proposal="p2"');
    expect(government).toContain('Belum ada proyek.');
  });
});
