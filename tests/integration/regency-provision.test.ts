// The regency's provisioning commands against a real CouchDB-protocol server (the hub, or
// COUCHDB_URL): rotating a kiosk's password, adding regency staff, listing villages. Each is
// idempotent where it can be, and the accounts do exactly what they should.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGENCY_STAFF_ROLE, villageDbName, type VillageCode } from '../../shared/village';
import {
  provisionKiosk,
  provisionVillage,
  type AdminConnection,
} from '../../sync/provision/provision';
import { listVillages, provisionStaff, rotateKioskPassword } from '../../sync/provision/regency';
import {
  couchCall,
  startCouchServer,
  uniqueVillageCode,
  untilLogin,
  type CouchServer,
  type Login,
} from '../support/couch-server';
import { expectSecurityUnchanged, expectWriteRefused } from '../support/refusals';

let server: CouchServer;
let admin: AdminConnection;
let codeA: VillageCode;
let codeB: VillageCode;

beforeAll(async () => {
  server = await startCouchServer();
  admin = { url: server.url, ...server.admin };
  codeA = uniqueVillageCode();
  codeB = uniqueVillageCode();
  await provisionVillage(admin, { villageCode: codeA });
  await provisionVillage(admin, { villageCode: codeB });
});
afterAll(async () => server?.stop());

const call = <T = Record<string, unknown>>(
  login: Login | null,
  method: string,
  path: string,
  body?: unknown,
) => couchCall<T>(server, login, method, path, body);

let sequence = 0;
function doc(code: VillageCode, type: string, kioskId = 'k1') {
  const id = `${type}:${String(Date.now()).padStart(12, '0')}${sequence++}:${code}:${kioskId}`;
  const now = new Date().toISOString();
  return { _id: id, id, type, villageCode: code, kioskId, createdAt: now, updatedAt: now };
}

const put = (login: Login, code: VillageCode, body: { _id: string }) =>
  call(login, 'PUT', `${villageDbName(code)}/${encodeURIComponent(body._id)}`, body);

async function canRead(login: Login, code: VillageCode): Promise<number> {
  return (await call(login, 'GET', `${villageDbName(code)}/_all_docs?limit=1`)).status;
}

describe('rotateKioskPassword', () => {
  it('gives a new password; the old one stops working; the same password again changes nothing', async () => {
    const old = await provisionKiosk(admin, { villageCode: codeA, kioskId: 'rot1' });
    expect(await canRead(old, codeA)).toBe(200);

    const rotated = await rotateKioskPassword(admin, { villageCode: codeA, kioskId: 'rot1' });
    expect(rotated.changed).toBe(true);
    expect(rotated.username).toBe(old.username);
    expect(rotated.password).not.toBe(old.password);
    await untilLogin(server, old, false);
    expect([401, 403]).toContain(await canRead(old, codeA));
    await untilLogin(server, rotated);
    expect(await canRead(rotated, codeA)).toBe(200);
    // The kiosk can still write its village's documents with the new password.
    expect((await put(rotated, codeA, doc(codeA, 'request', 'rot1'))).status).toBe(201);

    const again = await rotateKioskPassword(admin, {
      villageCode: codeA,
      kioskId: 'rot1',
      password: rotated.password,
    });
    expect(again).toEqual({ ...rotated, changed: false });

    const chosen = await rotateKioskPassword(admin, {
      villageCode: codeA,
      kioskId: 'rot1',
      password: 'dipilih-operator-1',
    });
    expect(chosen.changed).toBe(true);
    await untilLogin(server, rotated, false);
    expect([401, 403]).toContain(await canRead(rotated, codeA));
    await untilLogin(server, chosen);
    expect(await canRead(chosen, codeA)).toBe(200);
  });

  it('refuses a kiosk that does not exist, and creates nothing', async () => {
    await expect(
      rotateKioskPassword(admin, { villageCode: codeA, kioskId: 'nope' }),
    ).rejects.toThrow(/no kiosk "nope"/);
    const user = await call(server.admin, 'GET', `_users/org.couchdb.user%3Akiosk-${codeA}-nope`);
    expect(user.status).toBe(404);
  });
});

