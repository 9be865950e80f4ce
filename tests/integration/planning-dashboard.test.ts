// Planning from the kiosk to the regency dashboard against a real CouchDB-protocol server (the hub,
// or COUCHDB_URL): a kiosk in Node (real database, real replicator) enters proposals, holds the
// musdes, turns the accepted ones into RKPDes kegiatan and draft APBDes lines, adopts the budget,
// pays on one project and reports on it; the regency's validation keeps a decided musdes and a
// report as they were; the dashboard's data shows every proposal with its decision and every
// project with its money, progress and flags; the hub's page filters them by sector and priority.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BudgetLineDoc } from '../../shared/documents/budget';
import type { ProposalDoc } from '../../shared/documents/planning';
import { adoptBudget, createBudgetLine, type Result } from '../../shared/finance/budget';
import { recordEntry } from '../../shared/finance/ledger';
import { createIdGenerator } from '../../shared/ids';
import { decideMusdes, newMusdes, scoreProposal } from '../../shared/planning/musdes';
import { progressReportFrom, projectStatus } from '../../shared/planning/project';
import { proposalFromForm, type PlanningContext } from '../../shared/planning/proposal';
import { planFromDecision } from '../../shared/planning/rkpdes';
import { DEFAULT_CRITERIA, settingsForYear } from '../../shared/planning/settings';
import type { PlanningSettingsDoc } from '../../shared/documents/planning';
import { PermissionError } from '../../shared/staff/permissions';
import { villageDbName, type VillageCode } from '../../shared/village';
import { saveFinanceDocs } from '../../renderer/finance/write';
import { actAs } from '../support/act-as';
import { savePlanningDocs } from '../../renderer/planning/write';
import { provisionKiosk, provisionVillage } from '../../sync/provision/provision';
import { provisionStaff } from '../../sync/provision/regency';
import { fiscalYearAt, gatherDashboard } from '../../sync/regency/dashboard-data';
import { STALLED_PROJECT_MARKER } from '../../sync/regency/planning-page';
import {
  basicAuth,
  couchCall,
  couchServerKind,
  startCouchServer,
  uniqueVillageCode,
  type CouchServer,
} from '../support/couch-server';
import { expectWriteRefused } from '../support/refusals';
import { closeAllKiosks, openNodeKiosk, type NodeKiosk } from '../support/node-kiosk';

let server: CouchServer;
let codeA: VillageCode;
let codeB: VillageCode;
let kiosk: NodeKiosk;
const password = 'rahasia-kiosk-perencanaan';
const now = new Date();
const year = fiscalYearAt(now);
const today = now.toISOString().slice(0, 10);

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

beforeAll(async () => {
  server = await startCouchServer();
  const admin = { url: server.url, ...server.admin };
  codeA = uniqueVillageCode();
  codeB = uniqueVillageCode();
  for (const code of [codeA, codeB]) {
    await provisionVillage(admin, { villageCode: code });
    await provisionKiosk(admin, { villageCode: code, kioskId: 'k1', password });
  }
  kiosk = await openNodeKiosk({
    villageCode: codeA,
    kioskId: 'k1',
    login: { url: server.url, username: `kiosk-${codeA}-k1`, password },
  });
}, 60_000);

afterAll(async () => {
  await closeAllKiosks();
  await server?.stop();
});

