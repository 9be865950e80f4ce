// A kiosk moved from one server to another (the hub to the regency's CouchDB, or a database
// re-created after a loss) and back: its pull checkpoint and revisions belong to the first
// server, so on the second it pulls from the start and sends what that server lacks, once.
// The first server is the hub or the CouchDB named by COUCHDB_URL; the second is always a fresh
// hub, so against CouchDB this is the move between CouchDB's opaque `since` and the hub's.
import { mkdtemp, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { RequestDoc } from '../../shared/documents/request';
import { villageDbName, type VillageCode } from '../../shared/village';
import { startHub, type RunningHub } from '../../sync/hub/server';
import {
  provisionKiosk,
  provisionVillage,
  type AdminConnection,
} from '../../sync/provision/provision';
import {
  basicAuth,
  startCouchServer,
  uniqueVillageCode,
  type CouchServer,
} from '../support/couch-server';
import { closeAllKiosks, openNodeKiosk, type KioskLogin } from '../support/node-kiosk';

let first: CouchServer;
let second: { url: string; admin: { username: string; password: string }; hub: RunningHub };
let secondDir: string;

beforeAll(async () => {
  first = await startCouchServer();
  secondDir = await mkdtemp(join(tmpdir(), 'balai-hub-second-'));
  const admin = { username: 'admin', password: randomBytes(12).toString('hex') };
  const hub = await startHub({ port: 0, dataDir: secondDir, admin });
  second = { url: hub.url, admin, hub };
});
afterEach(closeAllKiosks);
afterAll(async () => {
  await first?.stop();
  await second?.hub.close();
  await rm(secondDir, { recursive: true, force: true });
});

const asAdmin = (s: { url: string; admin: { username: string; password: string } }) =>
  ({ url: s.url, ...s.admin }) as AdminConnection;

async function kioskLogin(admin: AdminConnection, code: VillageCode, kioskId: string) {
  const { username, password } = await provisionKiosk(admin, { villageCode: code, kioskId });
  return { url: admin.url, username, password } satisfies KioskLogin;
}

/** Every request on a server: id → { rev, purpose }. */
async function requestsOn(admin: AdminConnection, code: VillageCode) {
  const res = await fetch(`${admin.url}${villageDbName(code)}/_all_docs?include_docs=true`, {
    headers: { Authorization: basicAuth(admin.username, admin.password) },
  });
  const body = (await res.json()) as { rows: { id: string; doc: Record<string, unknown> }[] };
  const rows = body.rows.filter((r) => r.doc.type === 'request');
  return new Map(rows.map((r) => [r.id, { rev: String(r.doc._rev), purpose: r.doc.purpose }]));
}

it('a kiosk moved to another server and back ends with every document on both, once', async () => {
  const code = uniqueVillageCode();
  const a = asAdmin(first);
  const b = asAdmin(second);
  await provisionVillage(a, { villageCode: code });
  await provisionVillage(b, { villageCode: code });

  // Another kiosk of the village writes to the first server, a third one to the second.
  const k2 = await openNodeKiosk({
    villageCode: code,
    kioskId: 'k2',
    login: await kioskLogin(a, code, 'k2'),
  });
  for (let i = 0; i < 2; i++) await k2.addRequest({ name: `Warga Kedua ${i}` });
  await k2.replicator.syncOnce();
  await k2.close(); // RxDB's open build allows 13 collections a process: two kiosks at a time
  const k3 = await openNodeKiosk({
    villageCode: code,
    kioskId: 'k3',
    login: await kioskLogin(b, code, 'k3'),
  });
  for (let i = 0; i < 2; i++) await k3.addRequest({ name: `Warga Ketiga ${i}` });
  await k3.replicator.syncOnce();
  await k3.close();

  // The kiosk syncs with the first server, then edits one document and adds one, unsynced.
  const loginA = await kioskLogin(a, code, 'k1');
  const loginB = await kioskLogin(b, code, 'k1');
  let k1 = await openNodeKiosk({ villageCode: code, kioskId: 'k1', login: loginA });
  const mine: RequestDoc[] = [];
  for (let i = 0; i < 3; i++) mine.push(await k1.addRequest({ name: `Warga Pertama ${i}` }));
  await k1.replicator.syncOnce();
  expect(await k1.db.requests.count().exec()).toBe(5);
  const edited = await k1.db.requests.findOne(mine[0]!.id).exec();
  await edited!.incrementalPatch({
    purpose: 'Pindah ke server baru',
    updatedAt: new Date().toISOString(),
    syncState: 'pending',
  });
  await k1.addRequest({ name: 'Warga Pertama 3' });

  // Pointed at the second server: it pulls all from the start and sends what it lacks.
  k1 = await k1.restart({ login: loginB });
  await k1.replicator.syncOnce();
  const onB = await requestsOn(b, code);
  expect(onB.size).toBe(8); // k1's 4, k2's 2 it had pulled, k3's 2
  expect([...onB.values()].every((d) => d.rev.startsWith('1-'))).toBe(true); // each sent once
  expect(onB.get(mine[0]!.id)?.purpose).toBe('Pindah ke server baru');
  expect(await k1.db.requests.count().exec()).toBe(8);
  // The status counts at most every 200 ms (sync-status.ts).
  await expect.poll(() => k1.replicator.status.pending).toBe(0);

  // A second sync sends nothing again.
  await k1.replicator.syncOnce();
  expect([...(await requestsOn(b, code)).values()].every((d) => d.rev.startsWith('1-'))).toBe(true);

  // And back to the first: it gets k3's documents, the new one, and the edit as its next revision.
  k1 = await k1.restart({ login: loginA });
  await k1.replicator.syncOnce();
  const onA = await requestsOn(a, code);
  expect(onA.size).toBe(8);
  expect(onA.get(mine[0]!.id)).toMatchObject({ purpose: 'Pindah ke server baru' });
  expect(onA.get(mine[0]!.id)?.rev.startsWith('2-')).toBe(true);
  const others = [...onA].filter(([id]) => id !== mine[0]!.id);
  expect(others.every(([, d]) => d.rev.startsWith('1-'))).toBe(true);
  // The status counts at most every 200 ms (sync-status.ts).
  await expect.poll(() => k1.replicator.status.pending).toBe(0);
  expect(await k1.db.requests.count().exec()).toBe(8);
});