describe('provisionStaff', () => {
  it('adds a kabupaten user who reads every village and writes only regency documents', async () => {
    const name = `staf-${codeA}`;
    const added = await provisionStaff(admin, { name, password: 'staf-kabupaten-9' });
    expect(added).toMatchObject({ username: name, changed: true, created: true });
    const staff: Login = { username: name, password: 'staf-kabupaten-9' };

    const session = await call<{ userCtx: { roles: string[] } }>(staff, 'GET', '_session');
    expect(session.body.userCtx.roles).toEqual([REGENCY_STAFF_ROLE]);

    expect(await canRead(staff, codeA)).toBe(200);
    expect(await canRead(staff, codeB)).toBe(200);

    const official = { ...doc(codeA, 'official'), kioskId: 'kabupaten' };
    expect((await put(staff, codeA, official)).status).toBe(201);
    const verification = { ...doc(codeB, 'verification'), kioskId: 'kabupaten' };
    expect((await put(staff, codeB, verification)).status).toBe(201);

    const request = { ...doc(codeA, 'request'), kioskId: 'kabupaten' };
    const refused = await put(staff, codeA, request);
    const pathOf = (body: { _id: string }) =>
      `${villageDbName(codeA)}/${encodeURIComponent(body._id)}`;
    await expectWriteRefused(server, refused, {
      path: pathOf(request),
      rev: null,
      reason: /Regency staff write only/,
    });
    const report = doc(codeA, 'sync-report');
    await expectWriteRefused(server, await put(staff, codeA, report), {
      path: pathOf(report),
      rev: null,
    });

    // Not an admin: no database listing, no _security change.
    expect([401, 403]).toContain((await call(staff, 'GET', '_all_dbs')).status);
    const security = await call(server.admin, 'GET', `${villageDbName(codeA)}/_security`);
    await expectSecurityUnchanged(
      server,
      villageDbName(codeA),
      await call(staff, 'PUT', `${villageDbName(codeA)}/_security`, { members: {} }),
      security.body,
    );
  });

  it('is idempotent: a second run changes nothing, with or without the password', async () => {
    const name = `idem-${codeB}`;
    const first = await provisionStaff(admin, { name });
    expect(first.changed).toBe(true);
    const user = await call<{ _rev: string }>(
      server.admin,
      'GET',
      `_users/org.couchdb.user%3A${name}`,
    );

    expect(await provisionStaff(admin, { name })).toMatchObject({ changed: false });
    expect(await provisionStaff(admin, { name, password: first.password! })).toMatchObject({
      changed: false,
    });
    const after = await call<{ _rev: string }>(
      server.admin,
      'GET',
      `_users/org.couchdb.user%3A${name}`,
    );
    expect(after.body._rev).toBe(user.body._rev);
    expect(await canRead({ username: name, password: first.password! }, codeB)).toBe(200);
  });

  it('will not turn a kiosk into staff, nor take a kiosk-like name', async () => {
    const kiosk = await provisionKiosk(admin, { villageCode: codeB, kioskId: 'k9' });
    await expect(provisionStaff(admin, { name: kiosk.username })).rejects.toThrow(/kiosk-/);
    await expect(provisionStaff(admin, { name: 'Bad Name' })).rejects.toThrow(/Staff name/);
  });
});

describe('listVillages', () => {
  it('lists each village database with its document count and kiosks', async () => {
    await provisionKiosk(admin, { villageCode: codeB, kioskId: 'k1' });
    await provisionKiosk(admin, { villageCode: codeB, kioskId: 'k2' });
    const villages = await listVillages(admin);
    const b = villages.find((v) => v.code === codeB);
    expect(b).toBeDefined();
    expect(b!.db).toBe(villageDbName(codeB));
    expect(b!.kiosks).toEqual(expect.arrayContaining(['k1', 'k2']));
    const info = await call<{ doc_count: number }>(server.admin, 'GET', villageDbName(codeB));
    expect(b!.docCount).toBe(info.body.doc_count);
    expect(villages.find((v) => v.code === codeA)?.kiosks).toContain('rot1');
    expect(villages.every((v) => /^desa_\d{10}$/.test(v.db))).toBe(true);
    // A second listing is the same: listing writes nothing.
    expect(await listVillages(admin)).toEqual(villages);
  });

  it('provisioning a village twice still changes nothing with the dashboard views added', async () => {
    expect((await provisionVillage(admin, { villageCode: codeA })).changed).toBe(false);
    const views = await call<{ views: Record<string, unknown> }>(
      server.admin,
      'GET',
      `${villageDbName(codeA)}/_design/regency`,
    );
    expect(Object.keys(views.body.views)).toEqual([
      'open-requests',
      'finance',
      'planning',
      'dukcapil',
      'dukcapil-families',
      'population-reports',
      'conflicted',
    ]);
  });
});
