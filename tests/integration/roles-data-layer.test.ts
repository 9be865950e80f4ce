// Role tests, data layer (issue 7): every write the renderer can make, tried by every role on a
// real RxDB store. A role the permissions table refuses gets a PermissionError with a message in
// Bahasa Indonesia and the store is left exactly as it was; a permitted role's write goes through.
// Actions no renderer write function takes are listed with where they are enforced instead, so a
// new action cannot be added without saying who refuses it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it } from 'vitest';
import { createBridgeHandlers, invokeBridge } from '../../electron/host/bridge-handlers';
import { ConfigStore, plainSecretCodec } from '../../electron/host/config-store';
import { openKioskDatabase } from '../../renderer/db/database';
import { saveFinanceDocs } from '../../renderer/finance/write';
import { issueApprovedLetter } from '../../renderer/letters/compose';
import { issueLetter, recordReprint } from '../../renderer/letters/issue';
import { savePlanningDocs } from '../../renderer/planning/write';
import { importResidents, saveLocalResident } from '../../renderer/residents/write';
import { callNext, issueTicket } from '../../renderer/screens/queue-actions';
import { saveReceivedRequest, takeRequestStep } from '../../renderer/screens/request-writes';
import type { KioskSession } from '../../renderer/session';
import type { BudgetLineDoc } from '../../shared/documents/budget';
import type { RequestDoc } from '../../shared/documents/request';
import { adoptBudget, createBudgetLine } from '../../shared/finance/budget';
import { recordEntry } from '../../shared/finance/ledger';
import { closeYear } from '../../shared/finance/closing';
import { advanceSpp, drawUpSpp } from '../../shared/finance/spp';
import { createIdGenerator } from '../../shared/ids';
import type { IpcRequest } from '../../shared/ipc';
import { DEFAULT_NUMBERING } from '../../shared/letters/numbering';
import { requestFromForm } from '../../shared/documents/request-form';
import { applyStep, type Step } from '../../shared/requests/workflow';
import { residentFromWalkIn } from '../../shared/residents/local';
import { proposalFromForm } from '../../shared/planning/proposal';
import { EMPTY_EVENT_FORM, recordEvent } from '../../shared/population/events';
import { registerView, ZERO_COUNTS } from '../../shared/population/register';
import { closeMonth } from '../../shared/population/report';
import { saveClosedReport, saveEvent } from '../../renderer/population/data';
import { ACTIONS, PermissionError, may, type Action } from '../../shared/staff/permissions';
import { STAFF_ROLES, STAFF_ROLE_LABELS, type StaffRole } from '../../shared/staff/roles';
import { pendingLocal } from '../../sync/client/local-fields';
import type { KioskDatabase } from '../../sync/client/store-types';
import { actAs } from '../support/act-as';
import { namedVillageProfile } from '../support/village-profile';

const code = '3510992001';
const kioskId = 'k1';
const author = () => ({ villageCode: code, kioskId, ids: createIdGenerator(code, kioskId) });
const must = <T>(r: { ok: true; value: T } | { ok: false; errors: unknown }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
};

/** A request taken to `steps` by the right officials, stored as setup (not under test). */
async function storedRequest(db: KioskDatabase, steps: Step[]): Promise<RequestDoc> {
  const made = requestFromForm(
    { nik: '3510171708450001', name: 'Budi Santoso', serviceType: 'domisili', purpose: 'Bank' },
    author(),
    new Date(),
    { requirements: ['pengantar-rt', 'kk', 'ktp'] },
  );
  if (!made.ok) throw new Error(JSON.stringify(made.errors));
  let doc = made.doc;
  for (const step of steps) {
    const role = step === 'approved' ? 'kepala-desa' : 'operator';
    const next = applyStep(doc, step, { name: 'Setup', role, kioskId }, new Date());
    if (!next.ok) throw new Error(next.reason);
    doc = next.doc;
  }
  await db.requests.insert(pendingLocal(doc));
  return doc;
}

function budgetLines(): { income: BudgetLineDoc; spend: BudgetLineDoc } {
  const ctx = author();
  const line = { fiscalYear: 2026, fundingSource: 'DDS', amount: 10_000 };
  const income = must(
    createBudgetLine(
      { ...line, kegiatanCode: '', accountCode: '4.2.1', description: 'DD' },
      [],
      ctx,
    ),
  );
  const spend = must(
    createBudgetLine(
      { ...line, kegiatanCode: '01.01.01.', accountCode: '5.1.1', description: 'Siltap' },
      [income],
      ctx,
    ),
  );
  return { income, spend };
}

