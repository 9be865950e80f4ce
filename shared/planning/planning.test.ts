// The planning domain from a hamlet meeting to a monitored project: proposal checks, musdes scoring,
// ranking and decision, the RKPDes kegiatan and draft budget lines, project flags and reports, and
// the locks both the kiosk and the regency enforce.
import { describe, expect, it } from 'vitest';
import type { BudgetLineDoc, LedgerEntryDoc } from '../documents/budget';
import type { MusdesDoc, ProposalDoc } from '../documents/planning';
import { adoptBudget, createBudgetLine, type Result } from '../finance/budget';
import { recordEntry, reverseEntry } from '../finance/ledger';
import { createIdGenerator } from '../ids';
import {
  decideMusdes,
  newMusdes,
  rankProposals,
  scoreProposal,
  undecidedProposals,
} from './musdes';
import {
  progressReportFrom,
  projectStatus,
  projectTimeline,
  setSchedule,
  spentOnLine,
} from './project';
import {
  filterProposals,
  proposalFromForm,
  type PlanningContext,
  type ProposalForm,
} from './proposal';
import { planFromDecision } from './rkpdes';
import { planningValidateSnippet, planningWriteRefusal } from './rules';
import { DEFAULT_CRITERIA, DEFAULT_PLANNING_SETTINGS, settingsForYear } from './settings';
import type { PlanningSettingsDoc } from '../documents/planning';

const code = '3510992001';
function ctx(): PlanningContext {
  let t = Date.UTC(2026, 0, 1);
  return { villageCode: code, kioskId: 'k1', ids: createIdGenerator(code, 'k1', () => t++) };
}
function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}
const form = (over: Partial<ProposalForm> = {}): ProposalForm => ({
  fiscalYear: 2026,
  hamlet: 'Krajan',
  meetingDate: '2025-09-10',
  title: 'Rabat beton jalan RT 03',
  kegiatanCode: '02.03.01.',
  location: 'RT 03 RW 01',
  estimatedCost: '25.000.000',
  beneficiaries: '120',
  beneficiaryNote: 'warga RT 03',
  priority: 'infrastruktur',
  recordedBy: 'Sekretaris Desa',
  ...over,
});

describe('proposals (usulan)', () => {
  it('builds a proposal from the form, money as whole rupiah', () => {
    const p = must(proposalFromForm(form(), ctx()));
    expect(p.type).toBe('proposal');
    expect(p.estimatedCost).toBe(25_000_000);
    expect(p.beneficiaries).toBe(120);
    expect(p.id).toMatch(/^proposal:/);
  });

  it('refuses each bad field with its own message and builds nothing', () => {
    const r = proposalFromForm(
      form({
        hamlet: ' ',
        meetingDate: '2025-02-30',
        kegiatanCode: '99.99.99.',
        estimatedCost: '25,5 juta',
        beneficiaries: 'banyak',
        priority: 'lainnya',
        title: '',
        location: '',
        recordedBy: '',
      }),
      ctx(),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors).sort()).toEqual(
      [
        'beneficiaries',
        'estimatedCost',
        'hamlet',
        'kegiatanCode',
        'location',
        'meetingDate',
        'priority',
        'recordedBy',
        'title',
      ].sort(),
    );
    expect(r.errors.estimatedCost).toMatch(/rupiah bulat/);
  });

  it('uses a reserved ID so photos of the need can point at it first', () => {
    const c = ctx();
    const id = c.ids.next('proposal');
    const p = must(proposalFromForm(form(), c, { id, photoIds: ['photo:a'] }));
    expect(p.id).toBe(id);
    expect(p.photoIds).toEqual(['photo:a']);
  });

  it('accepts a configured priority list', () => {
    const settings = { ...DEFAULT_PLANNING_SETTINGS, priorities: [['air', 'Air bersih']] as const };
    expect(proposalFromForm(form({ priority: 'air' }), ctx(), { settings }).ok).toBe(true);
    expect(proposalFromForm(form(), ctx(), { settings }).ok).toBe(false);
  });

  it('filters by hamlet, bidang, priority and words', () => {
    const c = ctx();
    const a = must(proposalFromForm(form(), c));
    const b = must(
      proposalFromForm(
        form({
          hamlet: 'Sumber',
          kegiatanCode: '02.02.02.',
          priority: 'stunting',
          title: 'PMT balita',
        }),
        c,
      ),
    );
    expect(filterProposals([a, b], { hamlet: 'Sumber' })).toEqual([b]);
    expect(filterProposals([a, b], { bidang: '02.03' })).toEqual([a]);
    expect(filterProposals([a, b], { priority: 'stunting' })).toEqual([b]);
    expect(filterProposals([a, b], { text: 'BETON rt' })).toEqual([a]);
    expect(filterProposals([a, b], {})).toEqual([b, a]);
  });
});

