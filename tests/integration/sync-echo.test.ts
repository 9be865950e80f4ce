// The pull does not download what the kiosk just sent: the kiosk marks what it pushes with its
// replicator's own random id and asks `_changes` with CouchDB 3's `filter=_selector` to leave
// those revisions out, so the rows of its own pushes never cross the link. What others write —
// another kiosk, or another kiosk's edit of a document this kiosk pushed — still comes down.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { villageDbName, type VillageCode } from '../../shared/village';
import { createCouchClient } from '../../sync/client/couch-client';
import { pendingLocal } from '../../sync/client/local-fields';
import { registerRequests } from '../bench/register-requests';
import { provisionKiosk } from '../../sync/provision/provision';
import {
  basicAuth,
  provisionedVillage,
  startCouchServer,
  type CouchServer,
  type Login,
} from '../support/couch-server';
import { startLinkProxy, type RunningLink } from '../support/link-proxy';
import { closeAllKiosks, openNodeKiosk } from '../support/node-kiosk';

let server: CouchServer;
let link: RunningLink;
let code: VillageCode;
let kiosk: Login;
let other: Login;

beforeAll(async () => {
  server = await startCouchServer();
  ({ code, kiosk } = await provisionedVillage(server));
  other = await provisionKiosk(
    { url: server.url, ...server.admin },
    { villageCode: code, kioskId: 'k2' },
  );
  link = await startLinkProxy({ upstream: server.url });
});
afterEach(closeAllKiosks);
afterAll(async () => {
  await link?.close();
  await server?.stop();
});

/** Every `_changes` answer the kiosk read, as the rows' ids. */
function feedRecorder() {
  const rows: string[] = [];
  const recorded: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    if (!String(input).includes('/_changes')) return res;
    const text = await res.text();
    const body = JSON.parse(text) as { results?: { id: string }[] };
    rows.push(...(body.results ?? []).map((r) => r.id));
    return new Response(text, { status: res.status, headers: res.headers });
  };
  return { rows, fetch: recorded };
}

it('brings none of its own pushes back, and what others wrote still comes down', async () => {
  const feed = feedRecorder();
  const k1 = await openNodeKiosk({
    villageCode: code,
    kioskId: 'k1',
    login: { ...kiosk, url: link.url },
    fetch: feed.fetch,
    storage: 'memory',
    batchSize: 500,
  });
  const docs = registerRequests(code, 1_000);
  await k1.db.requests.bulkInsert(docs.map(pendingLocal));
  const before = { ...link.stats };
  await k1.replicator.syncOnce();
  const up = link.stats.bytesUp - before.bytesUp;
  const down = link.stats.bytesDown - before.bytesDown;
  console.info(`push-only sync of 1,000 requests: ${up} bytes up, ${down} bytes down`);
  // What still comes down is the answers to the pushes (an id and a revision each) and a few
  // small exchanges; the feed's rows of 1,000 own pushes were as much again before.
  expect(down).toBeLessThan(up / 2);
  const mine = new Set(docs.map((d) => d.id));
  expect(feed.rows.filter((id) => mine.has(id))).toEqual([]);
  expect(await k1.db.requests.count({ selector: { syncState: 'synced' } }).exec()).toBe(1_000);

  // Another kiosk adds one request and edits one of ours with its own mark: both come down.
  // A write that carried over k1's mark would never reach k1, so the regency refuses it.
  const k2 = createCouchClient({
    dbUrl: `${server.url}${villageDbName(code)}/`,
    headers: { Authorization: basicAuth(other.username, other.password) },
  });
  const [theirs] = registerRequests(code, 1, 99, 'k2');
  const [edited, copied] = await k2.getDocs([docs[0]!.id, docs[1]!.id]);
  expect(edited?.pushedBy).toMatch(/\.1$/);
  const written = await k2.bulkDocs([
    { ...theirs!, _id: theirs!.id, pushedBy: 'k2-run.1' },
    { ...edited!, purpose: 'Diubah di kios lain', pushedBy: 'k2-run.1' },
    { ...copied!, purpose: 'Disalin dengan tanda k1' },
  ]);
  expect(written.map((r) => r.ok ?? r.error)).toEqual([true, true, 'forbidden']);
  await k1.replicator.syncOnce();
  expect(await k1.db.requests.findOne(theirs!.id).exec()).not.toBeNull();
  const ours = (await k1.db.requests.findOne(docs[0]!.id).exec())?.toJSON();
  expect((ours as { purpose?: string } | undefined)?.purpose).toBe('Diubah di kios lain');
  // Nothing of ours in what the kiosk kept either: the mark stays at the regency.
  expect(Object.keys((await k1.db.requests.findOne(theirs!.id).exec())!.toJSON())).not.toContain(
    'pushedBy',
  );
});