/** The host's own bridge, with no letter key: signing is refused there, issuing goes on. */
function hostBridge() {
  const root = mkdtempSync(join(tmpdir(), 'balai-roles-'));
  const store = new ConfigStore({
    dataDir: join(root, 'data'),
    env: { BALAI_VILLAGE_CODE: code, BALAI_KIOSK_ID: kioskId },
    defaultHubDir: join(root, 'hub'),
    codec: plainSecretCodec,
    warn: () => undefined,
  });
  const handlers = createBridgeHandlers(store, 'browser');
  return {
    async signLetter(request: IpcRequest<'letters:sign'>) {
      const out = await invokeBridge(handlers, 'letters:sign', request);
      if (!out.ok) throw new Error(out.error);
      return out.value as { payload: string };
    },
  };
}

const PLANNING_ACTIONS = [
  'proposal.create',
  'musdes.score',
  'musdes.decide',
  'project.report',
  'project.schedule',
] as const;
const PROPOSAL = {
  fiscalYear: 2027,
  hamlet: 'Krajan',
  meetingDate: '2026-11-20',
  title: 'Rabat beton jalan dusun',
  kegiatanCode: '01.01.01.',
  location: 'RT 02 / RW 01',
  estimatedCost: '25.000.000',
  beneficiaries: '120',
  beneficiaryNote: '',
  priority: 'stunting',
  recordedBy: 'Siti',
};

type Probe = (db: KioskDatabase, role: StaffRole) => Promise<() => Promise<unknown>>;

