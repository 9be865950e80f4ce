// Initial push of the same realistic request documents (register-requests.ts) to a fresh village
// database on loopback, on equal terms: Balai's replicator, PouchDB's replicator and RxDB's own
// CouchDB replication plugin, each from memory storage, 500 documents a batch, the order rotated
// over the rounds (so none always meets a cold or a warm server first), every run and the median.
import { createRequire } from 'node:module';
import type { RequestDoc } from '../../shared/documents/request';
import { villageDbName } from '../../shared/village';
import { pendingLocal } from '../../sync/client/local-fields';
import {
  provisionKiosk,
  provisionVillage,
  type AdminConnection,
} from '../../sync/provision/provision';
import { uniqueVillageCode } from '../support/couch-server';
import { openNodeKiosk } from '../support/node-kiosk';
import { PouchDB } from './pouchdb';
import { registerRequests } from './register-requests';
import { openRxdbKiosk } from './rxdb-couch';
import { countingFetch, newTraffic, type Traffic } from './traffic';

export const BATCH = 500;
export const SYSTEMS = ['balai', 'pouchdb', 'rxdb'] as const;
export type System = (typeof SYSTEMS)[number];

export interface Run extends Traffic {
  system: System;
  round: number;
  seconds: number;
  docsPerSecond: number;
}

PouchDB.plugin(createRequire(import.meta.url)('pouchdb-adapter-memory'));

async function village(admin: AdminConnection) {
  const code = uniqueVillageCode();
  await provisionVillage(admin, { villageCode: code });
  const login = await provisionKiosk(admin, { villageCode: code, kioskId: 'k1' });
  return { code, login: { url: admin.url, username: login.username, password: login.password } };
}

/** Pushes `docs` with one system into a fresh village database; answers time and traffic. */
export async function pushWith(
  system: System,
  admin: AdminConnection,
  count: number,
  options: { via?: (url: string) => string } = {},
): Promise<{ seconds: number; traffic: Traffic; docs: RequestDoc[] }> {
  const { code, login } = await village(admin);
  const url = options.via ? options.via(login.url) : login.url;
  const docs = registerRequests(code, count);
  const traffic = newTraffic();
  const fetchCounted = countingFetch(traffic);
  let seconds: number;
  if (system === 'balai') {
    const kiosk = await openNodeKiosk({
      villageCode: code,
      kioskId: 'k1',
      login: { ...login, url },
      fetch: fetchCounted,
      storage: 'memory',
      batchSize: BATCH,
    });
    await kiosk.db.requests.bulkInsert(docs.map(pendingLocal));
    const start = performance.now();
    await kiosk.replicator.syncOnce();
    seconds = (performance.now() - start) / 1000;
    const synced = await kiosk.db.requests.count({ selector: { syncState: 'synced' } }).exec();
    if (synced !== count) {
      const left = await kiosk.db.requests
        .findOne({ selector: { syncState: { $ne: 'synced' } } })
        .exec();
      throw new Error(`Balai synced ${synced} of ${count}: ${JSON.stringify(left?.toJSON())}`);
    }
    await kiosk.close();
  } else if (system === 'rxdb') {
    const kiosk = await openRxdbKiosk({
      dbUrl: `${url}${villageDbName(code)}/`,
      login,
      fetch: fetchCounted,
    });
    await kiosk.insert(docs);
    const start = performance.now();
    await kiosk.sync(BATCH, 'push');
    seconds = (performance.now() - start) / 1000;
    await kiosk.close();
  } else {
    const local = new PouchDB(`bench-${code}`, { adapter: 'memory' });
    await local.bulkDocs(docs.map((d) => ({ ...d, _id: d.id })));
    const remote = new PouchDB(`${url}${villageDbName(code)}`, {
      fetch: fetchCounted,
      auth: { username: login.username, password: login.password },
      skip_setup: true,
    });
    const start = performance.now();
    const outcome = await PouchDB.replicate(local, remote, { batch_size: BATCH });
    seconds = (performance.now() - start) / 1000;
    if (outcome.docs_written !== count) throw new Error(`PouchDB wrote ${outcome.docs_written}`);
    await local.close();
    await remote.close();
  }
  return { seconds, traffic, docs };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The systems in the order of round `round`: each goes first once in three rounds. */
export function rotated(round: number): System[] {
  return SYSTEMS.map((_, i) => SYSTEMS[(i + round) % SYSTEMS.length]!);
}
