// One database per village is the security boundary (docs/PRINCIPLES.md §5): a village's kiosks reach
// their own database and nothing else, write only what the generated validate_doc_update
// allows, and cannot widen their own access. Runs against the hub or a real CouchDB alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGENCY_STAFF_ROLE, villageDbName, type VillageCode } from '../../shared/village';
import {
  provisionKiosk,
  provisionVillage,
  type AdminConnection,
} from '../../sync/provision/provision';
import {
  couchCall,
  couchServerKind,
  startCouchServer,
  untilLogin,
  uniqueVillageCode,
  type CouchServer,
  type Login,
} from '../support/couch-server';
import {
  expectBulkRowRefused,
  expectSecurityUnchanged,
  expectWriteRefused,
} from '../support/refusals';

let server: CouchServer;
let codeA: VillageCode;
let codeB: VillageCode;
let dbA: string;
let dbB: string;
let kioskA: Login;
let kioskB: Login;
let staff: Login;
let docInB: string;

const DENIED = [401, 403];

if (couchServerKind === 'couchdb') {
  console.info(
    'isolation: COUCHDB_URL is set; CouchDB allows self-signup, so that check is skipped.',
  );
}

const call = <T = Record<string, unknown>>(
  login: Login | null,
  method: string,
  path: string,
  body?: unknown,
) => couchCall<T>(server, login, method, path, body);

let sequence = 0;
/** A village document as a kiosk of `code` writes it: `id` equals `_id`. */
function villageDoc(code: VillageCode, type = 'request', extra: object = {}) {
  const id = `${type}:${String(Date.now()).padStart(12, '0')}${sequence++}:${code}:k1`;
  const now = new Date().toISOString();
  return {
    _id: id,
    id,
    type,
    villageCode: code,
    kioskId: 'k1',
    createdAt: now,
    updatedAt: now,
    ...extra,
  };
}

beforeAll(async () => {
  server = await startCouchServer();
  const admin: AdminConnection = { url: server.url, ...server.admin };
  codeA = uniqueVillageCode();
  codeB = uniqueVillageCode();
  dbA = villageDbName(codeA);
  dbB = villageDbName(codeB);
  await provisionVillage(admin, { villageCode: codeA });
  await provisionVillage(admin, { villageCode: codeB });
  kioskA = await provisionKiosk(admin, { villageCode: codeA, kioskId: 'k1' });
  kioskB = await provisionKiosk(admin, { villageCode: codeB, kioskId: 'k1' });
  staff = { username: `staff-${codeA}`, password: 'staf-kabupaten-1' };
  const staffDoc = {
    name: staff.username,
    type: 'user',
    roles: [REGENCY_STAFF_ROLE],
    password: staff.password,
  };
  const created = await call(
    server.admin,
    'PUT',
    `_users/org.couchdb.user:${staff.username}`,
    staffDoc,
  );
  expect([201, 202]).toContain(created.status);
  await untilLogin(server, staff);
  const inB = villageDoc(codeB);
  expect((await call(kioskB, 'PUT', `${dbB}/${encodeURIComponent(inB._id)}`, inB)).status).toBe(
    201,
  );
  docInB = inB._id;
});
afterAll(async () => server?.stop());

