// Balai's replicator against PouchDB's and RxDB's CouchDB plugin on the village's link (256 kbit/s each way, 600 ms round
// trip, tests/support/link-proxy.ts), on equal terms: the same realistic documents, memory
// storage on both, 500 documents a batch, the order rotated over BENCH_ROUNDS (3) rounds, every
// run and the medians. Two scenarios:
// - initial: a kiosk holding 2,000 register requests meets an empty village database;
// - day: a kiosk that synced yesterday's 500 documents sends its day (300 requests, 50 letters,
//   100 ledger entries) while the other kiosk's day (150 requests) comes down;
// - restore: a new kiosk pulls the 2,000 requests the village's other kiosk wrote.
// BENCH_SCENARIOS and BENCH_SYSTEMS pick some (while working on one); the default is all.
// The floor is physical: the gzip size of the documents that must cross each way over the
// bandwidth, plus one round trip (the two directions are separate pipes). Head bytes (request
// and status lines, headers) are counted per exchange by the proxy, and what the proxy's
// sockets carried is read from them.
import { gzipSync } from 'node:zlib';
import { createIdGenerator, type IdGenerator } from '../../shared/ids';
import { ledgerEntryDocSchema } from '../../shared/documents/budget';
import { letterDocSchema } from '../../shared/documents/letter';
import type { RequestDoc } from '../../shared/documents/request';
import { villageDbName, type VillageCode } from '../../shared/village';
import { createCouchClient } from '../../sync/client/couch-client';
import { pendingLocal } from '../../sync/client/local-fields';
import { provisionKiosk, provisionVillage } from '../../sync/provision/provision';
import { basicAuth, startCouchServer, uniqueVillageCode } from '../support/couch-server';
import { seededRandom, startLinkProxy, type RunningLink } from '../support/link-proxy';
import { openNodeKiosk } from '../support/node-kiosk';
import { BATCH, median } from './fair-push';
import { PouchDB } from './pouchdb';
import { registerRequests } from './register-requests';
import { openRxdbKiosk } from './rxdb-couch';
import { VILLAGE_LINK } from './village-day';

export const LINK_SYSTEMS = ['balai', 'pouchdb', 'rxdb'] as const;
type LinkSystem = (typeof LINK_SYSTEMS)[number];
const SYSTEMS = LINK_SYSTEMS.filter(
  (s) => !process.env.BENCH_SYSTEMS || process.env.BENCH_SYSTEMS.split(',').includes(s),
);
type Scenario = 'initial' | 'day' | 'restore';

type Doc = Record<string, unknown> & { id: string; type: string };

interface Plan {
  /** What the kiosk synced before the measured sync (over an unshaped link). */
  before: Doc[];
  /** What the kiosk has waiting when the measured sync starts. */
  up: Doc[];
  /** What the other kiosk wrote meanwhile, already at the regency. */
  down: Doc[];
}

function plan(scenario: Scenario, code: VillageCode): Plan {
  if (scenario === 'initial') return { before: [], up: registerRequests(code, 2_000), down: [] };
  // A new or replaced kiosk: everything the village's other kiosk wrote comes down.
  if (scenario === 'restore')
    return { before: [], up: [], down: registerRequests(code, 2_000, 43, 'k2') };
  const ids = createIdGenerator(code, 'k1');
  return {
    before: registerRequests(code, 500, 7, 'k1', ids),
    up: dayOfWork(code, 'k1', 15, ids),
    down: registerRequests(code, 150, 31, 'k2'),
  };
}

/** One kiosk's day: 300 requests, then letters for 50 of them and 100 ledger entries. */
function dayOfWork(code: VillageCode, kioskId: string, seed: number, ids: IdGenerator): Doc[] {
  const requests = registerRequests(code, 300, seed, kioskId, ids);
  const random = seededRandom(seed + 1);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const at = (i: number) => new Date(Date.UTC(2026, 10, 3, 1, 0, i * 7)).toISOString();
  const base = (type: 'letter' | 'ledger', i: number) => ({
    id: ids.next(type),
    type,
    villageCode: code,
    kioskId,
    createdAt: at(i),
    updatedAt: at(i),
  });
  const letters = requests.slice(0, 50).map((request: RequestDoc, i) =>
    letterDocSchema.parse({
      ...base('letter', i),
      requestId: request.id,
      letterType: request.serviceType,
      number: `470/${String(i + 1).padStart(3, '0')}/${code}/XI/2026`,
      issuedOn: '2026-11-03',
      subjectNik: request.residentNik,
      subjectName: request.residentName,
      signerName: 'Hj. Sulastri',
      signerPosition: 'Kepala Desa',
      snapshot: { alamat: request.purpose.split('; alamat ')[1] ?? '', keperluan: request.purpose },
      status: 'issued',
    }),
  );
  const payees = [
    'Toko Bangunan Sumber Rejeki',
    'CV Karya Mandiri',
    'UD Tani Makmur',
    'Warung Bu Sri',
  ];
  const what = [
    'Belanja material jalan desa',
    'Honor kader posyandu',
    'Konsumsi rapat musdes',
    'ATK kantor desa',
  ];
  const ledger = Array.from({ length: 100 }, (_, i) =>
    ledgerEntryDocSchema.parse({
      ...base('ledger', i),
      fiscalYear: 2026,
      budgetLineId: `budget:line-${Math.floor(random() * 40)}`,
      kind: 'payment-ls',
      date: '2026-11-03',
      amount: 1_000 * Math.floor(50 + random() * 5_000),
      evidenceNumber: `SPP-${String(Math.floor(random() * 900) + 100)}/${i}`,
      payee: pick(payees),
      description: `${pick(what)} RT ${String(1 + Math.floor(random() * 12)).padStart(2, '0')}`,
      recordedBy: 'Kaur Keuangan',
      reverses: null,
      settles: null,
      overrideBy: '',
      overrideReason: '',
    }),
  );
  return [...requests, ...letters, ...ledger] as unknown as Doc[];
}