describe('planning, from the hamlet meeting to the regency dashboard', () => {
  const ids: Record<string, string> = {};

  it('a kiosk plans, budgets, pays and reports; everything reaches the regency', async () => {
    const ctx: PlanningContext = {
      villageCode: codeA,
      kioskId: 'k1',
      ids: createIdGenerator(codeA, 'k1'),
    };
    const proposal = (title: string, kegiatanCode: string, priority: string, cost: string) =>
      must(
        proposalFromForm(
          {
            fiscalYear: year,
            hamlet: 'Krajan',
            meetingDate: `${year}-01-10`,
            title,
            kegiatanCode,
            location: 'RT 01',
            estimatedCost: cost,
            beneficiaries: '80',
            beneficiaryNote: '',
            priority,
            recordedBy: 'Operator',
          },
          ctx,
        ),
      );
    const road = proposal('Rabat beton jalan dusun', '02.03.01.', 'infrastruktur', '40.000.000');
    const posyandu = proposal('Makanan tambahan balita', '02.02.02.', 'stunting', '15.000.000');
    const gate = proposal('Gapura desa', '01.02.02.', 'infrastruktur', '60.000.000');
    const proposals: ProposalDoc[] = [road, posyandu, gate];
    actAs('operator');
    await savePlanningDocs(kiosk.db, proposals, 'proposal.create');

    let musdes = must(
      newMusdes(
        { fiscalYear: year, date: `${year}-01-20`, place: 'Balai desa' },
        proposals.map((p) => p.id),
        DEFAULT_CRITERIA,
        ctx,
      ),
    );
    const scores = [5, 4, 1];
    proposals.forEach((p, i) =>
      DEFAULT_CRITERIA.forEach((c) => {
        musdes = must(scoreProposal(musdes, p.id, c.key, scores[i]!, ctx));
      }),
    );
    const decided = must(
      decideMusdes(
        musdes,
        proposals,
        {
          acceptedIds: [road.id, posyandu.id],
          attendees: 'Kepala Desa\nKetua BPD',
          attendanceCount: '37',
          note: '',
        },
        ctx,
      ),
    );
    const plan = must(
      planFromDecision(
        decided,
        proposals,
        { [posyandu.id]: { accountCode: '5.2.7', fundingSource: 'DDS' } },
        [],
        ctx,
      ),
    );
    const docs = [decided, ...plan.kegiatan, ...plan.lines];
    // An operator may score but not record the decision: refused, and nothing is written.
    await expect(savePlanningDocs(kiosk.db, docs, 'musdes.decide')).rejects.toThrow(
      PermissionError,
    );
    expect(await kiosk.db.finance.find({ selector: { type: 'rkp-kegiatan' } }).exec()).toEqual([]);
    actAs('sekretaris');
    await savePlanningDocs(kiosk.db, docs, 'musdes.decide');

    const income = must(
      createBudgetLine(
        {
          fiscalYear: year,
          kegiatanCode: '',
          accountCode: '4.2.1',
          fundingSource: 'DDS',
          description: 'Dana Desa',
          amount: 500_000_000,
        },
        plan.lines,
        ctx,
      ),
    );
    const lines: BudgetLineDoc[] = must(adoptBudget([...plan.lines, income], year, ctx));
    actAs('kepala-desa');
    await saveFinanceDocs(kiosk.db, lines);
    const roadLine = lines.find((l) => l.id === plan.kegiatan[0]!.budgetLineId)!;
    const payment = must(
      recordEntry(
        {
          budgetLineId: roadLine.id,
          kind: 'payment-ls',
          // Not about the cash at hand: the book here holds no receipts.
          override: { by: 'Kepala Desa', reason: 'kas tidak dicatat dalam uji ini' },
          date: today,
          amount: 12_500_000,
          evidenceNumber: 'BKU-007',
          payee: 'TB Sumber Rejeki',
          description: 'Semen dan pasir',
        },
        { lines, entries: [] },
        'Bendahara',
        ctx,
      ),
    );
    actAs('bendahara');
    await saveFinanceDocs(kiosk.db, [payment]);
    const status = projectStatus(plan.kegiatan[0]!, { lines, entries: [payment] }, [], today, 14);
    const report = must(
      progressReportFrom(
        { date: today, physicalPercent: '35', notes: 'Pondasi selesai', reportedBy: 'TPK' },
        status,
        { id: ctx.ids.next('progress-report'), photoIds: [], today },
        ctx,
      ),
    );
    expect(report.spentAtReport).toBe(12_500_000);
    actAs('operator');
    await savePlanningDocs(kiosk.db, [report], 'project.report');
    Object.assign(ids, {
      road: road.id,
      posyandu: posyandu.id,
      gate: gate.id,
      musdes: decided.id,
      roadProject: plan.kegiatan[0]!.id,
      posyanduProject: plan.kegiatan[1]!.id,
      report: report.id,
    });

    await kiosk.replicator.syncOnce();
    const pending = await kiosk.db.finance
      .find({ selector: { syncState: { $ne: 'synced' } } })
      .exec();
    expect(pending.map((d) => `${d.get('id')}: ${d.get('syncError')}`)).toEqual([]);
  }, 60_000);

  it('the kiosk and the regency keep a decided musdes and a progress report as they were', async () => {
    // On the kiosk: the same rule refuses the write before it reaches the store.
    actAs('sekretaris');
    for (const [id, change, message] of [
      [
        ids.musdes!,
        { acceptedIds: [ids.gate] },
        'Musdes yang sudah diputuskan tidak boleh diubah.',
      ],
      [
        ids.report!,
        { physicalPercent: 90 },
        'Laporan kemajuan tidak boleh diubah; buat laporan baru.',
      ],
    ] as const) {
      const stored = (await kiosk.db.finance.findOne(id).exec())!.toJSON();
      const {
        syncState: _s,
        couchRev: _r,
        syncError: _e,
        ...doc
      } = stored as Record<string, unknown>;
      await expect(
        savePlanningDocs(kiosk.db, [{ ...doc, ...change } as never], 'musdes.decide'),
      ).rejects.toThrow(message);
      expect((await kiosk.db.finance.findOne(id).exec())!.toJSON()).toEqual(stored);
    }
    // At the regency, whatever a tampered kiosk sends.
    const login = { username: `kiosk-${codeA}-k1`, password };
    for (const [id, change] of [
      [ids.musdes!, { acceptedIds: [ids.gate] }],
      [ids.report!, { physicalPercent: 90 }],
    ] as const) {
      const path = `${villageDbName(codeA)}/${encodeURIComponent(id)}`;
      const stored = await couchCall<Record<string, unknown>>(server, login, 'GET', path);
      expect(stored.status).toBe(200);
      // Without the pushing run's mark (decision 0019), which the server refuses to see carried over.
      const { pushedBy: _mark, ...body } = stored.body;
      const reply = await couchCall(server, login, 'PUT', path, { ...body, ...change });
      await expectWriteRefused(server, reply, {
        path,
        rev: String(stored.body._rev),
        reason: /tidak boleh diubah/,
      });
    }
  });

  it("gathers every proposal with its decision and every project's money, progress and flags", async () => {
    const data = await gatherDashboard(
      { url: server.url, ...server.admin },
      { villages: [codeA, codeB], now, stalledDays: 14 },
    );
    const [a, b] = data.villages;
    expect(b!.planning).toEqual({ proposals: [], projects: [] });
    const outcome = Object.fromEntries(a!.planning!.proposals.map((p) => [p.id, p.outcome]));
    expect(outcome).toEqual({
      [ids.road!]: 'accepted',
      [ids.posyandu!]: 'accepted',
      [ids.gate!]: 'declined',
    });
    const projects = Object.fromEntries(a!.planning!.projects.map((p) => [p.id, p]));
    expect(projects[ids.roadProject!]).toMatchObject({
      title: 'Rabat beton jalan dusun',
      budget: 40_000_000,
      percent: 35,
      spent: 12_500_000,
      lastReportDate: today,
      reports: 1,
      stalled: false,
    });
    // Funded, never reported since its planned start on 1 January: stalled (unless that is
    // within 14 days, early in January).
    const posyandu = projects[ids.posyanduProject!]!;
    expect(posyandu).toMatchObject({ budget: 15_000_000, percent: 0, lastReportDate: null });
    expect(posyandu.stalled).toBe(posyandu.daysSinceReport > 14);
    expect(a!.budget?.realisedSpending).toBe(12_500_000);
  });

  it("the regency's planning settings reach the kiosk and decide what a proposal may serve", async () => {
    const admin = { url: server.url, ...server.admin };
    const staff = await provisionStaff(admin, {
      name: `perencanaan-${codeA}`,
      password: 'rahasia-staf-perencanaan',
    });
    const login = { username: staff.username, password: 'rahasia-staf-perencanaan' };
    const at = new Date().toISOString();
    const id = `planning-settings:${Date.now()}:${codeA}:kabupaten`;
    const doc = {
      _id: id,
      id,
      type: 'planning-settings',
      villageCode: codeA,
      kioskId: 'kabupaten',
      createdAt: at,
      updatedAt: at,
      fiscalYear: year,
      priorities: [{ code: 'air-bersih', name: 'Air bersih dan sanitasi' }],
      criteria: [{ key: 'urgensi', name: 'Urgensi', weight: 1 }],
      stalledDays: 30,
    };
    const put = await couchCall(
      server,
      login,
      'PUT',
      `${villageDbName(codeA)}/${encodeURIComponent(id)}`,
      doc,
    );
    expect(put.status, JSON.stringify(put.body)).toBe(201);
    // A kiosk may not write the regency's settings.
    const forged = { ...doc, _id: `${id}x`, id: `${id}x` };
    const refused = await couchCall(
      server,
      { username: `kiosk-${codeA}-k1`, password },
      'PUT',
      `${villageDbName(codeA)}/${encodeURIComponent(forged._id)}`,
      forged,
    );
    await expectWriteRefused(server, refused, {
      path: `${villageDbName(codeA)}/${encodeURIComponent(forged._id)}`,
      rev: null,
    });

    await kiosk.replicator.syncOnce();
    const pulled = await kiosk.db.finance.find({ selector: { type: 'planning-settings' } }).exec();
    const settings = settingsForYear(
      pulled.map((d) => d.toJSON() as unknown as PlanningSettingsDoc),
      year,
    );
    expect(settings.stalledDays).toBe(30);
    expect(settingsForYear([], year).stalledDays).toBe(14);
    const ctx: PlanningContext = {
      villageCode: codeA,
      kioskId: 'k1',
      ids: createIdGenerator(codeA, 'k1'),
    };
    const form = {
      fiscalYear: year,
      hamlet: 'Krajan',
      meetingDate: today,
      title: 'Sumur bor',
      kegiatanCode: '02.02.90',
      location: 'RT 04',
      estimatedCost: '20000000',
      beneficiaries: '60',
      beneficiaryNote: '',
      recordedBy: 'Operator',
    };
    expect(proposalFromForm({ ...form, priority: 'air-bersih' }, ctx, { settings }).ok).toBe(true);
    expect(proposalFromForm({ ...form, priority: 'stunting' }, ctx, { settings }).ok).toBe(false);
  });

  it.skipIf(couchServerKind === 'couchdb')(
    'the hub page filters projects and proposals by sector and priority',
    async () => {
      const page = async (query: string) => {
        const response = await fetch(`${server.url}_balai/dashboard${query}`, {
          headers: { Authorization: basicAuth(server.admin.username, server.admin.password) },
        });
        expect(response.status).toBe(200);
        return response.text();
      };
      const all = await page('');
      for (const id of [ids.roadProject, ids.posyanduProject, ids.road, ids.posyandu, ids.gate])
        expect(all).toContain(`"${id}"`);
      const stunting = await page('?prioritas=stunting');
      expect(stunting).toContain(`data-project="${ids.posyanduProject}"`);
      expect(stunting).not.toContain(`data-project="${ids.roadProject}"`);
      expect(stunting).toContain(`data-proposal="${ids.posyandu}"`);
      expect(stunting).not.toContain(`data-proposal="${ids.gate}"`);
      const government = await page('?bidang=01');
      expect(government).toContain(`data-proposal="${ids.gate}"`);
      expect(government).not.toContain(`data-proposal="${ids.road}"`);
      expect(government).toContain('Belum ada proyek.');
      // One day without a report is enough to flag the untouched project, not the reported one.
      const strict = await page('?laporan=1');
      const row = (id: string) =>
        new RegExp(`<tr data-project="${id}"[^>]*>.*?</tr>`, 's').exec(strict)?.[0] ?? '';
      expect(row(ids.posyanduProject!)).toContain(STALLED_PROJECT_MARKER);
      expect(row(ids.posyanduProject!)).toContain('data-stalled="true"');
      expect(row(ids.roadProject!)).not.toContain(STALLED_PROJECT_MARKER);
      expect(
        (
          await fetch(`${server.url}_balai/dashboard?bidang=x`, {
            headers: { Authorization: basicAuth(server.admin.username, server.admin.password) },
          })
        ).status,
      ).toBe(400);
    },
  );
});
