// Initial push of N documents to the regency on loopback: Balai's replicator against PouchDB's
// own replicator (PouchDB.replicate), on the same documents, into two fresh village databases.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createIdGenerator } from '../../shared/ids';
import { requestFromForm } from '../../shared/documents/request-form';
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
import { countingFetch, newTraffic, type Traffic } from './traffic';

export interface PushResult extends Traffic {
  docs: number;
  seconds: number;
  docsPerSecond: number;
}

function requests(villageCode: string, count: number): RequestDoc[] {
  const ids = createIdGenerator(villageCode, 'k1');
  return Array.from({ length: count }, (_, i) => {
    const made = requestFromForm(
      {
        nik: `35101717084${String(5 + (i % 5))}${String(1 + (i % 9999)).padStart(4, '0')}`,
        name: `Warga Contoh Nomor ${i}`,
        serviceType: 'domisili',
        purpose: 'Persyaratan administrasi pekerjaan',
      },
      { villageCode, kioskId: 'k1', ids },
    );
    if (!made.ok) throw new Error(JSON.stringify(made.errors));
    return made.doc;
  });
}

async function village(admin: AdminConnection) {
  const code = uniqueVillageCode();
  await provisionVillage(admin, { villageCode: code });
  const login = await provisionKiosk(admin, { villageCode: code, kioskId: 'k1' });
  return { code, login: { url: admin.url, username: login.username, password: login.password } };
}

function result(docs: number, seconds: number, traffic: Traffic): PushResult {
  return { docs, seconds: round(seconds), docsPerSecond: Math.round(docs / seconds), ...traffic };
}

const round = (n: number) => Math.round(n * 1000) / 1000;

export async function benchBalaiPush(admin: AdminConnection, count: number): Promise<PushResult> {
  const { code, login } = await village(admin);
  const traffic = newTraffic();
  const kiosk = await openNodeKiosk({
    villageCode: code,
    kioskId: 'k1',
    login,
    fetch: countingFetch(traffic),
    storage: 'memory',
  });
  await kiosk.db.requests.bulkInsert(requests(code, count).map(pendingLocal));
  const start = performance.now();
  await kiosk.replicator.syncOnce();
  const seconds = (performance.now() - start) / 1000;
  if (kiosk.replicator.status.pending !== 0) throw new Error('Balai push left documents behind');
  await kiosk.close();
  return result(count, seconds, traffic);
}

export async function benchPouchPush(admin: AdminConnection, count: number): Promise<PushResult> {
  const { code, login } = await village(admin);
  const dir = await mkdtemp(join(tmpdir(), 'balai-bench-pouch-'));
  const local = new PouchDB(join(dir, 'local'));
  await local.bulkDocs(requests(code, count).map((d) => ({ ...d, _id: d.id })));
  const traffic = newTraffic();
  const remote = new PouchDB(`${login.url}${villageDbName(code)}`, {
    fetch: countingFetch(traffic),
    auth: { username: login.username, password: login.password },
    skip_setup: true,
  });
  const start = performance.now();
  const outcome = await PouchDB.replicate(local, remote, { batch_size: 100 });
  const seconds = (performance.now() - start) / 1000;
  if (outcome.docs_written !== count)
    throw new Error(`PouchDB wrote ${outcome.docs_written} of ${count}`);
  await local.close();
  await remote.close();
  await rm(dir, { recursive: true, force: true });
  return result(count, seconds, traffic);
}