describe("a village kiosk in its own village's database", () => {
  it('writes and reads back its documents by every route replication uses', async () => {
    const doc = villageDoc(codeA);
    const put = await call<{ ok: boolean; rev: string }>(
      kioskA,
      'PUT',
      `${dbA}/${encodeURIComponent(doc._id)}`,
      doc,
    );
    expect(put.status).toBe(201);

    const bulk = villageDoc(codeA, 'ledger');
    const bulkAnswer = await call<{ ok?: boolean; id: string }[]>(
      kioskA,
      'POST',
      `${dbA}/_bulk_docs`,
      { docs: [bulk] },
    );
    expect(bulkAnswer.status).toBe(201);
    expect(bulkAnswer.body).toEqual([expect.objectContaining({ ok: true, id: bulk._id })]);

    const read = await call<{ rows: { id: string; doc: { villageCode: string } }[] }>(
      kioskA,
      'POST',
      `${dbA}/_all_docs`,
      {
        keys: [doc._id, bulk._id],
        include_docs: true,
      },
    );
    expect(read.body.rows.map((row) => row.doc.villageCode)).toEqual([codeA, codeA]);

    const changes = await call<{ results: { id: string }[] }>(
      kioskA,
      'GET',
      `${dbA}/_changes?include_docs=true`,
    );
    expect(changes.body.results.map((row) => row.id)).toEqual(
      expect.arrayContaining([doc._id, bulk._id]),
    );

    const bulkGet = await call<{ results: { id: string }[] }>(kioskA, 'POST', `${dbA}/_bulk_get`, {
      docs: [{ id: doc._id }],
    });
    expect(bulkGet.status).toBe(200);
    const revsDiff = await call(kioskA, 'POST', `${dbA}/_revs_diff`, {
      [doc._id]: [put.body.rev, '9-abc'],
    });
    expect(revsDiff.body).toMatchObject({ [doc._id]: { missing: ['9-abc'] } });
  });

  it("is refused a document carrying another village's code", async () => {
    const forged = villageDoc(codeA, 'request', { villageCode: codeB });
    const answer = await call<{ error: string; reason: string }>(
      kioskA,
      'PUT',
      `${dbA}/${encodeURIComponent(forged._id)}`,
      forged,
    );
    await expectWriteRefused(server, answer, {
      path: `${dbA}/${encodeURIComponent(forged._id)}`,
      rev: null,
      reason: /villageCode/,
    });
  });

  it('is refused a regency document type, and an id that is not its _id', async () => {
    const regency = villageDoc(codeA, 'verification');
    const typeAnswer = await call<{ reason: string }>(
      kioskA,
      'PUT',
      `${dbA}/${encodeURIComponent(regency._id)}`,
      regency,
    );
    await expectWriteRefused(server, typeAnswer, {
      path: `${dbA}/${encodeURIComponent(regency._id)}`,
      rev: null,
      reason: /village kiosk writes only/,
    });

    const mislabelled = villageDoc(codeA, 'request', { id: 'request:other' });
    const idAnswer = await call<{ reason: string }>(
      kioskA,
      'PUT',
      `${dbA}/${encodeURIComponent(mislabelled._id)}`,
      mislabelled,
    );
    await expectWriteRefused(server, idAnswer, {
      path: `${dbA}/${encodeURIComponent(mislabelled._id)}`,
      rev: null,
      reason: /id must equal _id/,
    });
  });

  it('is refused per document in _bulk_docs, while the good ones are kept', async () => {
    const good = villageDoc(codeA);
    const bad = villageDoc(codeA, 'request', { villageCode: codeB });
    const answer = await call<{ id: string; ok?: boolean; error?: string }[]>(
      kioskA,
      'POST',
      `${dbA}/_bulk_docs`,
      {
        docs: [good, bad],
      },
    );
    expect(answer.status).toBe(201);
    const byId = new Map(answer.body.map((row) => [row.id, row]));
    expect(byId.get(good._id)).toMatchObject({ ok: true });
    await expectBulkRowRefused(server, byId.get(bad._id), {
      path: `${dbA}/${encodeURIComponent(bad._id)}`,
      rev: null,
    });
  });

  it('cannot delete a document: documents are voided', async () => {
    const doc = villageDoc(codeA);
    const put = await call<{ rev: string }>(
      kioskA,
      'PUT',
      `${dbA}/${encodeURIComponent(doc._id)}`,
      doc,
    );
    const path = `${dbA}/${encodeURIComponent(doc._id)}`;
    const answer = await call<{ reason: string }>(kioskA, 'DELETE', `${path}?rev=${put.body.rev}`);
    const stored = { path, rev: put.body.rev };
    await expectWriteRefused(server, answer, { ...stored, reason: /voided, not deleted/ });
    const tombstone = { _id: doc._id, _rev: put.body.rev, _deleted: true };
    const bulk = await call<{ error?: string }[]>(kioskA, 'POST', `${dbA}/_bulk_docs`, {
      docs: [tombstone],
    });
    await expectBulkRowRefused(server, bulk.body[0], stored);
    expect((await call(kioskA, 'GET', path)).status).toBe(200);
  });

  it('cannot take over a regency document by changing its type', async () => {
    const official = { ...villageDoc(codeA, 'official'), kioskId: 'kabupaten' };
    const put = await call<{ rev: string }>(
      server.admin,
      'PUT',
      `${dbA}/${encodeURIComponent(official._id)}`,
      official,
    );
    const takeover = { ...official, _rev: put.body.rev, type: 'request' };
    const answer = await call<{ reason: string }>(
      kioskA,
      'PUT',
      `${dbA}/${encodeURIComponent(official._id)}`,
      takeover,
    );
    await expectWriteRefused(server, answer, {
      path: `${dbA}/${encodeURIComponent(official._id)}`,
      rev: put.body.rev,
      reason: /keeps its type/,
    });
  });
});