/** For each write action: the setup (as permitted staff), then the write under test. */
const PROBES: Partial<Record<Action, Probe>> = {
  'queue.serve': async (db) => {
    const session = { db, config: { villageCode: code, kioskId }, ids: author().ids };
    return async () => {
      await issueTicket(session as unknown as KioskSession);
      await callNext(session as unknown as KioskSession);
    };
  },
  'request.create': async (db) => {
    const made = requestFromForm(
      { nik: '3510171708450001', name: 'Budi', serviceType: 'domisili', purpose: 'Bank' },
      author(),
    );
    if (!made.ok) throw new Error('setup');
    return () => saveReceivedRequest(db, made.doc);
  },
  'request.check': async (db) => {
    const doc = await storedRequest(db, []);
    return () => takeRequestStep(db, doc, 'checked', kioskId).then(succeeded);
  },
  'request.approve': async (db) => {
    const doc = await storedRequest(db, ['checked']);
    return () => takeRequestStep(db, doc, 'approved', kioskId).then(succeeded);
  },
  'request.reject': async (db) => {
    const doc = await storedRequest(db, []);
    return () => takeRequestStep(db, doc, 'rejected', kioskId, { note: 'Bukan warga' });
  },
  'request.handover': async (db) => {
    const doc = await storedRequest(db, ['checked', 'approved']);
    return () => takeRequestStep(db, doc, 'printed', kioskId).then(succeeded);
  },
  'letter.sign': async (db) => {
    await db.registry.insert({
      ...namedVillageProfile(code),
      syncState: 'synced',
      couchRev: '1-a',
      syncError: '',
    } as never);
    const doc = await storedRequest(db, ['checked', 'approved']);
    const ctx = { db, bridge: hostBridge(), villageCode: code, kioskId, ids: author().ids };
    return () => issueApprovedLetter(ctx, doc);
  },
  'letter.print': async (db) => {
    const request = await storedRequest(db, ['checked', 'approved']);
    const letter = await issueLetter(db, {
      ...author(),
      request,
      date: '2026-11-29',
      numbering: DEFAULT_NUMBERING,
      signer: {
        name: 'Hj. Sulastri',
        position: 'Kepala Desa',
        role: 'kepala-desa',
        employeeNumber: '',
      },
    } as Parameters<typeof issueLetter>[1]);
    return () => recordReprint(db, letter, 'Petugas', kioskId, new Date().toISOString());
  },
  'resident.edit': async (db) => {
    const doc = residentFromWalkIn(
      { nik: '3510171708450001', name: 'Budi', at: '2026-11-29T01:00:00Z' },
      author(),
    )!;
    return () => saveLocalResident(db, doc);
  },
  'resident.import': async (db) => {
    const doc = residentFromWalkIn(
      { nik: '3510171708450001', name: 'Budi', at: '2026-11-29T01:00:00Z' },
      author(),
    )!;
    return () => importResidents(db, [doc]);
  },
  'budget.edit': async (db) => {
    const { income } = budgetLines();
    return () => saveFinanceDocs(db, [income]);
  },
  'budget.adopt': async (db) => {
    const { income, spend } = budgetLines();
    actAs('bendahara');
    await saveFinanceDocs(db, [income, spend]);
    return () => saveFinanceDocs(db, must(adoptBudget([income, spend], 2026, author())));
  },
  'ledger.post': async (db) => {
    const { income, spend } = budgetLines();
    actAs('bendahara');
    await saveFinanceDocs(db, [income, spend]);
    const adopted = must(adoptBudget([income, spend], 2026, author()));
    actAs('kepala-desa');
    await saveFinanceDocs(db, adopted);
    const entry = {
      budgetLineId: spend.id,
      kind: 'payment-ls' as const,
      // Not about the cash at hand: the book here holds no receipts.
      override: { by: 'Kepala Desa', reason: 'kas tidak dicatat dalam uji ini' },
      date: '2026-01-31',
      amount: 5_000,
      evidenceNumber: 'B1',
      payee: 'Kades',
      description: '',
    };
    const payment = must(
      recordEntry(entry, { lines: adopted, entries: [] }, 'Bendahara', author()),
    );
    return () => saveFinanceDocs(db, [payment]);
  },
  // The SPP's four hands (decision 0024): each stage written as its own role, after the ones
  // before it were written by theirs.
  ...Object.fromEntries(
    (['spp.draw', 'spp.check', 'spp.approve', 'spp.pay'] as const).map((action, step) => [
      action,
      async (db: KioskDatabase) => {
        const { income, spend } = budgetLines();
        const lines = must(adoptBudget([income, spend], 2026, author()));
        const receipt = must(
          recordEntry(
            {
              budgetLineId: income.id,
              kind: 'receipt',
              date: '2026-01-02',
              amount: 1_000_000,
              evidenceNumber: 'T1',
              payee: '',
              description: '',
            },
            { lines, entries: [] },
            'Bendahara',
            author(),
          ),
        );
        let spp = must(
          drawUpSpp(
            {
              sppKind: 'LS',
              budgetLineId: spend.id,
              date: '2026-01-03',
              amount: 5_000,
              payee: 'CV',
              description: '',
              cashAccount: 'bank',
              taxCodes: [],
            },
            { lines, entries: [receipt], spps: [] },
            'Pelaksana',
            author(),
          ),
        );
        const stages = ['checked', 'approved', 'paid'] as const;
        const hands = ['sekretaris', 'kepala-desa', 'bendahara'] as const;
        const at = '2026-01-04T00:00:00.000Z';
        let writes: Parameters<typeof saveFinanceDocs>[1] = [spp];
        for (let i = 0; i < step; i++) {
          actAs(i === 0 ? 'operator' : hands[i - 1]!);
          await saveFinanceDocs(db, writes);
          const stage = stages[i]!;
          const paid =
            stage === 'paid'
              ? must(
                  recordEntry(
                    {
                      budgetLineId: spend.id,
                      kind: 'payment-ls',
                      date: '2026-01-04',
                      amount: 5_000,
                      evidenceNumber: spp.number,
                      payee: 'CV',
                      description: '',
                      sppId: spp.id,
                    },
                    { lines, entries: [receipt] },
                    'Bendahara',
                    author(),
                  ),
                )
              : null;
          spp = must(advanceSpp(spp, stage, 'Petugas', at, paid));
          writes = paid ? [paid, spp] : [spp];
        }
        return () => saveFinanceDocs(db, writes);
      },
    ]),
  ),
  'books.close': async (db) => {
    const { income, spend } = budgetLines();
    const lines = must(adoptBudget([income, spend], 2026, author()));
    const closed = must(
      closeYear(
        2026,
        { lines, entries: [], closedYears: [], nextEntries: [] },
        '2026-12-31',
        'Bendahara',
        author(),
      ),
    );
    return () => saveFinanceDocs(db, [...closed.openings, closed.closing]);
  },
  // A population event (with the person's record after it) and a closed monthly report.
  'population.record': async (db) => {
    // One kiosk, one id generator: two generators can give the same id in the same millisecond.
    const kiosk = author();
    const budi = residentFromWalkIn(
      { nik: '3510171708450001', name: 'Budi', at: '2026-11-29T01:00:00Z' },
      kiosk,
    )!;
    await saveLocalResident(db, budi);
    const made = recordEvent(
      {
        ...EMPTY_EVENT_FORM,
        kind: 'kematian',
        nik: budi.nik,
        eventDate: '2026-11-28',
        reportDate: '2026-11-29',
      },
      registerView([budi]),
      [],
      {
        author: kiosk,
        recordedBy: 'Petugas',
        today: '2026-11-29',
        now: '2026-11-29T02:00:00Z',
        temporaryNik: '',
      },
    );
    if (!made.ok) throw new Error(JSON.stringify(made.errors));
    return () => saveEvent(db, made.event, made.resident);
  },
  'population.close': async (db) => {
    const closed = closeMonth(
      '2026-10',
      { basis: 'event', events: [], closed: [], current: { counts: ZERO_COUNTS, families: 0 } },
      { author: author(), closedBy: 'Kades', today: '2026-11-29', now: '2026-11-29T02:00:00Z' },
    );
    if (!closed.ok) throw new Error(closed.message);
    return () => saveClosedReport(db, closed.doc);
  },
  // Planning writes (renderer/planning/write.ts) check the signed-in role like every other write.
  // A proposal stands in as the document: the role is checked before any document's own rules.
  ...Object.fromEntries(
    PLANNING_ACTIONS.map((action) => [
      action,
      async (db: KioskDatabase) => {
        const proposal = must(proposalFromForm(PROPOSAL, author()));
        return () => savePlanningDocs(db, [proposal], action);
      },
    ]),
  ),
};

