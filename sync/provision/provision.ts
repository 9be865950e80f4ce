// Provisioning a village and its kiosks on the regency server — Apache CouchDB 3.x or the hub —
// through the CouchDB HTTP API alone. Every step reads before it writes, so running it again
// with the same inputs writes nothing and reports `changed: false`.
import { randomBytes } from 'node:crypto';
import { kioskIdSchema } from '../../shared/ipc';
import {
  dukcapilRole,
  isVillageCode,
  regencyCodeOf,
  REGENCY_STAFF_ROLE,
  villageDbName,
  villageRole,
  type VillageCode,
} from '../../shared/village';
import { couchRequest, expectStatus, type AdminConnection } from './couch-request';
import { REGENCY_DESIGN_DOC_ID, regencyViews } from './regency-views';
import { villageValidateDocUpdate } from './validate-doc-update';

export { basicAuth, connectionFromUrl, couchRequest, expectStatus } from './couch-request';
export type { AdminConnection, CouchReply } from './couch-request';

const DESIGN_DOC_ID = '_design/balai';

export interface SecuritySection {
  names: string[];
  roles: string[];
}

/**
 * The `_security` of a village database: its kiosks, the regency's staff and the Dukcapil
 * officers of the village's own regency (docs/decisions/0018), nobody else.
 */
export function villageSecurity(code: VillageCode): {
  admins: SecuritySection;
  members: SecuritySection;
} {
  return {
    admins: { names: [], roles: [] },
    members: {
      names: [],
      roles: [villageRole(code), REGENCY_STAFF_ROLE, dukcapilRole(regencyCodeOf(code))],
    },
  };
}

/** `kiosk-<villageCode>-<kioskId>`: the CouchDB account of one kiosk. */
export function kioskUsername(code: VillageCode, kioskId: string): string {
  return `kiosk-${code}-${kioskId}`;
}

/** A password for a generated account: 24 characters, safe in URLs and shell commands. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

export async function provisionVillage(
  admin: AdminConnection,
  opts: { villageCode: VillageCode },
): Promise<{ db: string; changed: boolean }> {
  const code = checkVillageCode(opts.villageCode);
  const db = villageDbName(code);
  const created = await ensureDatabase(admin, db);
  const securityChanged = await ensureSecurity(admin, db, villageSecurity(code));
  const designChanged = await ensureValidation(admin, db);
  const viewsChanged = await ensureRegencyViews(admin, db);
  return { db, changed: created || securityChanged || designChanged || viewsChanged };
}

export async function provisionKiosk(
  admin: AdminConnection,
  opts: { villageCode: VillageCode; kioskId: string; password?: string },
): Promise<{ username: string; password: string; changed: boolean }> {
  const code = checkVillageCode(opts.villageCode);
  const kioskId = kioskIdSchema.safeParse(opts.kioskId);
  if (!kioskId.success) {
    throw new Error(
      `Kiosk id "${opts.kioskId}": lowercase letters, digits and hyphens, at most 20.`,
    );
  }
  if (opts.password !== undefined && opts.password.length < 8) {
    throw new Error('A kiosk password needs at least 8 characters.');
  }
  const username = kioskUsername(code, kioskId.data);
  const roles = [villageRole(code)];
  // A fresh single-node CouchDB has no _users until its setup is finished.
  await ensureDatabase(admin, '_users');
  const path = `_users/${encodeURIComponent(`org.couchdb.user:${username}`)}`;
  const existing = await couchRequest<{ _rev?: string; roles?: unknown; type?: unknown }>(
    admin,
    'GET',
    path,
  );
  if (existing.status !== 404) expectStatus(existing, [200], `Reading user ${username}`);
  const isCurrent =
    existing.status === 200 &&
    existing.body.type === 'user' &&
    sameList(existing.body.roles, roles) &&
    opts.password !== undefined &&
    // CouchDB keeps only a hash: the way to compare a password is to log in with it.
    (await logsIn(admin.url, username, opts.password));
  if (isCurrent) return { username, password: opts.password!, changed: false };

  const password = opts.password ?? generatePassword();
  const userDoc = {
    _id: `org.couchdb.user:${username}`,
    ...(existing.status === 200 ? { _rev: existing.body._rev } : {}),
    name: username,
    type: 'user',
    roles,
    password,
  };
  expectStatus(
    await couchRequest(admin, 'PUT', path, userDoc),
    [201, 202],
    `Saving user ${username}`,
  );
  await confirmLogin(admin.url, username, password);
  return { username, password, changed: true };
}

/** True when the kiosk's account exists (whatever its password: CouchDB keeps only a hash). */
export async function kioskAccountExists(
  admin: AdminConnection,
  opts: { villageCode: VillageCode; kioskId: string },
): Promise<boolean> {
  const username = kioskUsername(checkVillageCode(opts.villageCode), opts.kioskId);
  const path = `_users/${encodeURIComponent(`org.couchdb.user:${username}`)}`;
  const reply = await couchRequest(admin, 'GET', path);
  if (reply.status === 404) return false;
  expectStatus(reply, [200], `Reading user ${username}`);
  return true;
}

