// Provisioning against a real CouchDB-protocol server (the hub, or COUCHDB_URL): what it
// creates, that a second run writes nothing, and that it repairs what was changed by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGENCY_DOC_TYPES, VILLAGE_DOC_TYPES } from '../../shared/doc-types';
import {
  dukcapilRole,
  regencyCodeOf,
  REGENCY_STAFF_ROLE,
  villageDbName,
  villageRole,
} from '../../shared/village';
import {
  provisionKiosk,
  provisionVillage,
  type AdminConnection,
} from '../../sync/provision/provision';
import {
  couchCall,
  startCouchServer,
  uniqueVillageCode,
  type CouchServer,
  type Login,
} from '../support/couch-server';

let server: CouchServer;
let admin: AdminConnection;

beforeAll(async () => {
  server = await startCouchServer();
  admin = { url: server.url, ...server.admin };
});
afterAll(async () => server?.stop());

const asAdmin = <T = Record<string, unknown>>(method: string, path: string, body?: unknown) =>
  couchCall<T>(server, server.admin, method, path, body);

async function sessionOf(login: Login) {
  return couchCall<{ userCtx: { name: string | null; roles: string[] } }>(
    server,
    login,
    'GET',
    '_session',
  );
}

describe('provisionVillage', () => {
  it('creates the database, its _security and its validation, then changes nothing', async () => {
    const code = uniqueVillageCode();
    const db = villageDbName(code);

    expect(await provisionVillage(admin, { villageCode: code })).toEqual({ db, changed: true });

    const security = await asAdmin(`GET`, `${db}/_security`);
    expect(security.body).toEqual({
      admins: { names: [], roles: [] },
      members: {
        names: [],
        roles: [villageRole(code), REGENCY_STAFF_ROLE, dukcapilRole(regencyCodeOf(code))],
      },
    });
    const design = await asAdmin<{ _rev: string; validate_doc_update: string }>(
      'GET',
      `${db}/_design/balai`,
    );
    expect(design.status).toBe(200);
    for (const type of [...VILLAGE_DOC_TYPES, ...REGENCY_DOC_TYPES]) {
      expect(design.body.validate_doc_update).toContain(JSON.stringify(type));
    }

    expect(await provisionVillage(admin, { villageCode: code })).toEqual({ db, changed: false });
    const designAgain = await asAdmin<{ _rev: string }>('GET', `${db}/_design/balai`);
    expect(designAgain.body._rev).toBe(design.body._rev);
    expect((await asAdmin('GET', `${db}/_security`)).body).toEqual(security.body);
  });

  it('puts back _security and validation that were changed by hand', async () => {
    const code = uniqueVillageCode();
    const db = villageDbName(code);
    await provisionVillage(admin, { villageCode: code });
    await asAdmin('PUT', `${db}/_security`, { members: { roles: [] } });
    const design = await asAdmin<Record<string, unknown>>('GET', `${db}/_design/balai`);
    await asAdmin('PUT', `${db}/_design/balai`, {
      ...design.body,
      validate_doc_update: 'function () {}',
      views: { byType: { map: 'function (doc) { emit(doc.type, null); }' } },
    });

    expect((await provisionVillage(admin, { villageCode: code })).changed).toBe(true);
    const security = await asAdmin<{ members: { roles: string[] } }>('GET', `${db}/_security`);
    expect(security.body.members.roles).toEqual([
      villageRole(code),
      REGENCY_STAFF_ROLE,
      dukcapilRole(regencyCodeOf(code)),
    ]);
    const repaired = await asAdmin<Record<string, unknown>>('GET', `${db}/_design/balai`);
    expect(repaired.body.validate_doc_update).toBe(design.body.validate_doc_update);
    // Other contents of the design document are not provisioning's to remove.
    expect(repaired.body.views).toBeDefined();
  });

  it('refuses a malformed village code before touching the server', async () => {
    await expect(provisionVillage(admin, { villageCode: '35.10' as never })).rejects.toThrow(
      /10 digits/,
    );
  });
});