describe("another village's database", () => {
  it('cannot be read by any route', async () => {
    const id = encodeURIComponent(docInB);
    const attempts: [string, string, unknown?][] = [
      ['GET', dbB],
      ['GET', `${dbB}/${id}`],
      ['GET', `${dbB}/_all_docs?include_docs=true`],
      ['POST', `${dbB}/_all_docs`, { keys: [docInB], include_docs: true }],
      ['GET', `${dbB}/_changes?include_docs=true`],
      ['GET', `${dbB}/_changes?feed=longpoll&since=0&include_docs=true`],
      ['POST', `${dbB}/_bulk_get`, { docs: [{ id: docInB }] }],
      ['POST', `${dbB}/_revs_diff`, { [docInB]: ['1-abc'] }],
      ['POST', `${dbB}/_find`, { selector: {} }],
      ['GET', `${dbB}/_security`],
    ];
    for (const [method, path, body] of attempts) {
      const answer = await call(kioskA, method, path, body);
      expect(DENIED, `${method} ${path} answered ${answer.status}`).toContain(answer.status);
      expect(JSON.stringify(answer.body)).not.toContain(docInB);
    }
  });

  it('cannot be reached under a near-miss of its name', async () => {
    // express-pouchdb sanitizes a database name like a file name, so these all meant desa_B
    // there, past a check made on the name as written.
    for (const name of [
      `${dbB}%3A`,
      `${dbB}.`,
      `${dbB}%3F`,
      `${dbB}%20`,
      `${dbB}%22`,
      `${dbB}%2F`,
    ]) {
      for (const [method, endpoint, body] of [
        ['POST', '_bulk_get', { docs: [{ id: docInB }] }],
        ['POST', '_find', { selector: {} }],
        ['GET', '_all_docs?include_docs=true'],
        ['GET', '_changes?include_docs=true'],
      ] as const) {
        const answer = await call(kioskA, method, `${name}/${endpoint}`, body);
        expect(answer.status, `${method} ${name}/${endpoint}`).toBeGreaterThanOrEqual(400);
        expect(JSON.stringify(answer.body)).not.toContain(docInB);
      }
    }
  });

  it('cannot be written, and neither can anonymous users read or write it', async () => {
    const doc = villageDoc(codeB);
    for (const login of [kioskA, null]) {
      const put = await call(login, 'PUT', `${dbB}/${encodeURIComponent(doc._id)}`, doc);
      expect(DENIED).toContain(put.status);
      const bulk = await call(login, 'POST', `${dbB}/_bulk_docs`, { docs: [doc] });
      // CouchDB refuses the whole request; either way nothing may be written.
      expect(JSON.stringify(bulk.body)).not.toContain('"ok":true');
    }
    expect((await call(null, 'GET', `${dbB}/${encodeURIComponent(docInB)}`)).status).toBe(401);
    expect((await call(server.admin, 'GET', `${dbB}/${encodeURIComponent(doc._id)}`)).status).toBe(
      404,
    );
  });
});

