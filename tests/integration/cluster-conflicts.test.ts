// Rules that hold under a cluster's conflicts (issue 19, decision 0022), against a real
// CouchDB-protocol server (the hub, or COUCHDB_URL). A kiosk writes a village's lawful history
// through the domain — budget lines drafted then adopted, a posted payment, a musdes scored then
// decided, a progress report, a photo, the village profile with a rotated letter key. Then the
// test stores, beside each locked document, the revision a lagging shard copy would have let in
// (`_bulk_docs` with `new_edits: false`: an edit based on the revision before the lock, or a
// second creation by a copy that had not yet seen the first), hashed so CouchDB picks the
// forbidden one as its winner. A second kiosk pulling then holds only the lawful revisions and its
// LRA and letter keys are the lawful ones; the regency's pass removes the forbidden leaves, logs
// each with its author, and the dashboard's totals are the lawful ones; a second pass finds nothing.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BudgetLineDoc, LedgerEntryDoc } from '../../shared/documents/budget';
import type { ProposalDoc } from '../../shared/documents/planning';
import { adoptBudget, createBudgetLine, type Result } from '../../shared/finance/budget';
import { recordEntry } from '../../shared/finance/ledger';
import { computeLra } from '../../shared/finance/lra';
import { createIdGenerator } from '../../shared/ids';
import { decideMusdes, newMusdes, scoreProposal } from '../../shared/planning/musdes';
import { progressReportFrom, projectStatus } from '../../shared/planning/project';
import { proposalFromForm, type PlanningContext } from '../../shared/planning/proposal';
import { planFromDecision } from '../../shared/planning/rkpdes';
import { DEFAULT_CRITERIA } from '../../shared/planning/settings';
import { buildPhotoDoc } from '../../shared/photos/photo-doc';
import { villageDbName, type VillageCode } from '../../shared/village';
import { saveFinanceDocs } from '../../renderer/finance/write';
import { savePlanningDocs } from '../../renderer/planning/write';
import { provisionLetterKey, villageProfileId } from '../../sync/provision/letter-key';
import { provisionKiosk, provisionVillage } from '../../sync/provision/provision';
import { gatherPublishedKeys } from '../../sync/provision/published-keys';
import { fiscalYearAt, gatherDashboard } from '../../sync/regency/dashboard-data';
import { DASHBOARD_PATH, dashboardRoute } from '../../sync/regency/dashboard-route';
import { gatherCivilFigures } from '../../sync/regency/civil-figures-data';
import { readLawfulView } from '../../sync/regency/lawful-view';
import { villageViewCache } from '../../sync/regency/village-view-cache';
import { watchConflicts } from '../../sync/regency/conflict-watch';
import {
  readConflictLog,
  resolveAllConflicts,
  type ConflictResolution,
} from '../../sync/regency/conflict-guard';
import { addPhotos } from '../bench/photo-lane';
import { actAs } from '../support/act-as';
import {
  couchCall,
  startCouchServer,
  uniqueVillageCode,
  type CouchServer,
} from '../support/couch-server';
import { schemaOfType } from '../../shared/documents/collections';
import { closeMonth, monthOf, previousMonth } from '../../shared/population/report';
import { EMPTY_EVENT_FORM, recordEvent } from '../../shared/population/events';
import { registerView } from '../../shared/population/register';
import { collectionOf } from '../../sync/client/couch-shape';
import { pendingLocal } from '../../sync/client/local-fields';
import { hubCommand } from '../support/hub-command';
import { closeAllKiosks, openNodeKiosk, type NodeKiosk } from '../support/node-kiosk';

let server: CouchServer;
let code: VillageCode;
let db: string;
let writer: NodeKiosk;
const now = new Date();
const year = fiscalYearAt(now);
const today = now.toISOString().slice(0, 10);
const later = new Date(now.getTime() + 60_000).toISOString();
/** Sorts above any real revision hash: CouchDB's winner among equals is the highest. */
const FORBIDDEN_HASH = 'f'.repeat(32);

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