const asCouch = (docs: Doc[]) => docs.map((d) => ({ ...d, _id: d.id }));
const gzipBytes = (docs: Doc[]) =>
  docs.length === 0 ? 0 : gzipSync(JSON.stringify(asCouch(docs))).length;

interface LinkRun {
  system: LinkSystem;
  scenario: Scenario;
  round: number;
  seconds: number;
  requests: number;
  bytesUp: number;
  bytesDown: number;
  /** Request lines and headers up, status lines and headers down, per exchange (mean). */
  headBytesPerRequest: { up: number; down: number };
  /** What the proxy's client sockets carried, for comparison with bytesUp/bytesDown. */
  wire: { up: number; down: number };
}

/** Runs one measured sync of `scenario` with `system`; returns the link's figures. */
async function runOnce(
  system: LinkSystem,
  scenario: Scenario,
  admin: { url: string; username: string; password: string },
): Promise<Omit<LinkRun, 'round'> & { plan: Plan }> {
  const code = uniqueVillageCode();
  await provisionVillage(admin, { villageCode: code });
  const k1 = await provisionKiosk(admin, { villageCode: code, kioskId: 'k1' });
  const k2 = await provisionKiosk(admin, { villageCode: code, kioskId: 'k2' });
  const work = plan(scenario, code);
  const link = await startLinkProxy({ upstream: admin.url });
  const login = { url: link.url, username: k1.username, password: k1.password };
  let measure: () => Promise<void>;
  let done: () => Promise<void>;
  /** How many of these ids the kiosk holds after the sync. */
  let received: (ids: string[]) => Promise<number>;
  if (system === 'balai') {
    const kiosk = await openNodeKiosk({
      villageCode: code,
      kioskId: 'k1',
      login,
      storage: 'memory',
      batchSize: BATCH,
    });
    const insert = async (docs: Doc[]) => {
      for (const name of ['requests', 'letters', 'finance'] as const) {
        const type = { requests: 'request', letters: 'letter', finance: 'ledger' }[name];
        const mine = docs.filter((d) => d.type === type);
        if (mine.length > 0)
          await kiosk.db[name].bulkInsert(mine.map((d) => pendingLocal(d as never)));
      }
    };
    await insert(work.before);
    await kiosk.replicator.syncOnce();
    await insert(work.up);
    measure = () => kiosk.replicator.syncOnce();
    received = async (ids) => (await kiosk.db.requests.findByIds(ids).exec()).size;
    done = () => kiosk.close();
  } else if (system === 'rxdb') {
    const kiosk = await openRxdbKiosk({ dbUrl: `${link.url}${villageDbName(code)}/`, login: k1 });
    await kiosk.insert(work.before);
    if (work.before.length > 0) await kiosk.sync(BATCH, 'both');
    await kiosk.insert(work.up);
    measure = () => kiosk.sync(BATCH, 'both');
    received = (ids) => kiosk.holds(ids);
    done = () => kiosk.close();
  } else {
    const local = new PouchDB(`link-${code}`, { adapter: 'memory' });
    const remote = new PouchDB(`${link.url}${villageDbName(code)}`, {
      auth: { username: k1.username, password: k1.password },
      skip_setup: true,
    });
    await local.bulkDocs(asCouch(work.before));
    if (work.before.length > 0) await PouchDB.sync(local, remote, { batch_size: BATCH });
    await local.bulkDocs(asCouch(work.up));
    measure = async () => {
      const outcome = await PouchDB.sync(local, remote, { batch_size: BATCH });
      if (outcome.push.docs_written !== work.up.length) {
        throw new Error(`PouchDB pushed ${outcome.push.docs_written} of ${work.up.length}`);
      }
    };
    received = async (ids) =>
      (await local.allDocs({ keys: ids })).rows.filter((r) => r.value).length;
    done = async () => {
      await local.close();
      await remote.close();
    };
  }
  // The other kiosk's day reaches the regency directly.
  if (work.down.length > 0) {
    const other = createCouchClient({
      dbUrl: `${admin.url}${villageDbName(code)}/`,
      headers: { Authorization: basicAuth(k2.username, k2.password) },
    });
    const written = await other.bulkDocs(asCouch(work.down));
    if (written.some((r) => r.error)) throw new Error(`k2: ${JSON.stringify(written[0])}`);
  }
  try {
    const figures = await measured(link, measure);
    const held = await createCouchClient({
      dbUrl: `${admin.url}${villageDbName(code)}/`,
      headers: { Authorization: basicAuth(admin.username, admin.password) },
    }).revisionsOf([...work.before, ...work.up, ...work.down].map((d) => d.id));
    const expected = work.before.length + work.up.length + work.down.length;
    if (held.size !== expected)
      throw new Error(`${system}: the regency holds ${held.size} of ${expected}`);
    const pulled = await received(work.down.map((d) => d.id));
    if (pulled !== work.down.length)
      throw new Error(`${system}: pulled ${pulled} of ${work.down.length}`);
    return { system, scenario, ...figures, plan: work };
  } finally {
    await done();
    await link.close();
  }
}