/**
 * Waits until a password just written logs in with `POST /_session`: CouchDB's authentication
 * cache lags the `_users` write, so the first login right after it can answer 401. Four tries
 * over about 3.5 s, fewer than the 5 failures after which CouchDB 3.4+ locks the account.
 */
export async function confirmLogin(
  url: string,
  username: string,
  password: string,
  delaysMs: readonly number[] = [250, 750, 2500],
): Promise<void> {
  const root = url.endsWith('/') ? url : url + '/';
  for (let attempt = 0; ; attempt++) {
    const reply = await fetch(root + '_session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ name: username, password }),
    });
    await reply.body?.cancel();
    if (reply.ok) return;
    const delay = delaysMs[attempt];
    if (delay === undefined || reply.status !== 401) {
      throw new Error(
        `Akun ${username} sudah disimpan, tetapi masuk dengan kata sandinya ditolak (HTTP ${reply.status}). Jalankan perintah ini lagi sebentar lagi.`,
      );
    }
    await new Promise((done) => setTimeout(done, delay));
  }
}

export function checkVillageCode(code: string): VillageCode {
  if (!isVillageCode(code)) throw new Error(`Village code "${code}": it must be 10 digits.`);
  return code;
}

/** Creates the database unless it exists; true when it was created. */
export async function ensureDatabase(admin: AdminConnection, db: string): Promise<boolean> {
  const reply = await couchRequest(admin, 'PUT', encodeURIComponent(db));
  // 412: it already exists. 202: a cluster accepted it without a quorum yet.
  expectStatus(reply, [201, 202, 412], `Creating database ${db}`);
  return reply.status !== 412;
}

export async function ensureSecurity(
  admin: AdminConnection,
  db: string,
  wanted: ReturnType<typeof villageSecurity>,
): Promise<boolean> {
  const path = `${encodeURIComponent(db)}/_security`;
  const current = await couchRequest<{
    admins?: Partial<SecuritySection>;
    members?: Partial<SecuritySection>;
  }>(admin, 'GET', path);
  expectStatus(current, [200], `Reading ${db}/_security`);
  const sameSection = (section: Partial<SecuritySection> | undefined, want: SecuritySection) =>
    sameList(section?.names ?? [], want.names) && sameList(section?.roles ?? [], want.roles);
  if (
    sameSection(current.body.admins, wanted.admins) &&
    sameSection(current.body.members, wanted.members)
  ) {
    return false;
  }
  expectStatus(
    await couchRequest(admin, 'PUT', path, wanted),
    [200, 201],
    `Setting ${db}/_security`,
  );
  return true;
}

async function ensureValidation(admin: AdminConnection, db: string): Promise<boolean> {
  const path = `${encodeURIComponent(db)}/${DESIGN_DOC_ID}`;
  const source = villageValidateDocUpdate();
  const current = await couchRequest<Record<string, unknown>>(admin, 'GET', path);
  if (current.status !== 404) expectStatus(current, [200], `Reading ${db}/${DESIGN_DOC_ID}`);
  const existing = current.status === 200 ? current.body : {};
  if (existing.validate_doc_update === source && existing.language === 'javascript') return false;
  // Keep whatever else the design document holds (views, say): only the rules are ours here.
  const designDoc = {
    ...existing,
    _id: DESIGN_DOC_ID,
    language: 'javascript',
    validate_doc_update: source,
  };
  expectStatus(
    await couchRequest(admin, 'PUT', path, designDoc),
    [201, 202],
    `Saving ${db}/${DESIGN_DOC_ID}`,
  );
  return true;
}

/**
 * The regency dashboard's views (sync/provision/regency-views.ts) in their own design document,
 * so `_design/balai` and its validation stay exactly as they are.
 */
async function ensureRegencyViews(admin: AdminConnection, db: string): Promise<boolean> {
  const path = `${encodeURIComponent(db)}/${REGENCY_DESIGN_DOC_ID}`;
  const wanted = regencyViews();
  const current = await couchRequest<Record<string, unknown>>(admin, 'GET', path);
  if (current.status !== 404)
    expectStatus(current, [200], `Reading ${db}/${REGENCY_DESIGN_DOC_ID}`);
  const existing = current.status === 200 ? current.body : {};
  if (
    existing.language === 'javascript' &&
    JSON.stringify(existing.views) === JSON.stringify(wanted)
  ) {
    return false;
  }
  const designDoc = {
    ...existing,
    _id: REGENCY_DESIGN_DOC_ID,
    language: 'javascript',
    views: wanted,
  };
  expectStatus(
    await couchRequest(admin, 'PUT', path, designDoc),
    [201, 202],
    `Saving ${db}/${REGENCY_DESIGN_DOC_ID}`,
  );
  return true;
}

/** True when `username` can log in with `password` (CouchDB's `GET /_session` with basic auth). */
export async function logsIn(url: string, username: string, password: string): Promise<boolean> {
  const reply = await couchRequest<{ userCtx?: { name?: unknown } }>(
    { url, username, password },
    'GET',
    '_session',
  );
  return reply.status === 200 && reply.body.userCtx?.name === username;
}

export function sameList(actual: unknown, wanted: string[]): boolean {
  if (!Array.isArray(actual) || actual.length !== wanted.length) return false;
  const sorted = [...actual].sort();
  return [...wanted].sort().every((item, i) => item === sorted[i]);
}
