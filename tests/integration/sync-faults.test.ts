// Replication over a link that cuts answers, fails, stalls and delivers requests twice, with a
// kiosk restart in the middle: every document arrives exactly once and nothing is lost.
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
import { seededRandom, startLinkProxy, type RunningLink } from '../support/link-proxy';
import { closeAllKiosks, openNodeKiosk, type NodeKiosk } from '../support/node-kiosk';

let server: CouchServer;
let admin: AdminConnection;
let link: RunningLink;

beforeAll(async () => {
  server = await startCouchServer();
  admin = { url: server.url, ...server.admin };
  link = await startLinkProxy({
    upstream: server.url,
    faults: { cut: 0.15, error500: 0.1, stall: 0.05, duplicate: 0.15 },
    faultPaths: /\/desa_/,
    random: seededRandom(20261128),
  });
});
afterEach(closeAllKiosks);
afterAll(async () => {
  await link?.close();
  await server?.stop();
});

async function requestsAtRegency(code: VillageCode) {
  const res = await fetch(`${server.url}${villageDbName(code)}/_all_docs?include_docs=true`, {
    headers: { Authorization: basicAuth(server.admin.username, server.admin.password) },
  });
  const body = (await res.json()) as { rows: { id: string; doc: Record<string, unknown> }[] };
  return body.rows.filter((r) => r.doc.type === 'request').map((r) => r.doc);
}

/** Syncs until a round goes through; the link fails often, so most rounds do not. */
async function syncThroughFaults(kiosk: NodeKiosk, maxRounds = 200): Promise<number> {
  for (let round = 1; round <= maxRounds; round++) {
    try {
      await kiosk.replicator.syncOnce();
      return round;
    } catch {
      // a cut, a 500, a stall: try again, as the live loops do after their backoff
    }
  }
  throw new Error('no round got through');
}

describe('sync over a faulty link', () => {
  it('delivers every document exactly once, across faults and a restart', async () => {
    const code = uniqueVillageCode();
    await provisionVillage(admin, { villageCode: code });
    const logins: { url: string; username: string; password: string }[] = [];
    for (const kioskId of ['k1', 'k2']) {
      const { username, password } = await provisionKiosk(admin, { villageCode: code, kioskId });
      logins.push({ url: link.url, username, password });
    }
    const open = (kioskId: string, i: number) =>
      openNodeKiosk({
        villageCode: code,
        kioskId,
        login: logins[i]!,
        batchSize: 7,
        timeoutMs: 1_500,
      });

    let k1 = await open('k1', 0);
    const k2 = await open('k2', 1);
    for (let i = 0; i < 40; i++) {
      await k1.addRequest({ name: `Meja satu ${i}` });
      await k2.addRequest({ name: `Meja dua ${i}` });
    }
    // k1 gets part of the way, then the PC is restarted mid-sync.
    await k1.replicator.syncOnce().catch(() => undefined);
    k1 = await k1.restart();
    await syncThroughFaults(k1);
    await syncThroughFaults(k2);
    await syncThroughFaults(k1);

    const atRegency = await requestsAtRegency(code);
    expect(atRegency).toHaveLength(80);
    expect(new Set(atRegency.map((d) => d._id)).size).toBe(80);
    // Written once each: a duplicate or a retried push never made a second revision.
    expect(atRegency.filter((d) => !String(d._rev).startsWith('1-'))).toEqual([]);
    for (const kiosk of [k1, k2]) {
      const local = await kiosk.db.requests.find().exec();
      expect(local).toHaveLength(80);
      expect(local.filter((d) => d.syncState !== 'synced')).toEqual([]);
    }
    // The faults really happened.
    expect(Object.values(link.stats.faults).every((n) => n > 0)).toBe(true);
  });
});