/** Shapes the link, runs `sync` and reads the link's counters for that sync alone. */
async function measured(link: RunningLink, sync: () => Promise<void>) {
  const at = { ...link.stats, wire: link.wireBytes() };
  link.shape(VILLAGE_LINK);
  const start = performance.now();
  await sync();
  const seconds = (performance.now() - start) / 1000;
  link.shape({});
  const s = link.stats;
  const wire = link.wireBytes();
  const requests = s.requests - at.requests;
  return {
    seconds: round(seconds),
    requests,
    bytesUp: s.bytesUp - at.bytesUp,
    bytesDown: s.bytesDown - at.bytesDown,
    headBytesPerRequest: {
      up: Math.round((s.headBytesUp - at.headBytesUp) / requests),
      down: Math.round((s.headBytesDown - at.headBytesDown) / requests),
    },
    wire: { up: wire.up - at.wire.up, down: wire.down - at.wire.down },
  };
}

export async function bench(): Promise<object> {
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const server = await startCouchServer();
  const admin = { url: server.url, ...server.admin };
  const bps = VILLAGE_LINK.bytesPerSecond;
  try {
    const scenarios: Record<string, object> = {};
    const only = process.env.BENCH_SCENARIOS?.split(',');
    for (const scenario of ['initial', 'day', 'restore'] as const) {
      if (only && !only.includes(scenario)) continue;
      const runs: LinkRun[] = [];
      let floor = { gzipUp: 0, gzipDown: 0, seconds: 0 };
      for (let round = 0; round < rounds; round++) {
        const order = SYSTEMS.map((_, i) => SYSTEMS[(i + round) % SYSTEMS.length]!);
        for (const system of order) {
          const { plan: work, ...run } = await runOnce(system, scenario, admin);
          const gzipUp = gzipBytes(work.up);
          const gzipDown = gzipBytes(work.down);
          floor = {
            gzipUp,
            gzipDown,
            seconds: round2(Math.max(gzipUp, gzipDown) / bps + VILLAGE_LINK.rttMs / 1000),
          };
          console.log(scenario, { ...run, round });
          runs.push({ ...run, round });
        }
      }
      const medians = Object.fromEntries(
        SYSTEMS.map((system) => {
          const mine = runs.filter((r) => r.system === system);
          const seconds = median(mine.map((r) => r.seconds));
          return [
            system,
            {
              seconds,
              requests: median(mine.map((r) => r.requests)),
              bytesUp: median(mine.map((r) => r.bytesUp)),
              bytesDown: median(mine.map((r) => r.bytesDown)),
              ratioToFloor: round2(seconds / floor.seconds),
              // Initial: nothing to pull, so what comes down is answers and echoes; target ≤ 0.1.
              ...(floor.gzipUp > 0
                ? {
                    receivedPerPushedGzip: round2(
                      median(mine.map((r) => r.bytesDown)) / floor.gzipUp,
                    ),
                  }
                : {}),
            },
          ];
        }),
      );
      scenarios[scenario] = { floor, runs, medians };
    }
    return {
      server: server.kind,
      link: { kbitPerSecond: (bps * 8) / 1000, rttMs: VILLAGE_LINK.rttMs },
      batch: BATCH,
      storage: 'memory (both)',
      rounds,
      ...scenarios,
    };
  } finally {
    await server.stop();
  }
}

const round = (n: number) => Math.round(n * 1000) / 1000;
const round2 = (n: number) => Math.round(n * 100) / 100;