describe('a kiosk cannot widen its own access', () => {
  it('cannot change _security, by the API or by its storage on the hub', async () => {
    const before = await call(server.admin, 'GET', `${dbA}/_security`);
    const widened = {
      admins: { names: [kioskA.username], roles: [] },
      members: { names: [], roles: [`desa:${codeA}`, `desa:${codeB}`, REGENCY_STAFF_ROLE] },
    };
    await expectSecurityUnchanged(
      server,
      dbA,
      await call(kioskA, 'PUT', `${dbA}/_security`, widened),
      before.body,
    );
    // pouchdb-security keeps _security in this local document; on CouchDB it is just a document.
    // Its id may come from the path, from a _bulk_docs body, or from a PUT body's _id.
    for (const rev of ['0-1', '0-2', '0-3']) {
      const storage = { _id: '_local/_security', _rev: rev, security: widened };
      await call(kioskA, 'PUT', `${dbA}/_local/_security`, storage);
      await call(kioskA, 'POST', `${dbA}/_bulk_docs`, { docs: [storage] });
      await call(kioskA, 'PUT', `${dbA}/innocent`, storage);
    }
    expect((await call(server.admin, 'GET', `${dbA}/_security`)).body).toEqual(before.body);
    expect(DENIED).toContain((await call(kioskB, 'GET', `${dbA}/_all_docs`)).status);
    expect(DENIED).toContain((await call(null, 'GET', `${dbA}/_all_docs`)).status);
  });

  it('cannot write a design document', async () => {
    const design = { _id: '_design/evil', validate_doc_update: 'function () {}' };
    expect(DENIED).toContain((await call(kioskA, 'PUT', `${dbA}/_design/evil`, design)).status);
    const bulk = await call(kioskA, 'POST', `${dbA}/_bulk_docs`, { docs: [design] });
    expect(JSON.stringify(bulk.body)).not.toContain('"ok":true');
    expect((await call(server.admin, 'GET', `${dbA}/_design/evil`)).status).toBe(404);
  });

  it('cannot grant itself roles through its _users document', async () => {
    const path = `_users/${encodeURIComponent(`org.couchdb.user:${kioskA.username}`)}`;
    const own = await call<Record<string, unknown>>(kioskA, 'GET', path);
    const raised = { ...own.body, roles: [`desa:${codeA}`, `desa:${codeB}`, REGENCY_STAFF_ROLE] };
    const answer = await call(kioskA, 'PUT', path, raised);
    expect(DENIED).toContain(answer.status);
    const session = await call<{ userCtx: { roles: string[] } }>(kioskA, 'GET', '_session');
    expect(session.body.userCtx.roles).toEqual([`desa:${codeA}`]);
    expect(DENIED).toContain((await call(kioskA, 'GET', dbB)).status);
  });

  it('cannot create databases or users, nor list databases', async () => {
    for (const login of [kioskA, null]) {
      expect(DENIED).toContain((await call(login, 'PUT', `desa_${uniqueVillageCode()}`)).status);
      expect(DENIED).toContain((await call(login, 'GET', '_all_dbs')).status);
      const user = {
        name: `intruder-${codeA}`,
        type: 'user',
        roles: [`desa:${codeB}`],
        password: 'x1234567',
      };
      expect(DENIED).toContain(
        (await call(login, 'PUT', `_users/org.couchdb.user:${user.name}`, user)).status,
      );
    }
    // The hub once wedged every later database request after a non-admin PUT /db: it must not.
    expect((await call(kioskA, 'GET', dbA)).status).toBe(200);
  });

  it('cannot copy its database elsewhere or list the users', async () => {
    const copy = { source: dbA, target: `desa_${uniqueVillageCode()}`, create_target: true };
    expect(DENIED).toContain((await call(kioskA, 'POST', '_replicate', copy)).status);
    expect(DENIED).toContain((await call(kioskA, 'GET', '_users/_all_docs')).status);
    expect((await call(server.admin, 'GET', copy.target)).status).toBe(404);
  });

  // CouchDB lets anyone sign up (a user without roles); the hub has no use for it.
  it.skipIf(couchServerKind === 'couchdb')(
    'cannot sign up on the hub, even without roles',
    async () => {
      const name = `signup-${codeA}`;
      const user = { name, type: 'user', roles: [], password: 'x1234567' };
      expect(DENIED).toContain(
        (await call(null, 'PUT', `_users/org.couchdb.user:${name}`, user)).status,
      );
      expect(
        (await call({ username: name, password: user.password }, 'GET', '_session')).status,
      ).toBe(401);
    },
  );
});

describe('regency staff', () => {
  it('read every village and write only regency documents', async () => {
    expect((await call(staff, 'GET', `${dbB}/${encodeURIComponent(docInB)}`)).status).toBe(200);
    const verification = { ...villageDoc(codeA, 'verification'), kioskId: 'kabupaten' };
    const ok = await call(
      staff,
      'PUT',
      `${dbA}/${encodeURIComponent(verification._id)}`,
      verification,
    );
    expect(ok.status).toBe(201);
    const request = villageDoc(codeA);
    const refused = await call<{ reason: string }>(
      staff,
      'PUT',
      `${dbA}/${encodeURIComponent(request._id)}`,
      request,
    );
    await expectWriteRefused(server, refused, {
      path: `${dbA}/${encodeURIComponent(request._id)}`,
      rev: null,
      reason: /Regency staff write only/,
    });
  });
});
