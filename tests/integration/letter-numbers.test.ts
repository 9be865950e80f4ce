// Two kiosks of one village, both offline, each issue 200 letters; after both sync, the 400
// numbers are distinct and every kiosk's line in the series has no gaps (decision 0007).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createIdGenerator } from '../../shared/ids';
import { DEFAULT_NUMBERING, serialGaps } from '../../shared/letters/numbering';
import { villageDbName } from '../../shared/village';
import { provisionKiosk, provisionVillage } from '../../sync/provision/provision';
import { issueLetter } from '../../renderer/letters/issue';
import {
  basicAuth,
  startCouchServer,
  uniqueVillageCode,
  type CouchServer,
} from '../support/couch-server';
import { closeAllKiosks, openNodeKiosk, type NodeKiosk } from '../support/node-kiosk';

let server: CouchServer;
beforeAll(async () => {
  server = await startCouchServer();
});
afterEach(closeAllKiosks);
afterAll(async () => server?.stop());

const offline = (async () => {
  throw new TypeError('network down');
}) as typeof fetch;

async function issueMany(kiosk: NodeKiosk, code: string, kioskId: string, count: number) {
  const ids = createIdGenerator(code, kioskId);
  const request = await kiosk.addRequest({ name: `Warga ${kioskId}` });
  const all = [];
  for (let i = 0; i < count; i++) {
    // Half of them concurrently: one kiosk must not hand out one serial twice either.
    all.push(
      issueLetter(kiosk.db, {
        request,
        villageCode: code,
        kioskId,
        ids,
        numbering: DEFAULT_NUMBERING,
        date: '2026-11-28',
        signer: { name: 'Hj. Sulastri', position: 'Kepala Desa' },
      }),
    );
    if (i % 2 === 0) await all[all.length - 1];
  }
  return Promise.all(all);
}

describe('letter numbers across offline kiosks', () => {
  it('never collide and leave no gaps after both kiosks sync', async () => {
    const code = uniqueVillageCode();
    const admin = { url: server.url, ...server.admin };
    await provisionVillage(admin, { villageCode: code });
    const logins = [];
    for (const kioskId of ['k1', 'k2']) {
      const { username, password } = await provisionKiosk(admin, { villageCode: code, kioskId });
      logins.push({ url: server.url, username, password });
    }
    const k1 = await openNodeKiosk({
      villageCode: code,
      kioskId: 'k1',
      login: logins[0]!,
      fetch: offline,
    });
    const k2 = await openNodeKiosk({
      villageCode: code,
      kioskId: 'k2',
      login: logins[1]!,
      fetch: offline,
    });
    const [a, b] = await Promise.all([
      issueMany(k1, code, 'k1', 200),
      issueMany(k2, code, 'k2', 200),
    ]);
    expect(a.map((l) => l.number)).toContain('470/001-K1/' + dotted(code) + '/XI/2026');
    expect(b.map((l) => l.number)).toContain('470/001-K2/' + dotted(code) + '/XI/2026');

    // The link comes up.
    const on1 = await k1.restart({ login: logins[0]! });
    const on2 = await k2.restart({ login: logins[1]! });
    await on1.replicator.syncOnce();
    await on2.replicator.syncOnce();
    await on1.replicator.syncOnce();

    const res = await fetch(`${server.url}${villageDbName(code)}/_all_docs?include_docs=true`, {
      headers: { Authorization: basicAuth(server.admin.username, server.admin.password) },
    });
    const rows = ((await res.json()) as { rows: { doc: Record<string, unknown> }[] }).rows;
    const atRegency = rows.map((r) => r.doc).filter((d) => d.type === 'letter');
    expect(atRegency).toHaveLength(400);
    expect(new Set(atRegency.map((d) => d.number)).size).toBe(400);

    for (const kiosk of [on1, on2]) {
      const letters = (await kiosk.db.letters.find().exec()).map((d) => ({
        number: d.get('number') as string,
        series: d.get('series') as string,
        kioskId: d.get('kioskId') as string,
        serial: d.get('serial') as number,
      }));
      expect(letters).toHaveLength(400);
      expect(new Set(letters.map((l) => l.number)).size).toBe(400);
      expect(serialGaps(letters)).toEqual({});
      for (const k of ['k1', 'k2']) {
        const serials = letters.filter((l) => l.kioskId === k).map((l) => l.serial);
        expect(Math.max(...serials)).toBe(200);
      }
    }
  }, 120_000);
});

function dotted(code: string) {
  return `${code.slice(0, 2)}.${code.slice(2, 4)}.${code.slice(4, 6)}.${code.slice(6)}`;
}
