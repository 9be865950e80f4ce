// The kiosk's replication against a real CouchDB-protocol server: the embedded hub on a free
// port, or the CouchDB named by COUCHDB_URL.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { villageDbName, type VillageCode } from '../../shared/village';
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
import {
  closeAllKiosks,
  openNodeKiosk,
  type KioskLogin,
  type NodeKiosk,
} from '../support/node-kiosk';

let server: CouchServer;
let admin: AdminConnection;

beforeAll(async () => {
  server = await startCouchServer();
  admin = { url: server.url, ...server.admin };
});
afterEach(closeAllKiosks);
afterAll(async () => server?.stop());

async function village(kiosks: string[]): Promise<{ code: VillageCode; logins: KioskLogin[] }> {
  const code = uniqueVillageCode();
  await provisionVillage(admin, { villageCode: code });
  const logins = [];
  for (const kioskId of kiosks) {
    const { username, password } = await provisionKiosk(admin, { villageCode: code, kioskId });
    logins.push({ url: server.url, username, password });
  }
  return { code, logins };
}

/** The documents of one type in a village database, as the regency sees them. */
async function regencyDocs(code: VillageCode, type: string): Promise<Record<string, unknown>[]> {
  const res = await fetch(`${server.url}${villageDbName(code)}/_all_docs?include_docs=true`, {
    headers: { Authorization: basicAuth(server.admin.username, server.admin.password) },
  });
  const body = (await res.json()) as { rows: { doc: Record<string, unknown> }[] };
  return body.rows.map((r) => r.doc).filter((d) => d.type === type);
}