type Body = Record<string, unknown>;
const admin = () => ({ url: server.url, ...server.admin });
const path = (id: string) => `${db}/${encodeURIComponent(id)}`;

async function atRegency(id: string, query = ''): Promise<Body> {
  const got = await couchCall<Body>(server, server.admin, 'GET', `${path(id)}${query}`);
  expect(got.status, JSON.stringify(got.body)).toBe(200);
  return got.body;
}

/**
 * Stores the revision a lagging copy would have accepted: `edit` applied to the revision before
 * the current one (`previous`), or to a fresh document of the same id (`second-creation`: the copy
 * had not seen the document at all). Answers the forbidden revision's id.
 */
async function injectForbidden(
  id: string,
  basedOn: 'previous' | 'second-creation',
  edit: Body,
  hash = FORBIDDEN_HASH,
): Promise<string> {
  const current = await atRegency(id, '?revs=true');
  const revisions = current._revisions as { start: number; ids: string[] };
  let doc: Body;
  if (basedOn === 'previous') {
    const parentRev = `${revisions.start - 1}-${revisions.ids[1]}`;
    const parent = await atRegency(id, `?rev=${parentRev}`);
    doc = {
      ...parent,
      ...edit,
      _rev: `${revisions.start}-${hash}`,
      _revisions: { start: revisions.start, ids: [hash, ...revisions.ids.slice(1)] },
    };
  } else {
    const { _revisions: _r, ...body } = current;
    doc = { ...body, ...edit, _rev: `1-${hash}` };
  }
  const stored = await couchCall(server, server.admin, 'POST', `${db}/_bulk_docs`, {
    docs: [doc],
    new_edits: false,
  });
  expect(stored.status, JSON.stringify(stored.body)).toBe(201);
  return String(doc._rev);
}

beforeAll(async () => {
  server = await startCouchServer();
  code = uniqueVillageCode();
  db = villageDbName(code);
  await provisionVillage(admin(), { villageCode: code });
  const login = await provisionKiosk(admin(), { villageCode: code, kioskId: 'k1' });
  writer = await openNodeKiosk({
    villageCode: code,
    kioskId: 'k1',
    login: { url: server.url, ...login },
  });
}, 60_000);

afterAll(async () => {
  await closeAllKiosks();
  await server?.stop();
});

type Cases = Record<string, { id: string; lawfulRev: string; lawful: Body; forbiddenRev: string }>;

/**
 * What the regency computes from the village equals what the lawful revisions give, whatever
 * CouchDB's winners are: the dashboard's budget and realised spending (budget line, payment), its
 * planning (the decided musdes, the progress report), the civil figures (the closed monthly
 * report) and the back office's decisions (the Dukcapil decision).
 */
async function expectLawfulFigures(cases: Cases): Promise<void> {
  const [row] = (await gatherDashboard(admin(), { villages: [code], now })).villages;
  expect(row?.error).toBeUndefined();
  expect(row?.budget).toMatchObject({ budgetSpending: 40_000_000, realisedSpending: 12_500_000 });
  expect(row?.planning?.proposals.map((p) => p.outcome).sort()).toEqual(['accepted', 'declined']);
  expect(row?.planning?.projects.map((p) => p.percent)).toEqual([35]);
  const civil = await gatherCivilFigures(admin(), [code], villageViewCache(), now);
  expect(civil.unreadable).toEqual([]);
  const people = civil.population.reduce((n, d) => n + d.male + d.female + d.families, 0);
  expect(people).toBe(0); // the lawful closed month counted no one; the forbidden one 81 and 30
  const decision = cases['dukcapil-decision']!.lawful;
  const decided = await readLawfulView(admin(), encodeURIComponent(db), 'dukcapil', {
    startkey: [decision.applicationId, 1],
    endkey: [decision.applicationId, 1, {}],
    includeDocs: true,
  });
  expect(decided.rows?.map((r) => [(r.value as Body).step, r.doc?._rev])).toEqual([
    ['terbit', cases['dukcapil-decision']!.lawfulRev],
  ]);
}