/** Enforced by the host against its own session (electron/host/*-handlers.test.ts). */
const HOST_ENFORCED: Action[] = [
  'staff.manage',
  'settings.edit',
  'backup.export',
  'backup.restore',
  // Host channels with no write to the store: printing Dukcapil's PDF, residents' PINs and cards
  // (tests/integration/host-channel-access.test.ts walks each channel for every role).
  'dukcapil.print',
  'resident.credential',
];
/** Reading only: the menu offers the screen or not (tests/e2e/roles.test.ts). */
const MENU_ONLY: Action[] = [
  'register.view',
  'letter.view',
  'resident.view',
  'finance.view',
  'board.view',
  'population.view',
  'spp.view',
];

function succeeded(outcome: { ok: boolean; reason?: string }) {
  if (!outcome.ok) throw new Error(`workflow refused: ${outcome.reason}`);
}

/** Everything in the store, to show a refused write left it untouched. */
async function snapshot(db: KioskDatabase): Promise<string> {
  const all: unknown[] = [];
  for (const [name, collection] of Object.entries(db.collections).sort()) {
    const docs = (await collection.find().exec()) as { toJSON(): { id: string } }[];
    const json = docs.map((d) => d.toJSON()).sort((a, b) => (a.id < b.id ? -1 : 1));
    all.push(name, json);
  }
  return JSON.stringify(all);
}

describe('every write refused for every role that may not take it (data layer)', () => {
  it('classifies every action: probed here, enforced by the host, or a menu-only view', () => {
    const classified = [...Object.keys(PROBES), ...HOST_ENFORCED, ...MENU_ONLY].sort();
    expect(classified).toEqual([...ACTIONS].sort());
  });

  for (const [action, probe] of Object.entries(PROBES) as [Action, Probe][]) {
    for (const role of STAFF_ROLES) {
      const allowed = may(role, action);
      it(`${action} × ${role}: ${allowed ? 'written' : 'refused'}`, async () => {
        const db = await openKioskDatabase(
          `balai_roles_${Math.random().toString(36).slice(2)}`,
          getRxStorageMemory(),
        );
        try {
          actAs('operator');
          const write = await probe(db, role);
          actAs(role, `Petugas ${role}`);
          const before = await snapshot(db);
          const outcome = await write().then(
            () => null,
            (error: unknown) => error,
          );
          if (allowed) {
            expect(outcome).toBeNull();
            expect(await snapshot(db)).not.toBe(before);
          } else {
            expect(outcome).toBeInstanceOf(PermissionError);
            expect((outcome as Error).message).toContain(`${STAFF_ROLE_LABELS[role]} tidak boleh`);
            expect(await snapshot(db)).toBe(before);
          }
        } finally {
          await db.close();
        }
      });
    }
  }
});