describe('provisionKiosk', () => {
  it('creates the kiosk user with its village role; the same password again changes nothing', async () => {
    const code = uniqueVillageCode();
    await provisionVillage(admin, { villageCode: code });
    const first = await provisionKiosk(admin, {
      villageCode: code,
      kioskId: 'k1',
      password: 'kata-sandi-1',
    });
    expect(first).toEqual({
      username: `kiosk-${code}-k1`,
      password: 'kata-sandi-1',
      changed: true,
    });

    const session = await sessionOf(first);
    expect(session.status).toBe(200);
    expect(session.body.userCtx).toMatchObject({
      name: first.username,
      roles: [villageRole(code)],
    });
    const path = `_users/${encodeURIComponent(`org.couchdb.user:${first.username}`)}`;
    const before = await asAdmin<{ _rev: string }>('GET', path);

    const again = await provisionKiosk(admin, {
      villageCode: code,
      kioskId: 'k1',
      password: 'kata-sandi-1',
    });
    expect(again.changed).toBe(false);
    expect((await asAdmin<{ _rev: string }>('GET', path)).body._rev).toBe(before.body._rev);
  });

  it('sets a new password when asked, and the old one stops working', async () => {
    const code = uniqueVillageCode();
    await provisionVillage(admin, { villageCode: code });
    const first = await provisionKiosk(admin, {
      villageCode: code,
      kioskId: 'k2',
      password: 'kata-sandi-1',
    });
    const second = await provisionKiosk(admin, {
      villageCode: code,
      kioskId: 'k2',
      password: 'kata-sandi-2',
    });
    expect(second.changed).toBe(true);
    expect((await sessionOf(second)).status).toBe(200);
    expect((await sessionOf(first)).status).toBe(401);
  });

  it('generates a random password when none is given', async () => {
    const code = uniqueVillageCode();
    await provisionVillage(admin, { villageCode: code });
    const first = await provisionKiosk(admin, { villageCode: code, kioskId: 'k3' });
    expect(first.password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect((await sessionOf(first)).status).toBe(200);
    const second = await provisionKiosk(admin, { villageCode: code, kioskId: 'k3' });
    expect(second.password).not.toBe(first.password);
    expect((await sessionOf(second)).status).toBe(200);
  });

  it('puts back roles that were changed by hand', async () => {
    const code = uniqueVillageCode();
    await provisionVillage(admin, { villageCode: code });
    const kiosk = await provisionKiosk(admin, {
      villageCode: code,
      kioskId: 'k4',
      password: 'kata-sandi-1',
    });
    const path = `_users/${encodeURIComponent(`org.couchdb.user:${kiosk.username}`)}`;
    const doc = await asAdmin<Record<string, unknown>>('GET', path);
    await asAdmin('PUT', path, { ...doc.body, roles: [villageRole(code), REGENCY_STAFF_ROLE] });

    const repaired = await provisionKiosk(admin, {
      villageCode: code,
      kioskId: 'k4',
      password: 'kata-sandi-1',
    });
    expect(repaired.changed).toBe(true);
    expect((await sessionOf(kiosk)).body.userCtx.roles).toEqual([villageRole(code)]);
  });

  it('refuses a kiosk id that is not lowercase letters, digits and hyphens', async () => {
    const code = uniqueVillageCode();
    await expect(provisionKiosk(admin, { villageCode: code, kioskId: 'K 1:x' })).rejects.toThrow(
      /Kiosk id/,
    );
  });

  it('names the server when it cannot be reached', async () => {
    const nowhere = { ...admin, url: 'http://127.0.0.1:9/' };
    await expect(provisionVillage(nowhere, { villageCode: uniqueVillageCode() })).rejects.toThrow(
      /Cannot reach http:\/\/127\.0\.0\.1:9\//,
    );
  });
});