function threeProposals(c: PlanningContext): ProposalDoc[] {
  return [
    must(proposalFromForm(form({ title: 'Jalan A', estimatedCost: '30000000' }), c)),
    must(
      proposalFromForm(
        form({
          title: 'Posyandu B',
          estimatedCost: '10000000',
          kegiatanCode: '02.02.02.',
          priority: 'stunting',
        }),
        c,
      ),
    ),
    must(
      proposalFromForm(
        form({ title: 'Jalan C', estimatedCost: '10000000', kegiatanCode: '02.03.02.' }),
        c,
      ),
    ),
  ];
}

function scored(c: PlanningContext, proposals: ProposalDoc[], scores: number[][]): MusdesDoc {
  let m = must(
    newMusdes(
      { fiscalYear: 2026, date: '2025-10-01', place: 'Balai desa' },
      proposals.map((p) => p.id),
      DEFAULT_CRITERIA,
      c,
    ),
  );
  proposals.forEach((p, i) =>
    DEFAULT_CRITERIA.forEach((cr, j) => {
      m = must(scoreProposal(m, p.id, cr.key, scores[i]![j]!, c));
    }),
  );
  return m;
}

describe('musdes', () => {
  it('ranks by weighted total, then the cheaper, then the earlier proposal', () => {
    const c = ctx();
    const [a, b, cc] = threeProposals(c);
    // weights 3,2,2,1: A = 3*5+2*4+2*3+1*2 = 31; B = 3*4+2*5+2*5+1*1 = 33; C = 33 (same cost as B, later)
    const m = scored(
      c,
      [a!, b!, cc!],
      [
        [5, 4, 3, 2],
        [4, 5, 5, 1],
        [5, 5, 3, 2],
      ],
    );
    const ranked = rankProposals(m, [cc!, a!, b!]);
    expect(ranked.map((r) => [r.proposal.title, r.total, r.rank])).toEqual([
      ['Posyandu B', 33, 1],
      ['Jalan C', 33, 2],
      ['Jalan A', 31, 3],
    ]);
    // Changing a weight changes the ranking, and the same input always gives the same order.
    const reweighted = {
      ...m,
      criteria: m.criteria.map((cr) => (cr.key === 'urgensi' ? { ...cr, weight: 10 } : cr)),
    };
    expect(rankProposals(reweighted, [a!, b!, cc!])[0]!.proposal.title).toBe('Jalan C');
    expect(rankProposals(reweighted, [b!, cc!, a!])).toEqual(
      rankProposals(reweighted, [a!, b!, cc!]),
    );
  });

  it('refuses a score out of range and a decision before every score is in', () => {
    const c = ctx();
    const [a, b] = threeProposals(c);
    const m = must(
      newMusdes(
        { fiscalYear: 2026, date: '2025-10-01', place: 'Balai' },
        [a!.id, b!.id],
        DEFAULT_CRITERIA,
        c,
      ),
    );
    expect(scoreProposal(m, a!.id, 'urgensi', 6, c).ok).toBe(false);
    expect(scoreProposal(m, a!.id, 'tidak-ada', 3, c).ok).toBe(false);
    const half = must(scoreProposal(m, a!.id, 'urgensi', 3, c));
    const r = decideMusdes(
      half,
      [a!, b!],
      { acceptedIds: [a!.id], attendees: 'Pak Kades', attendanceCount: '30', note: '' },
      c,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.scores).toMatch(/Jalan A/);
  });

  it('records the decision in rank order with attendance, then is locked', () => {
    const c = ctx();
    const ps = threeProposals(c);
    const m = scored(c, ps, [
      [1, 1, 1, 1],
      [5, 5, 5, 5],
      [3, 3, 3, 3],
    ]);
    const bad = decideMusdes(
      m,
      ps,
      { acceptedIds: [ps[0]!.id], attendees: 'A\nB\nC', attendanceCount: '2', note: '' },
      c,
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.attendanceCount).toMatch(/kurang/);
    expect(
      decideMusdes(m, ps, { acceptedIds: [], attendees: '', attendanceCount: '10', note: '' }, c)
        .ok,
    ).toBe(false);
    const d = must(
      decideMusdes(
        m,
        ps,
        {
          acceptedIds: [ps[2]!.id, ps[1]!.id],
          attendees: ' Bu Siti \n\nPak Joko',
          attendanceCount: '41',
          note: 'Sepakat',
        },
        c,
      ),
    );
    expect(d.status).toBe('decided');
    expect(d.acceptedIds).toEqual([ps[1]!.id, ps[2]!.id]);
    expect(d.attendees).toEqual(['Bu Siti', 'Pak Joko']);
    expect(d.attendanceCount).toBe(41);
    expect(scoreProposal(d, ps[0]!.id, 'urgensi', 5, c).ok).toBe(false);
    expect(undecidedProposals(ps, [d])).toEqual([]);
    expect(undecidedProposals(ps, [m])).toEqual(ps);
  });
});

