// The parts of the CouchDB HTTP API the kiosk's replication relies on, as a village kiosk sees
// them. Runs against the hub or a real CouchDB alike: the hub must behave like CouchDB here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VillageCode } from '../../shared/village';
import {
  basicAuth,
  couchCall,
  couchServerKind,
  provisionedVillage,
  startCouchServer,
  type CouchServer,
  type Login,
} from '../support/couch-server';

const hubOnly = it.skipIf(couchServerKind === 'couchdb');
if (couchServerKind === 'couchdb') {
  console.info(
    'hub-protocol: COUCHDB_URL is set; how the hub reads its own earlier numeric sequences and ' +
      "other servers' sequences is the hub's, and is skipped.",
  );
}

let server: CouchServer;
let code: VillageCode;
let db: string;
let kiosk: Login;

interface Change {
  id: string;
  seq: unknown;
  doc?: Record<string, unknown>;
  deleted?: boolean;
}
interface Changes {
  results: Change[];
  last_seq: unknown;
  pending?: number;
}

const call = <T = Record<string, unknown>>(method: string, path: string, body?: unknown) =>
  couchCall<T>(server, kiosk, method, path, body);

let sequence = 0;
function villageDoc(extra: object = {}) {
  const id = `request:${String(Date.now()).padStart(12, '0')}${sequence++}:${code}:k1`;
  return { _id: id, id, type: 'request', villageCode: code, kioskId: 'k1', ...extra };
}

async function put(doc: { _id: string }) {
  const answer = await call<{ rev: string }>('PUT', `${db}/${encodeURIComponent(doc._id)}`, doc);
  expect(answer.status).toBe(201);
  return answer.body.rev;
}

beforeAll(async () => {
  server = await startCouchServer();
  ({ code, db, kiosk } = await provisionedVillage(server));
});
afterAll(async () => server?.stop());

