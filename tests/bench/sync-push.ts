// Initial push of BENCH_DOCS (10,000) realistic request documents to the hub (or COUCHDB_URL) on
// loopback: Balai, PouchDB's replicator and RxDB's CouchDB plugin on equal terms (fair-push.ts),
// BENCH_ROUNDS (3) rounds with the order rotated; every run and the medians.
import { startCouchServer } from '../support/couch-server';
import { median, pushWith, rotated, SYSTEMS, type Run } from './fair-push';
import { gzipRatio, registerRequests } from './register-requests';

export async function bench(): Promise<object> {
  const docs = Number(process.env.BENCH_DOCS ?? 10_000);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const server = await startCouchServer();
  const admin = { url: server.url, ...server.admin };
  const runs: Run[] = [];
  try {
    console.log(`Initial push of ${docs} documents to the ${server.kind} on loopback…`);
    for (let round = 0; round < rounds; round++) {
      for (const system of rotated(round)) {
        const { seconds, traffic } = await pushWith(system, admin, docs);
        const run = {
          system,
          round,
          seconds: round3(seconds),
          docsPerSecond: Math.round(docs / seconds),
          ...traffic,
        };
        console.log(run);
        runs.push(run);
      }
    }
    const medians = Object.fromEntries(
      SYSTEMS.map((system) => {
        const mine = runs.filter((r) => r.system === system);
        const of = (
          key: 'docsPerSecond' | 'requests' | 'bytesSent' | 'bytesReceived' | 'seconds',
        ) => median(mine.map((r) => r[key]));
        return [
          system,
          {
            docsPerSecond: of('docsPerSecond'),
            seconds: of('seconds'),
            requests: of('requests'),
            bytesSent: of('bytesSent'),
            bytesReceived: of('bytesReceived'),
          },
        ];
      }),
    );
    return {
      server: server.kind,
      docs,
      batch: 500,
      storage: 'memory (both)',
      gzipRatio: gzipRatio(registerRequests('9900000000' as never, Math.min(docs, 2_000))),
      rounds,
      runs,
      medians,
    };
  } finally {
    await server.stop();
  }
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;