describe('guarded documents under a cluster conflict', () => {
  /** Each guarded document: its lawful revision and body, and the forbidden revision beside it. */
  const cases: Cases = {};
  let lawfulLines: BudgetLineDoc[] = [];
  let lawfulEntries: LedgerEntryDoc[] = [];

  it('a kiosk writes the lawful history; a lagging copy lets a forbidden revision in beside each', async () => {
    const ctx: PlanningContext = {
      villageCode: code,
      kioskId: 'k1',
      ids: createIdGenerator(code, 'k1'),
    };
    const proposals: ProposalDoc[] = ['Rabat beton jalan dusun', 'Gapura desa'].map((title) =>
      must(
        proposalFromForm(
          {
            fiscalYear: year,
            hamlet: 'Krajan',
            meetingDate: `${year}-01-10`,
            title,
            kegiatanCode: '02.03.01.',
            location: 'RT 01',
            estimatedCost: '40.000.000',
            beneficiaries: '80',
            beneficiaryNote: '',
            priority: 'infrastruktur',
            recordedBy: 'Operator',
          },
          ctx,
        ),
      ),
    );
    let musdes = must(
      newMusdes(
        { fiscalYear: year, date: `${year}-01-20`, place: 'Balai desa' },
        proposals.map((p) => p.id),
        DEFAULT_CRITERIA,
        ctx,
      ),
    );
    proposals.forEach((p, i) =>
      DEFAULT_CRITERIA.forEach((c) => {
        musdes = must(scoreProposal(musdes, p.id, c.key, 5 - i * 3, ctx));
      }),
    );
    actAs('operator');
    await savePlanningDocs(writer.db, proposals, 'proposal.create');
    await savePlanningDocs(writer.db, [musdes], 'musdes.score');
    await writer.replicator.syncOnce(); // the scored musdes reaches the regency before its decision

    const decided = must(
      decideMusdes(
        musdes,
        proposals,
        {
          acceptedIds: [proposals[0]!.id],
          attendees: 'Kepala Desa\nKetua BPD',
          attendanceCount: '37',
          note: '',
        },
        ctx,
      ),
    );
    const plan = must(planFromDecision(decided, proposals, {}, [], ctx));
    actAs('sekretaris');
    await savePlanningDocs(writer.db, [decided, ...plan.kegiatan, ...plan.lines], 'musdes.decide');
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
    actAs('bendahara');
    await saveFinanceDocs(writer.db, [income]);
    await writer.replicator.syncOnce(); // the draft lines reach the regency before the adoption

    lawfulLines = must(adoptBudget([...plan.lines, income], year, ctx));
    actAs('kepala-desa');
    await saveFinanceDocs(writer.db, lawfulLines);
    const roadLine = lawfulLines.find((l) => l.id === plan.kegiatan[0]!.budgetLineId)!;
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
        { lines: lawfulLines, entries: [] },
        'Bendahara',
        ctx,
      ),
    );
    lawfulEntries = [payment];
    actAs('bendahara');
    await saveFinanceDocs(writer.db, [payment]);
    const status = projectStatus(
      plan.kegiatan[0]!,
      { lines: lawfulLines, entries: [payment] },
      [],
      today,
      14,
    );
    const report = must(
      progressReportFrom(
        { date: today, physicalPercent: '35', notes: 'Pondasi selesai', reportedBy: 'TPK' },
        status,
        { id: ctx.ids.next('progress-report'), photoIds: [], today },
        ctx,
      ),
    );
    actAs('operator');
    await savePlanningDocs(writer.db, [report], 'project.report');
    const [photo] = await addPhotos(writer, code, ctx.ids, 1, 20_000);
    const arrival = recordEvent(
      {
        ...EMPTY_EVENT_FORM,
        kind: 'datang',
        eventDate: today,
        reportDate: today,
        nik: '3509014407900005',
        name: 'Wulan Sari',
        sex: 'P',
        nationality: 'WNI',
        place: 'Jember',
        kkNumber: '3509010101000001',
        familyRelation: 'Kepala Keluarga',
        dusun: 'Krajan',
        rw: '1',
        rt: '3',
      },
      registerView([]),
      [],
      { author: ctx, recordedBy: 'Operator', today, now: now.toISOString(), temporaryNik: '' },
    );
    if (!arrival.ok) throw new Error(JSON.stringify(arrival.errors));
    await writer.db.residents.bulkInsert(
      [arrival.event, arrival.resident].map(pendingLocal) as never,
    );
    const noOne = { lWni: 0, pWni: 0, lWna: 0, pWna: 0 };
    const closed = closeMonth(
      previousMonth(monthOf(today)),
      { basis: 'event', events: [], closed: [], current: { counts: noOne, families: 0 } },
      { author: ctx, closedBy: 'Kepala Desa', today, now: now.toISOString() },
    );
    if (!closed.ok) throw new Error(closed.message);
    await writer.db.registry.insert(pendingLocal(closed.doc) as never);
    // The regency's Dukcapil decides an application (written as the server admin here).
    const decisionId = createIdGenerator(code, 'dukcapil').next('dukcapil-decision');
    const decision = await couchCall(server, server.admin, 'PUT', path(decisionId), {
      _id: decisionId,
      id: decisionId,
      type: 'dukcapil-decision',
      villageCode: code,
      kioskId: 'dukcapil',
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      date: today,
      applicationId: `dukcapil-application:x:${code}:k1`,
      submission: 1,
      step: 'terbit',
      note: '',
      documentNumber: 'AL.123',
      kkNumber: '',
      subjectNik: '',
      fileId: '',
      officer: 'Petugas Dukcapil',
    });
    expect(decision.status).toBe(201);
    // The regency rotates the kiosk's letter key: the profile now publishes two keys.
    await provisionLetterKey(admin(), { villageCode: code, kioskId: 'k1' });
    await provisionLetterKey(admin(), { villageCode: code, kioskId: 'k1' });
    await writer.replicator.syncOnce();
    const pending = await writer.db.finance
      .find({ selector: { syncState: { $ne: 'synced' } } })
      .exec();
    expect(pending.map((d) => `${d.get('id')}: ${d.get('syncError')}`)).toEqual([]);

    // Another photo's bytes, intact in themselves: a kiosk checking only the hash would take them.
    const other = await buildPhotoDoc(
      photo!.refId,
      {
        jpeg: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...randomBytes(996), 0xff, 0xd9]),
        width: 640,
        height: 480,
        takenAt: later,
        caption: 'Foto pengganti',
      },
      { villageCode: code, kioskId: 'k1', ids: ctx.ids },
      later,
    );
    if (!other.ok) throw new Error(other.message);
    const forbidden: [string, string, 'previous' | 'second-creation', Body][] = [
      ['budget', roadLine.id, 'previous', { amount: 6_000_000, updatedAt: later }],
      [
        'ledger',
        payment.id,
        'second-creation',
        { amount: 125_000_000, createdAt: later, updatedAt: later },
      ],
      ['musdes', decided.id, 'previous', { place: 'Rumah Kepala Desa', updatedAt: later }],
      [
        'progress-report',
        report.id,
        'second-creation',
        { physicalPercent: 95, createdAt: later, updatedAt: later },
      ],
      [
        'photo',
        photo!.id,
        'second-creation',
        {
          data: other.doc.data,
          bytes: other.doc.bytes,
          sha256: other.doc.sha256,
          width: 640,
          height: 480,
          createdAt: later,
          updatedAt: later,
        },
      ],
      [
        'village-profile',
        villageProfileId(code),
        'previous',
        { address: 'Jl. Lain', updatedAt: later },
      ],
      [
        'population-event',
        arrival.event.id,
        'second-creation',
        { place: 'Banyuwangi', createdAt: later, updatedAt: later },
      ],
      [
        'population-report',
        closed.doc.id,
        'second-creation',
        {
          closedBy: 'Orang Lain',
          end: { lWni: 40, pWni: 41, lWna: 0, pWna: 0 },
          endFamilies: 30,
          createdAt: later,
          updatedAt: later,
        },
      ],
      [
        'dukcapil-decision',
        decisionId,
        'second-creation',
        { step: 'ditolak', createdAt: later, updatedAt: later },
      ],
    ];
    for (const [type, id, basedOn, edit] of forbidden) {
      const lawful = await atRegency(id);
      const forbiddenRev = await injectForbidden(id, basedOn, edit);
      cases[type] = { id, lawfulRev: String(lawful._rev), lawful: lawful, forbiddenRev };
      // What a cluster leaves behind: CouchDB shows the forbidden revision, the lawful one a conflict.
      const now = await atRegency(id, '?conflicts=true');
      expect(now._rev, type).toBe(forbiddenRev);
      expect(now._conflicts, type).toEqual([lawful._rev]);
    }
  }, 120_000);

  it('before any pass, the dashboard, planning, civil figures and decisions count only the lawful revisions', async () => {
    // CouchDB's winner is the forbidden revision of every one of them (asserted above).
    await expectLawfulFigures(cases);
  }, 60_000);

  it('a kiosk pulling the village holds only the lawful revisions: LRA, reports and letter keys', async () => {
    const login = await provisionKiosk(admin(), { villageCode: code, kioskId: 'k2' });
    const reader = await openNodeKiosk({
      villageCode: code,
      kioskId: 'k2',
      login: { url: server.url, ...login },
    });
    await reader.replicator.syncOnce();
    for (const kiosk of [reader, writer]) {
      await kiosk.replicator.syncOnce();
      for (const [type, c] of Object.entries(cases)) {
        const coll = collectionOf(kiosk.db, schemaOfType(type)!.collection);
        const held = (await coll.findOne(c.id).exec())?.toJSON() as Body | undefined;
        expect(held?.couchRev, `${type} on ${kiosk === reader ? 'k2' : 'k1'}`).toBe(c.lawfulRev);
        // `pushedBy` is the pushing run's transport mark (decision 0019); a kiosk never stores it.
        const { _id, _rev, pushedBy: _mark, ...fields } = c.lawful;
        expect(held, type).toMatchObject(fields);
      }
      const lines = (await kiosk.db.finance.find({ selector: { type: 'budget' } }).exec()).map(
        (d) => d.toJSON() as BudgetLineDoc,
      );
      const entries = (await kiosk.db.finance.find({ selector: { type: 'ledger' } }).exec()).map(
        (d) => d.toJSON() as unknown as LedgerEntryDoc,
      );
      expect(computeLra(lines, entries, year)).toEqual(
        computeLra(lawfulLines, lawfulEntries, year),
      );
    }
    // The regency's verification page checks letters against every key the lawful profile holds.
    const published = await gatherPublishedKeys(admin(), [code]);
    expect(published.keys[code]).toEqual(cases['village-profile']!.lawful.letterKeys);
    expect(Object.keys(published.keys[code]!)).toHaveLength(2);
  }, 60_000);

  it("the regency's pass keeps the lawful revision, removes and logs the forbidden one; the dashboard counts the lawful", async () => {
    const resolved = await resolveAllConflicts(admin(), [code]);
    const byType = (rows: ConflictResolution[]) =>
      Object.fromEntries(
        rows.map((r) => [
          r.docType,
          { kept: r.keptRev, removed: r.removedRev, author: r.removedAuthor },
        ]),
      );
    const expected = Object.fromEntries(
      Object.entries(cases).map(([type, c]) => [
        type,
        {
          kept: c.lawfulRev,
          removed: c.forbiddenRev,
          author: expect.stringMatching(/^(k1|kabupaten|dukcapil)/),
        },
      ]),
    );
    expect(byType(resolved)).toEqual(expected);
    for (const [type, c] of Object.entries(cases)) {
      const now = await atRegency(c.id, '?conflicts=true');
      expect(now._rev, type).toBe(c.lawfulRev);
      expect(now._conflicts, type).toBeUndefined();
    }
    expect(byType(await readConflictLog(admin(), code))).toEqual(expected);
    await expectLawfulFigures(cases);
    // The dashboard page (as `npm run hub -- dashboard` serves it, against any server) reports them.
    const route = dashboardRoute({
      serverUrl: () => server.url,
      dataLogin: admin(),
      requireLogin: false,
      villages: [code],
    });
    const page = createServer(route);
    await new Promise<void>((done) => page.listen(0, '127.0.0.1', done));
    try {
      const { port } = page.address() as AddressInfo;
      const html = await (await fetch(`http://127.0.0.1:${port}${DASHBOARD_PATH}`)).text();
      const n = Object.keys(cases).length;
      expect(html).toContain('Revisi terlarang yang dihapus');
      const section = html.slice(html.indexOf('Revisi terlarang yang dihapus'));
      expect(section).toMatch(new RegExp(`>${n} revisi dari \\d+ desa dihapus`));
      expect(section.match(new RegExp(`<tr data-village="${code}">`, 'g'))).toHaveLength(n);
    } finally {
      page.close();
    }
    // Run again, it finds nothing: the log holds each removal once.
    expect(await resolveAllConflicts(admin(), [code])).toEqual([]);
    expect(await readConflictLog(admin(), code)).toHaveLength(Object.keys(cases).length);
  }, 60_000);

  it('`npm run hub -- resolve-conflicts` does the same pass on any server and says what it removed', async () => {
    const ledger = cases.ledger!;
    const again = await injectForbidden(
      ledger.id,
      'second-creation',
      { amount: 1, createdAt: later, updatedAt: later },
      'f'.repeat(31) + 'e',
    );
    expect((await atRegency(ledger.id))._rev).toBe(again);
    const withAdmin = new URL(server.url);
    withAdmin.username = server.admin.username;
    withAdmin.password = server.admin.password;
    const { stdout } = await hubCommand(
      server.admin,
      '/nonexistent-hub-dir',
      'resolve-conflicts',
      '--server',
      withAdmin.href,
      '--village',
      code,
    );
    expect(stdout).toContain(
      `${ledger.id}: kept ${ledger.lawfulRev}, removed ${again} written by k1 (Bendahara) (written-once)`,
    );
    expect(stdout).toContain('1 forbidden revision(s) removed');
    expect((await atRegency(ledger.id, '?conflicts=true'))._conflicts).toBeUndefined();
    expect(await readConflictLog(admin(), code)).toHaveLength(Object.keys(cases).length + 1);
  }, 60_000);

  it("the pass runs by itself from each village's _changes; no figure counts the forbidden revision meanwhile", async () => {
    const logged = (await readConflictLog(admin(), code)).length;
    const removed: ConflictResolution[] = [];
    const watch = watchConflicts(admin, {
      pollTimeoutMs: 2_000,
      onResolved: (r) => removed.push(...r),
    });
    try {
      const budget = cases.budget!;
      const ledger = cases.ledger!;
      const forbidden = [
        await injectForbidden(
          budget.id,
          'previous',
          { amount: 1, updatedAt: later },
          'f'.repeat(31) + 'd',
        ),
        await injectForbidden(
          ledger.id,
          'second-creation',
          { amount: 2, createdAt: later, updatedAt: later },
          'f'.repeat(31) + 'd',
        ),
      ];
      // Until the watcher has removed both, every read of the figures is the lawful one.
      const deadline = Date.now() + 60_000;
      for (;;) {
        await expectLawfulFigures(cases);
        const left = await Promise.all(
          [budget, ledger].map(async (c) => (await atRegency(c.id, '?conflicts=true'))._conflicts),
        );
        if (left.every((c) => c === undefined)) break;
        expect(Date.now(), 'the watcher did not resolve the conflicts within 60 s').toBeLessThan(
          deadline,
        );
        await new Promise((done) => setTimeout(done, 200));
      }
      await watch.settled();
      expect(removed.map((r) => r.removedRev).sort()).toEqual([...forbidden].sort());
      expect(await readConflictLog(admin(), code)).toHaveLength(logged + 2);
      expect((await atRegency(budget.id))._rev).toBe(budget.lawfulRev);
      await expectLawfulFigures(cases);
    } finally {
      await watch.stop();
    }
  }, 120_000);
});