describe('sessions', () => {
  it('knows a basic-auth user, and refuses a wrong password with 401', async () => {
    const session = await call<{ userCtx: { name: string; roles: string[] } }>('GET', '_session');
    expect(session.body.userCtx).toEqual({ name: kiosk.username, roles: [`desa:${code}`] });
    const wrong = await couchCall(
      server,
      { ...kiosk, password: 'not-the-password' },
      'GET',
      '_session',
    );
    expect(wrong.status).toBe(401);
  });

  it('logs in with POST /_session and then knows the cookie', async () => {
    const login = await fetch(server.url + '_session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: kiosk.username, password: kiosk.password }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect(cookie).toMatch(/^AuthSession=./);
    const session = await fetch(server.url + '_session', { headers: { Cookie: cookie } });
    expect(((await session.json()) as { userCtx: { name: string } }).userCtx.name).toBe(
      kiosk.username,
    );
  });

  it('dates every answer, errors included', async () => {
    for (const path of ['', '_session', `${db}/missing-doc`]) {
      const answer = await fetch(server.url + path, {
        headers: { Authorization: basicAuth(kiosk.username, kiosk.password) },
      });
      expect(Number.isNaN(Date.parse(answer.headers.get('date') ?? ''))).toBe(false);
    }
  });
});

describe('_changes', () => {
  // A clustered CouchDB merges its shards' feeds: rows are not in write order (issue 19), so
  // these tests compare sets of ids, never sequences.
  it('pages through changes with since, limit and include_docs', async () => {
    const docs = [villageDoc(), villageDoc(), villageDoc()];
    for (const doc of docs) await put(doc);
    const all = await call<Changes>('GET', `${db}/_changes?include_docs=true`);
    const ids = all.body.results.map((change) => change.id);
    expect(ids).toEqual(expect.arrayContaining(docs.map((doc) => doc._id)));

    let since: unknown = 0;
    const paged: string[] = [];
    for (;;) {
      const page = await call<Changes>(
        'GET',
        `${db}/_changes?include_docs=true&limit=2&since=${encodeURIComponent(String(since))}`,
      );
      expect(page.body.results.length).toBeLessThanOrEqual(2);
      if (page.body.results.length === 0) break;
      for (const change of page.body.results) {
        expect(change.doc?._id).toBe(change.id);
        paged.push(change.id);
      }
      since = page.body.last_seq;
    }
    expect(new Set(paged)).toEqual(new Set(ids));

    const now = await call<Changes>('GET', `${db}/_changes?since=now`);
    expect(now.body.results).toEqual([]);
  });

  it('gives out opaque string sequences and counts what is pending, as CouchDB 3 does', async () => {
    for (let i = 0; i < 3; i++) await put(villageDoc());
    const all = await call<Changes>('GET', `${db}/_changes`);
    expect(all.body.pending).toBe(0);
    // CouchDB 3: "<n>-<opaque>", e.g. "12-g1AAAA…"; the client keeps it as it is.
    expect(all.body.last_seq).toEqual(expect.stringMatching(/^\d+-[A-Za-z0-9_-]+$/));
    for (const change of all.body.results) expect(typeof change.seq).toBe('string');

    let since: unknown = 0;
    const seen = new Set<string>();
    for (let pages = 0; ; pages++) {
      expect(pages, 'pending never reached 0').toBeLessThan(all.body.results.length);
      const page = await call<Changes>(
        'GET',
        `${db}/_changes?limit=2&since=${encodeURIComponent(String(since))}`,
      );
      expect(page.status).toBe(200);
      for (const change of page.body.results) seen.add(change.id);
      since = page.body.last_seq;
      expect(typeof page.body.pending).toBe('number');
      if (page.body.pending === 0) break;
      expect(page.body.results.length).toBe(2);
    }
    expect(seen).toEqual(new Set(all.body.results.map((change) => change.id)));
    const after = await call<Changes>(
      'GET',
      `${db}/_changes?since=${encodeURIComponent(String(since))}`,
    );
    expect(after.body.results).toEqual([]);
    expect(after.body.pending).toBe(0);
  });

  it("answers a since it cannot read with CouchDB's 400", async () => {
    for (const since of ['garbage', '-5', '%7B%7D', '12-', '12-g1AAAA%20x']) {
      const answer = await call<{ error: string }>('GET', `${db}/_changes?since=${since}`);
      expect(answer.status, since).toBe(400);
      expect(answer.body.error).toBe('bad_request');
    }
  });

  hubOnly(
    'starts from 0 a sequence of another database, and still takes its old numbers',
    async () => {
      const all = await call<Changes>('GET', `${db}/_changes`);
      // Another server's sequence (or this name's, before the database was made again): CouchDB
      // starts the shards it cannot find in a sequence from 0; so does the hub.
      const foreign = await call<Changes>(
        'GET',
        `${db}/_changes?since=12-g1AAAAFTeJzLYWBg4MhgTmEQ`,
      );
      expect(foreign.status).toBe(200);
      expect(foreign.body.results.map((change) => change.id)).toEqual(
        all.body.results.map((change) => change.id),
      );
      // Kiosks synced before the hub gave out strings hold a number: it still resumes there.
      const numeric = await call<Changes>('GET', `${db}/_changes?since=1`);
      expect(numeric.status).toBe(200);
      expect(numeric.body.results.length).toBe(all.body.results.length - 1);
    },
  );

  it('filters by document ids', async () => {
    const [wanted, other] = [villageDoc(), villageDoc()];
    await put(wanted);
    await put(other);
    const answer = await call<Changes>('POST', `${db}/_changes?filter=_doc_ids`, {
      doc_ids: [wanted._id],
    });
    expect(answer.body.results.map((change) => change.id)).toEqual([wanted._id]);
  });

  it('holds a long poll until a change comes, then answers with it', async () => {
    const current = await call<Changes>('GET', `${db}/_changes?since=now`);
    const since = encodeURIComponent(String(current.body.last_seq));
    const started = Date.now();
    const waiting = call<Changes>(
      'GET',
      `${db}/_changes?feed=longpoll&include_docs=true&since=${since}&timeout=20000`,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const doc = villageDoc();
    await put(doc);
    const answer = await waiting;
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(answer.body.results.map((change) => change.doc?._id)).toEqual([doc._id]);
  });

  it('ends a long poll with no results when its timeout passes', async () => {
    const started = Date.now();
    const answer = await call<Changes>('GET', `${db}/_changes?feed=longpoll&since=now&timeout=500`);
    expect(answer.status).toBe(200);
    expect(answer.body.results).toEqual([]);
    expect(answer.body.last_seq).toBeDefined();
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(400);
    expect(waited).toBeLessThan(10_000);
  });
});

describe('documents and the replication endpoints', () => {
  it('refuses a stale write with 409', async () => {
    const doc = villageDoc();
    await put(doc);
    const again = await call('PUT', `${db}/${encodeURIComponent(doc._id)}`, doc);
    expect(again.status).toBe(409);
  });

  it('answers _bulk_docs row by row in request order, a refused document included', async () => {
    const [first, refused, last] = [
      villageDoc(),
      villageDoc({ villageCode: '0000000000' }),
      villageDoc(),
    ];
    const answer = await call<{ id: string; ok?: boolean; error?: string }[]>(
      'POST',
      `${db}/_bulk_docs`,
      {
        docs: [first, refused, last],
      },
    );
    expect(answer.status).toBe(201);
    expect(answer.body.map((row) => row.id)).toEqual([first._id, refused._id, last._id]);
    expect(answer.body.map((row) => row.ok ?? row.error)).toEqual([true, 'forbidden', true]);
  });

  it('answers a write that extends no leaf with conflict before validating it, as CouchDB does', async () => {
    // A kiosk's push sent twice (its answer lost on the way): the second copy is a conflict, not
    // the validation's refusal of a carried-over push mark, so the kiosk never takes it as refused.
    const doc = villageDoc({ pushedBy: 'run-a.1' });
    const first = await call<{ ok?: boolean }[]>('POST', `${db}/_bulk_docs`, { docs: [doc] });
    expect(first.body.map((row) => row.ok)).toEqual([true]);
    const other = villageDoc({ pushedBy: 'run-a.1' });
    const again = await call<{ id: string; ok?: boolean; error?: string }[]>(
      'POST',
      `${db}/_bulk_docs`,
      { docs: [doc, other] },
    );
    expect(again.body.map((row) => [row.id, row.ok ?? row.error])).toEqual([
      [doc._id, 'conflict'],
      [other._id, true],
    ]);
    // A stale revision too: the document's first revision after it was replaced.
    const stale = { ...doc, _rev: '1-00000000000000000000000000000000', pushedBy: 'run-b.1' };
    const staleAnswer = await call<{ error?: string }[]>('POST', `${db}/_bulk_docs`, {
      docs: [stale],
    });
    expect(staleAnswer.body.map((row) => row.error)).toEqual(['conflict']);
  });

  it('answers _all_docs by keys, naming missing ones', async () => {
    const doc = villageDoc();
    const rev = await put(doc);
    const answer = await call<{ rows: Record<string, unknown>[] }>('POST', `${db}/_all_docs`, {
      keys: [doc._id, 'request:missing'],
      include_docs: true,
    });
    expect(answer.body.rows[0]).toMatchObject({
      id: doc._id,
      value: { rev },
      doc: { _id: doc._id },
    });
    expect(answer.body.rows[1]).toMatchObject({ key: 'request:missing', error: 'not_found' });
  });

  it('takes replicated revisions (new_edits: false) and reports them through _revs_diff and _bulk_get', async () => {
    const doc = { ...villageDoc(), _rev: '1-0123456789abcdef0123456789abcdef' };
    const written = await call('POST', `${db}/_bulk_docs`, { docs: [doc], new_edits: false });
    expect(written.status).toBe(201);

    const diff = await call('POST', `${db}/_revs_diff`, {
      [doc._id]: [doc._rev, '2-fedcba9876543210fedcba9876543210'],
    });
    // CouchDB may add possible_ancestors; the missing list is what replication acts on.
    expect(diff.body).toMatchObject({
      [doc._id]: { missing: ['2-fedcba9876543210fedcba9876543210'] },
    });

    const got = await call<{ results: { id: string; docs: { ok?: Record<string, unknown> }[] }[] }>(
      'POST',
      `${db}/_bulk_get?revs=true`,
      { docs: [{ id: doc._id, rev: doc._rev }] },
    );
    expect(got.body.results[0]?.docs[0]?.ok).toMatchObject({ _id: doc._id, _rev: doc._rev });
  });

  it('keeps _local documents out of _all_docs and _changes', async () => {
    const checkpoint = { _id: '_local/checkpoint-k1', last_seq: 42 };
    expect((await call('PUT', `${db}/_local/checkpoint-k1`, checkpoint)).status).toBe(201);
    const read = await call<{ last_seq: number; _rev: string }>(
      'GET',
      `${db}/_local/checkpoint-k1`,
    );
    expect(read.body.last_seq).toBe(42);
    expect(
      (await call('PUT', `${db}/_local/checkpoint-k1`, { ...read.body, last_seq: 43 })).status,
    ).toBe(201);

    const all = await call('GET', `${db}/_all_docs`);
    const changes = await call('GET', `${db}/_changes`);
    expect(JSON.stringify(all.body)).not.toContain('checkpoint-k1');
    expect(JSON.stringify(changes.body)).not.toContain('checkpoint-k1');
  });
});