describe('from the decision to the budget and a monitored project', () => {
  function decided(c: PlanningContext) {
    const ps = threeProposals(c);
    const m = scored(c, ps, [
      [5, 5, 5, 5],
      [4, 4, 4, 4],
      [1, 1, 1, 1],
    ]);
    return {
      ps,
      m: must(
        decideMusdes(
          m,
          ps,
          {
            acceptedIds: [ps[0]!.id, ps[1]!.id],
            attendees: 'Kades',
            attendanceCount: '25',
            note: '',
          },
          c,
        ),
      ),
    };
  }

  it('turns accepted proposals into RKPDes kegiatan and draft budget lines, no retyping', () => {
    const c = ctx();
    const { ps, m } = decided(c);
    const plan = must(
      planFromDecision(
        m,
        ps,
        { [ps[1]!.id]: { accountCode: '5.2.7', fundingSource: 'ADD' } },
        [],
        c,
      ),
    );
    expect(
      plan.lines.map((l) => [l.kegiatanCode, l.accountCode, l.fundingSource, l.amount, l.stage]),
    ).toEqual([
      ['02.03.01.', '5.3.5', 'DDS', 30_000_000, 'draft'],
      ['02.02.02.', '5.2.7', 'ADD', 10_000_000, 'draft'],
    ]);
    expect(plan.kegiatan.map((k) => [k.title, k.rank, k.budgetLineId])).toEqual([
      ['Jalan A', 1, plan.lines[0]!.id],
      ['Posyandu B', 2, plan.lines[1]!.id],
    ]);
    expect(plan.kegiatan[0]!.plannedStart).toBe('2026-01-01');
    expect(plan.kegiatan[0]!.plannedEnd).toBe('2026-12-31');
  });

  it('refuses the whole plan when one line cannot be drafted (adopted budget, income account)', () => {
    const c = ctx();
    const { ps, m } = decided(c);
    const wrong = planFromDecision(
      m,
      ps,
      { [ps[0]!.id]: { accountCode: '4.2.1', fundingSource: 'DDS' } },
      [],
      c,
    );
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(Object.keys(wrong.errors)).toEqual([`accountCode:${ps[0]!.id}`]);
    const income = must(
      createBudgetLine(
        {
          fiscalYear: 2026,
          kegiatanCode: '',
          accountCode: '4.2.1',
          fundingSource: 'DDS',
          description: 'Dana Desa',
          amount: 100_000_000,
        },
        [],
        c,
      ),
    );
    const adopted = must(adoptBudget([income], 2026, c));
    const locked = planFromDecision(m, ps, {}, adopted, c);
    expect(locked.ok).toBe(false);
    if (!locked.ok) expect(Object.values(locked.errors)[0]).toMatch(/sudah ditetapkan/);
  });

  it('follows a project: funded once adopted, spent from the ledger, reports, flags, timeline', () => {
    const c = ctx();
    const { ps, m } = decided(c);
    const plan = must(planFromDecision(m, ps, {}, [], c));
    const project = plan.kegiatan[0]!;
    const income = must(
      createBudgetLine(
        {
          fiscalYear: 2026,
          kegiatanCode: '',
          accountCode: '4.2.1',
          fundingSource: 'DDS',
          description: 'Dana Desa',
          amount: 100_000_000,
        },
        plan.lines,
        c,
      ),
    );
    const draft = { lines: [...plan.lines, income], entries: [] as LedgerEntryDoc[] };
    expect(projectStatus(project, draft, [], '2026-03-01', 14).funded).toBe(false);
    const notFunded = progressReportFrom(
      { date: '2026-03-01', physicalPercent: '10', notes: '', reportedBy: 'TPK' },
      projectStatus(project, draft, [], '2026-03-01', 14),
      { id: 'progress-report:x', photoIds: [], today: '2026-03-01' },
      c,
    );
    expect(notFunded.ok).toBe(false);

    const lines: BudgetLineDoc[] = must(adoptBudget(draft.lines, 2026, c));
    const line = lines.find((l) => l.id === project.budgetLineId)!;
    const pay = must(
      recordEntry(
        {
          budgetLineId: line.id,
          kind: 'payment-ls',
          // Not about the cash at hand: the book here holds no receipts.
          override: { by: 'Kepala Desa', reason: 'kas tidak dicatat dalam uji ini' },
          date: '2026-03-05',
          amount: 12_000_000,
          evidenceNumber: 'BKU-1',
          payee: 'TB Makmur',
          description: 'semen',
        },
        { lines, entries: [] },
        'Bendahara',
        c,
      ),
    );
    const wrongPay = must(
      recordEntry(
        {
          budgetLineId: line.id,
          kind: 'payment-ls',
          // Not about the cash at hand: the book here holds no receipts.
          override: { by: 'Kepala Desa', reason: 'kas tidak dicatat dalam uji ini' },
          date: '2026-03-06',
          amount: 1_000_000,
          evidenceNumber: 'BKU-2',
          payee: 'X',
          description: '',
        },
        { lines, entries: [pay] },
        'Bendahara',
        c,
      ),
    );
    const reversal = must(
      reverseEntry(wrongPay.id, 'nomor bukti salah', '2026-03-07', [pay, wrongPay], 'Bendahara', c),
    );
    const finance = { lines, entries: [pay, wrongPay, reversal] };
    expect(spentOnLine(project.budgetLineKey, lines, finance.entries)).toBe(12_000_000);

    let status = projectStatus(project, finance, [], '2026-03-10', 14);
    expect([status.funded, status.budget, status.spent, status.percent]).toEqual([
      true,
      30_000_000,
      12_000_000,
      0,
    ]);
    expect(status.stalled).toBe(true); // 68 days since the planned start without a report

    const first = must(
      progressReportFrom(
        { date: '2026-03-10', physicalPercent: '40', notes: 'pondasi', reportedBy: 'TPK' },
        status,
        {
          id: c.ids.next('progress-report'),
          photoIds: ['photo:1', 'photo:2'],
          today: '2026-03-10',
        },
        c,
      ),
    );
    expect(first.spentAtReport).toBe(12_000_000);
    status = projectStatus(project, finance, [first], '2026-03-20', 14);
    expect([status.percent, status.stalled, status.overdue, status.daysSinceReport]).toEqual([
      40,
      false,
      false,
      10,
    ]);

    const refusals = progressReportFrom(
      { date: '2026-03-09', physicalPercent: '30', notes: '', reportedBy: ' ' },
      status,
      { id: 'x', photoIds: [], today: '2026-03-20' },
      c,
    );
    expect(refusals.ok).toBe(false);
    if (!refusals.ok)
      expect(Object.keys(refusals.errors).sort()).toEqual([
        'date',
        'physicalPercent',
        'reportedBy',
      ]);
    const future = progressReportFrom(
      { date: '2026-04-01', physicalPercent: '50', notes: '', reportedBy: 'TPK' },
      status,
      { id: 'x', photoIds: [], today: '2026-03-20' },
      c,
    );
    expect(future.ok).toBe(false);

    expect(projectStatus(project, finance, [first], '2026-04-01', 14).stalled).toBe(true);
    expect(projectStatus(project, finance, [first], '2026-04-01', 30).stalled).toBe(false);
    const short = must(setSchedule(project, '2026-01-01', '2026-03-31', c));
    expect(projectStatus(short, finance, [first], '2026-04-01', 30).overdue).toBe(true);
    expect(setSchedule(project, '2026-05-01', '2026-03-31', c).ok).toBe(false);
    const second = must(
      progressReportFrom(
        { date: '2026-04-01', physicalPercent: '100', notes: 'selesai', reportedBy: 'TPK' },
        projectStatus(short, finance, [first], '2026-04-01', 30),
        { id: c.ids.next('progress-report'), photoIds: ['photo:3'], today: '2026-04-01' },
        c,
      ),
    );
    const done = projectStatus(short, finance, [second, first], '2026-09-01', 14);
    expect([done.percent, done.overdue, done.stalled]).toEqual([100, false, false]);

    const timeline = projectTimeline(done, ps[0], m, finance);
    expect(timeline.map((e) => [e.date, e.kind])).toEqual([
      ['2025-09-10', 'proposal'],
      ['2025-10-01', 'musdes'],
      ['2026-01-01', 'start'],
      ['2026-03-05', 'payment'],
      ['2026-03-06', 'payment'],
      ['2026-03-07', 'payment'],
      ['2026-03-10', 'report'],
      ['2026-03-31', 'end'],
      ['2026-04-01', 'report'],
    ]);
    expect(timeline[5]!.text).toMatch(/^Pembalikan BKU-2/);
    expect(timeline[6]!.photoIds).toEqual(['photo:1', 'photo:2']);
  });
});