async function regencyPut(code: VillageCode, doc: Record<string, unknown>) {
  const res = await fetch(
    `${server.url}${villageDbName(code)}/${encodeURIComponent(String(doc._id))}`,
    {
      method: 'PUT',
      headers: {
        Authorization: basicAuth(server.admin.username, server.admin.password),
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(doc),
    },
  );
  expect(res.status).toBe(201);
}

const official = (code: VillageCode, name: string) => ({
  _id: `official:${code}:kades`,
  id: `official:${code}:kades`,
  type: 'official',
  villageCode: code,
  kioskId: 'kabupaten',
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  name,
  position: 'Kepala Desa',
  employeeNumber: '',
  role: 'kepala-desa',
  active: true,
});

async function until(check: () => Promise<boolean> | boolean, ms = 15_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not met in time');
}

describe('kiosk sync', () => {
  it('keeps working offline, then delivers exactly once, across a restart', async () => {
    const { code, logins } = await village(['k1']);
    const unreachable = { ...logins[0]!, url: 'http://127.0.0.1:9/' };
    let kiosk: NodeKiosk = await openNodeKiosk({
      villageCode: code,
      kioskId: 'k1',
      login: unreachable,
    });
    const saved = [
      await kiosk.addRequest({ name: 'Ani' }),
      await kiosk.addRequest({ name: 'Bayu' }),
    ];
    await expect(kiosk.replicator.syncOnce()).rejects.toMatchObject({ kind: 'offline' });
    await until(() => kiosk.replicator.status.pending === 2);

    kiosk = await kiosk.restart(); // the PC was switched off in between
    expect(await kiosk.db.requests.count().exec()).toBe(2);
    kiosk = await kiosk.restart({ login: logins[0]! }); // and the link came up
    await kiosk.replicator.syncOnce();

    const atRegency = await regencyDocs(code, 'request');
    expect(atRegency.map((d) => d.residentName).sort()).toEqual(['Ani', 'Bayu']);
    expect(atRegency.map((d) => d._id).sort()).toEqual(saved.map((d) => d.id).sort());
    expect(atRegency.every((d) => String(d._rev).startsWith('1-'))).toBe(true);
    await until(() => kiosk.replicator.status.pending === 0);
    await kiosk.close();
  });

  it('does not duplicate a push whose answer was lost, even after a restart', async () => {
    const { code, logins } = await village(['k1']);
    // The network delivers the push to the regency but the answer never comes back.
    const loseBulkAnswers: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (String(input).endsWith('_bulk_docs')) {
        await res.arrayBuffer();
        throw new TypeError('connection reset');
      }
      return res;
    };
    let kiosk = await openNodeKiosk({
      villageCode: code,
      kioskId: 'k1',
      login: logins[0]!,
      fetch: loseBulkAnswers,
    });
    await kiosk.addRequest({ name: 'Citra' });
    await expect(kiosk.replicator.syncOnce()).rejects.toMatchObject({ kind: 'offline' });
    expect(await regencyDocs(code, 'request')).toHaveLength(1); // it did arrive

    kiosk = await kiosk.restart();
    await kiosk.replicator.syncOnce();
    const atRegency = await regencyDocs(code, 'request');
    expect(atRegency).toHaveLength(1);
    expect(String(atRegency[0]!._rev)).toMatch(/^1-/); // not rewritten
    const local = await kiosk.db.requests.find().exec();
    expect(local.map((d) => [d.syncState, d.couchRev])).toEqual([['synced', atRegency[0]!._rev]]);
    expect(kiosk.replicator.status.conflicts).toBe(0);
    await kiosk.close();
  });

  it('brings the regency’s documents down and shows each kiosk the other’s work', async () => {
    const { code, logins } = await village(['k1', 'k2']);
    const k1 = await openNodeKiosk({ villageCode: code, kioskId: 'k1', login: logins[0]! });
    const k2 = await openNodeKiosk({ villageCode: code, kioskId: 'k2', login: logins[1]! });
    await regencyPut(code, official(code, 'Hj. Sulastri'));
    await regencyPut(code, {
      ...official(code, ''),
      _id: `template:${code}:sktm`,
      id: `template:${code}:sktm`,
      type: 'template',
      letterType: 'sktm',
      title: 'SURAT KETERANGAN TIDAK MAMPU',
      body: ['{nama} termasuk keluarga kurang mampu di Desa {desa}.'],
      closing: '',
    });
    await k1.addRequest({ name: 'Dari meja satu' });
    await k2.addRequest({ name: 'Dari meja dua' });

    await k1.replicator.syncOnce();
    await k2.replicator.syncOnce();
    await k1.replicator.syncOnce();

    for (const kiosk of [k1, k2]) {
      const names = (await kiosk.db.requests.find().exec())
        .map((d) => d.get('residentName') as string)
        .sort();
      expect(names).toEqual(['Dari meja dua', 'Dari meja satu']);
      const officials = await kiosk.db.registry.find({ selector: { type: 'official' } }).exec();
      expect(officials.map((o) => o.get('name'))).toEqual(['Hj. Sulastri']);
      const templates = await kiosk.db.registry.find({ selector: { type: 'template' } }).exec();
      expect(templates.map((t) => t.get('body'))).toEqual([
        ['{nama} termasuk keluarga kurang mampu di Desa {desa}.'],
      ]);
      await until(() => kiosk.replicator.status.pending === 0);
    }
    await Promise.all([k1.close(), k2.close()]);
  });

  it('replicates live both ways while running', async () => {
    const { code, logins } = await village(['k1']);
    const kiosk = await openNodeKiosk({ villageCode: code, kioskId: 'k1', login: logins[0]! });
    kiosk.replicator.start();
    await until(() => kiosk.replicator.status.state === 'up-to-date');

    const doc = await kiosk.addRequest({ name: 'Eko' });
    await until(async () => (await regencyDocs(code, 'request')).some((d) => d._id === doc.id));
    await regencyPut(code, official(code, 'Bapak Kades Baru'));
    await until(async () => (await kiosk.db.registry.count().exec()) === 1);
    await until(
      () => kiosk.replicator.status.state === 'up-to-date' && kiosk.replicator.status.pending === 0,
    );
    expect(kiosk.replicator.status.lastSuccessAt).not.toBeNull();
    await kiosk.close();
  });

  it('sets aside a document the regency refuses, with its reason, and sends the rest', async () => {
    const { code, logins } = await village(['k1']);
    const kiosk = await openNodeKiosk({ villageCode: code, kioskId: 'k1', login: logins[0]! });
    const good = await kiosk.addRequest({ name: 'Fajar' });
    // A document claiming another village: the regency's validation must refuse it.
    const forged = { ...good, id: good.id.replace(/k1$/, 'k9'), villageCode: uniqueVillageCode() };
    await kiosk.db.requests.insert({
      ...forged,
      syncState: 'pending',
      couchRev: '',
      syncError: '',
    });

    await kiosk.replicator.syncOnce();
    expect((await regencyDocs(code, 'request')).map((d) => d._id)).toEqual([good.id]);
    const setAside = await kiosk.db.requests.findOne(forged.id).exec();
    expect(setAside?.syncState).toBe('rejected');
    expect(setAside?.syncError).not.toBe('');
    await until(
      () => kiosk.replicator.status.pending === 0 && kiosk.replicator.status.rejected === 1,
    );
    await kiosk.close();
  });

  it('pulls in small batches and resumes after a cut link without fetching anything twice', async () => {
    const { code, logins } = await village(['k1', 'k2']);
    const writer = await openNodeKiosk({ villageCode: code, kioskId: 'k2', login: logins[1]! });
    for (let i = 0; i < 25; i++) await writer.addRequest({ name: `Warga ${i}` });
    await writer.replicator.syncOnce();

    const isBodyFetch = (input: unknown) => String(input).includes('_all_docs');
    let bodyFetches = 0;
    const cutAfterTwoBatches: typeof fetch = async (input, init) => {
      if (isBodyFetch(input) && ++bodyFetches > 2) throw new TypeError('link down');
      return fetch(input, init);
    };
    let reader = await openNodeKiosk({
      villageCode: code,
      kioskId: 'k1',
      login: logins[0]!,
      fetch: cutAfterTwoBatches,
      batchSize: 5,
    });
    await expect(reader.replicator.syncOnce()).rejects.toMatchObject({ kind: 'offline' });
    expect(await reader.db.requests.count().exec()).toBe(10);

    const fetchedAgain: string[] = [];
    const recording: typeof fetch = async (input, init) => {
      if (isBodyFetch(input))
        fetchedAgain.push(...(JSON.parse(String(init?.body)) as { keys: string[] }).keys);
      return fetch(input, init);
    };
    reader = await reader.restart({ fetch: recording });
    await reader.replicator.syncOnce();
    expect(await reader.db.requests.count().exec()).toBe(25);
    expect(fetchedAgain).toHaveLength(15); // only what the cut link had not delivered
    await Promise.all([writer.close(), reader.close()]);
  });

  it('stops pulling when the server says nothing is pending, even on a full last page', async () => {
    // CouchDB answers `_changes` with `pending` and opaque string sequences, and so does the hub:
    // the kiosk keeps the string as its checkpoint and trusts `pending` over the page size.
    const { code, logins } = await village(['k1']);
    const feed = await fetch(`${server.url}${villageDbName(code)}/_changes`, {
      headers: { Authorization: basicAuth(server.admin.username, server.admin.password) },
    });
    const already = ((await feed.json()) as { results: unknown[] }).results.length;
    const pullBatch = 10; // the replicator pulls 5 push batches at a time; batchSize 2 below
    const toAdd = pullBatch - (already % pullBatch);
    for (let i = 0; i < toAdd; i++) {
      const doc = official(code, `Perangkat ${i}`);
      await regencyPut(code, { ...doc, _id: `${doc._id}-${i}`, id: `${doc.id}-${i}` });
    }
    const pulls: { results: unknown[]; last_seq: unknown; pending?: number }[] = [];
    const watching: typeof fetch = async (input, init) => {
      const answer = await fetch(input, init);
      if (String(input instanceof Request ? input.url : input).includes('/_changes')) {
        pulls.push((await answer.clone().json()) as (typeof pulls)[number]);
      }
      return answer;
    };
    const kiosk = await openNodeKiosk({
      villageCode: code,
      kioskId: 'k1',
      login: logins[0]!,
      batchSize: 2,
      fetch: watching,
    });
    await kiosk.replicator.syncOnce();
    expect(pulls.length).toBe((already + toAdd) / pullBatch);
    expect(pulls.every((pull) => pull.results.length === pullBatch)).toBe(true);
    expect(pulls.at(-1)!.pending).toBe(0);
    expect(pulls.every((pull) => typeof pull.last_seq === 'string')).toBe(true);
    const officials = await kiosk.db.registry.find({ selector: { type: 'official' } }).exec();
    expect(officials).toHaveLength(toAdd);
  });

  it('tells the regency how its sync goes: failures by kind, documents, both clocks', async () => {
    const { code, logins } = await village(['k1']);
    const unreachable = { ...logins[0]!, url: 'http://127.0.0.1:9/' };
    let kiosk = await openNodeKiosk({ villageCode: code, kioskId: 'k1', login: unreachable });
    await kiosk.addRequest({ name: 'Gita' });
    await expect(kiosk.replicator.syncOnce()).rejects.toMatchObject({ kind: 'offline' });
    kiosk = await kiosk.restart({ login: logins[0]! });
    await kiosk.replicator.syncOnce();

    const [report] = await regencyDocs(code, 'sync-report');
    expect(report).toMatchObject({
      _id: `sync-report:${code}:k1`,
      kioskId: 'k1',
      failures: { offline: 1 },
      docsPushed: 1,
      pending: 0,
    });
    expect(Date.parse(String(report!.lastSuccessAt))).toBeGreaterThan(Date.now() - 60_000);
    expect(Math.abs(Number(report!.clockSkewMs))).toBeLessThan(5_000); // same machine
    expect(report!.serverTime).toEqual(expect.any(String));
    await until(() => kiosk.replicator.status.clockSkewMs !== null); // what staff are shown
  });

  /** A fetch whose `_bulk_docs` answers come 200 ms late, as over a slow link, counting those at once. */
  function slowPushes() {
    let inFlight = 0;
    const seen = { most: 0 };
    // A push that waited for each batch would never have two at the server.
    const fetchSlowly: typeof fetch = async (input, init) => {
      if (!String(input).endsWith('_bulk_docs')) return fetch(input, init);
      seen.most = Math.max(seen.most, ++inFlight);
      try {
        const res = await fetch(input, init);
        await new Promise((resolve) => setTimeout(resolve, 200));
        return res;
      } finally {
        inFlight--;
      }
    };
    return { fetchSlowly, seen };
  }

  for (const way of ['one pass', 'live'] as const) {
    it(`keeps several pushes in flight (${way}), and each document arrives once`, async () => {
      const { code, logins } = await village(['k1']);
      const { fetchSlowly, seen } = slowPushes();
      const kiosk = await openNodeKiosk({
        villageCode: code,
        kioskId: 'k1',
        login: logins[0]!,
        fetch: fetchSlowly,
        batchSize: 5,
      });
      for (let i = 0; i < 30; i++) await kiosk.addRequest({ name: `Warga ${i}` });
      if (way === 'one pass') await kiosk.replicator.syncOnce();
      else {
        kiosk.replicator.start();
        await until(
          async () =>
            (await kiosk.db.requests.count({ selector: { syncState: 'synced' } }).exec()) === 30,
          60_000,
        );
        await kiosk.replicator.stop();
      }
      expect(seen.most).toBe(4);
      const atRegency = await regencyDocs(code, 'request');
      expect(atRegency).toHaveLength(30);
      expect(atRegency.every((d) => String(d._rev).startsWith('1-'))).toBe(true);
      expect(await kiosk.db.requests.count({ selector: { syncState: 'synced' } }).exec()).toBe(30);
    });
  }

  it('compresses what it pushes, and the regency takes it', async () => {
    const { code, logins } = await village(['k1']);
    const encodings: (string | null)[] = [];
    const watching: typeof fetch = async (input, init) => {
      if (String(input).endsWith('_bulk_docs')) {
        encodings.push(new Headers(init?.headers).get('content-encoding'));
      }
      return fetch(input, init);
    };
    const kiosk = await openNodeKiosk({
      villageCode: code,
      kioskId: 'k1',
      login: logins[0]!,
      fetch: watching,
    });
    for (let i = 0; i < 20; i++) await kiosk.addRequest({ name: `Warga ${i}` });
    await kiosk.replicator.syncOnce();
    expect(await regencyDocs(code, 'request')).toHaveLength(20);
    // CouchDB and the hub take gzip bodies; a server that refused would get them plain, once told.
    expect(encodings[0]).toBe('gzip');
  });
});