describe('the planning locks, on the kiosk and at the regency', () => {
  type Forbid = (newDoc: object, oldDoc: object | null) => string | null;
  const server = new Function(
    'newDoc',
    'oldDoc',
    `function forbid(en, id) { throw { forbidden: en + ' / ' + id }; }
     try { ${planningValidateSnippet()} } catch (e) { return e.forbidden; } return null;`,
  ) as Forbid;
  const cases: [string, object, object | null, string | null][] = [
    ['new musdes', { type: 'musdes', status: 'open' }, null, null],
    [
      'open musdes scored',
      { type: 'musdes', status: 'open' },
      { type: 'musdes', status: 'open' },
      null,
    ],
    [
      'decided musdes edited',
      { type: 'musdes', status: 'open' },
      { type: 'musdes', status: 'decided' },
      'decided',
    ],
    [
      'report edited',
      { type: 'progress-report', physicalPercent: 90 },
      { type: 'progress-report', physicalPercent: 40 },
      'report',
    ],
    [
      'kegiatan rescheduled',
      {
        type: 'rkp-kegiatan',
        proposalId: 'p',
        musdesId: 'm',
        budgetLineId: 'b',
        budgetLineKey: 'k',
        fiscalYear: 2026,
        plannedEnd: '2026-06-30',
      },
      {
        type: 'rkp-kegiatan',
        proposalId: 'p',
        musdesId: 'm',
        budgetLineId: 'b',
        budgetLineKey: 'k',
        fiscalYear: 2026,
        plannedEnd: '2026-12-31',
      },
      null,
    ],
    [
      'kegiatan moved to another line',
      {
        type: 'rkp-kegiatan',
        proposalId: 'p',
        musdesId: 'm',
        budgetLineId: 'b2',
        budgetLineKey: 'k',
        fiscalYear: 2026,
      },
      {
        type: 'rkp-kegiatan',
        proposalId: 'p',
        musdesId: 'm',
        budgetLineId: 'b',
        budgetLineKey: 'k',
        fiscalYear: 2026,
      },
      'links',
    ],
    ['proposal edited', { type: 'proposal', title: 'b' }, { type: 'proposal', title: 'a' }, null],
  ];
  it.each(cases)('%s', (_name, next, previous, refusal) => {
    expect(planningWriteRefusal(next as never, previous as never)).toBe(refusal);
    const forbidden = server(next, previous);
    expect(forbidden === null).toBe(refusal === null);
  });
});

describe("the regency's planning settings", () => {
  const settings = (fiscalYear: number, updatedAt: string, stalledDays: number) =>
    ({
      fiscalYear,
      updatedAt,
      priorities: [{ code: `p${stalledDays}`, name: 'P' }],
      criteria: [{ key: 'a', name: 'A', weight: 1 }],
      stalledDays,
    }) as PlanningSettingsDoc;

  it('applies the newest from the year or before, else the defaults', () => {
    const docs = [
      settings(2025, '2025-01-05T00:00:00Z', 20),
      settings(2026, '2026-01-02T00:00:00Z', 21),
      settings(2026, '2026-01-01T00:00:00Z', 22),
      settings(2027, '2026-06-01T00:00:00Z', 23),
    ];
    expect(settingsForYear(docs, 2026).stalledDays).toBe(21);
    expect(settingsForYear(docs, 2026).priorities).toEqual([['p21', 'P']]);
    expect(settingsForYear(docs, 2025).stalledDays).toBe(20);
    expect(settingsForYear(docs, 2024)).toBe(DEFAULT_PLANNING_SETTINGS);
  });
});
