// The regency's own accounts and overview, over the CouchDB HTTP API alone (the hub or any
// CouchDB 3.x, with a server admin login): rotate a kiosk's password, add regency staff, list
// the villages. Each reads before it writes; a second run with the same inputs writes nothing.
import { kioskIdSchema } from '../../shared/ipc';
import {
  dukcapilRole,
  regencyAdminRole,
  REGENCY_STAFF_ROLE,
  villageCodeOfDb,
  villageDbName,
  villageRole,
  type VillageCode,
} from '../../shared/village';
import { couchRequest, expectStatus, type AdminConnection } from './couch-request';
import {
  checkVillageCode,
  ensureDatabase,
  generatePassword,
  kioskUsername,
  logsIn,
  sameList,
} from './provision';

interface UserDoc {
  _id: string;
  _rev?: string;
  name?: unknown;
  type?: unknown;
  roles?: unknown;
  /** Set when the regency disabled a lost kiosk: when and by whom. */
  balaiDisabled?: { at?: unknown; by?: unknown };
}

const userPath = (username: string) =>
  `_users/${encodeURIComponent(`org.couchdb.user:${username}`)}`;

async function readUser(admin: AdminConnection, username: string): Promise<UserDoc | null> {
  await ensureDatabase(admin, '_users');
  const reply = await couchRequest<UserDoc>(admin, 'GET', userPath(username));
  if (reply.status === 404) return null;
  expectStatus(reply, [200], `Reading user ${username}`);
  return reply.body;
}

async function saveUser(
  admin: AdminConnection,
  username: string,
  rev: string | undefined,
  roles: string[],
  password: string,
): Promise<void> {
  const doc = {
    _id: `org.couchdb.user:${username}`,
    ...(rev ? { _rev: rev } : {}),
    name: username,
    type: 'user',
    roles,
    password,
  };
  expectStatus(
    await couchRequest(admin, 'PUT', userPath(username), doc),
    [201, 202],
    `Saving user ${username}`,
  );
}

function checkPassword(password: string | undefined): void {
  if (password !== undefined && password.length < 8) {
    throw new Error('A password needs at least 8 characters.');
  }
}

/**
 * Gives an existing kiosk a new password: the old one stops working at once. Without `password`
 * a new one is generated (every run rotates); with `password`, a run where the kiosk already
 * logs in with it writes nothing (`changed: false`).
 */
export async function rotateKioskPassword(
  admin: AdminConnection,
  opts: { villageCode: VillageCode; kioskId: string; password?: string },
): Promise<{ username: string; password: string; changed: boolean }> {
  const code = checkVillageCode(opts.villageCode);
  const kioskId = kioskIdSchema.safeParse(opts.kioskId);
  if (!kioskId.success) throw new Error(`Kiosk id "${opts.kioskId}" is not a kiosk id.`);
  checkPassword(opts.password);
  const username = kioskUsername(code, kioskId.data);
  const existing = await readUser(admin, username);
  const roles = [villageRole(code)];
  if (!existing || existing.type !== 'user' || !sameList(existing.roles, roles)) {
    throw new Error(
      `Village ${code} has no kiosk "${kioskId.data}" (user ${username}). ` +
        `Add it with: npm run hub -- add-village ${code} --kiosk ${kioskId.data}`,
    );
  }
  if (opts.password !== undefined && (await logsIn(admin.url, username, opts.password))) {
    return { username, password: opts.password, changed: false };
  }
  const password = opts.password ?? generatePassword();
  await saveUser(admin, username, existing._rev, roles, password);
  return { username, password, changed: true };
}

/** A staff login: lowercase letters, digits, `.`, `_`, `-`; not a kiosk's account name. */
const STAFF_NAME = /^[a-z][a-z0-9._-]{1,39}$/;

/**
 * A regency staff account with the role `kabupaten`: a member of every village database (it is
 * in each `_security`), writing only the regency's document types (`_design/balai`'s
 * validate_doc_update). An existing staff account is left as it is unless a different
 * `password` is given; then only the password changes.
 */
export async function provisionStaff(
  admin: AdminConnection,
  opts: {
    name: string;
    password?: string;
    /** Another role than `kabupaten`: a regency's Dukcapil officers (`provisionDukcapil`). */
    roles?: string[];
  },
): Promise<{ username: string; password: string | null; changed: boolean; created: boolean }> {
  const username = opts.name;
  if (!STAFF_NAME.test(username) || username.startsWith('kiosk-')) {
    throw new Error(
      `Staff name "${username}": 2-40 lowercase letters, digits, ".", "_" or "-", starting ` +
        'with a letter, and not starting with "kiosk-".',
    );
  }
  checkPassword(opts.password);
  const roles = opts.roles ?? [REGENCY_STAFF_ROLE];
  const existing = await readUser(admin, username);
  if (existing && (existing.type !== 'user' || !sameList(existing.roles, roles))) {
    throw new Error(
      `User ${username} exists with other roles (${JSON.stringify(existing.roles)}); not changed.`,
    );
  }
  if (existing) {
    if (opts.password === undefined) {
      return { username, password: null, changed: false, created: false };
    }
    if (await logsIn(admin.url, username, opts.password)) {
      return { username, password: opts.password, changed: false, created: false };
    }
  }
  const password = opts.password ?? generatePassword();
  await saveUser(admin, username, existing?._rev, roles, password);
  return { username, password, changed: true, created: existing === null };
}

/**
 * A Dukcapil officer of one regency (docs/decisions/0018): the role `dukcapil_<4 digits>`, a
 * member of that regency's village databases only (each village's `_security` lists it), writing
 * only Dukcapil decisions, issued files and residents. Idempotent like `provisionStaff`.
 */
export async function provisionDukcapil(
  admin: AdminConnection,
  opts: { name: string; regency: string; password?: string },
): ReturnType<typeof provisionStaff> {
  if (!/^\d{4}$/.test(opts.regency)) {
    throw new Error(`Regency code "${opts.regency}": four digits (e.g. 3510 for Banyuwangi).`);
  }
  return provisionStaff(admin, {
    name: opts.name,
    roles: [dukcapilRole(opts.regency)],
    ...(opts.password !== undefined ? { password: opts.password } : {}),
  });
}

export interface VillageListing {
  code: VillageCode;
  db: string;
  /** CouchDB's `doc_count` (live documents, design documents included). */
  docCount: number;
  /** Kiosk ids: users holding the role `desa:<code>`. */
  kiosks: string[];
}

/** Every `desa_<code>` database with its document count and kiosks (needs a server admin). */
export async function listVillages(admin: AdminConnection): Promise<VillageListing[]> {
  const dbs = await couchRequest<unknown>(admin, 'GET', '_all_dbs');
  expectStatus(dbs, [200], 'Listing databases');
  const codes = (Array.isArray(dbs.body) ? dbs.body : [])
    .map((name) => (typeof name === 'string' ? villageCodeOfDb(name) : null))
    .filter((code): code is VillageCode => code !== null)
    .sort();

  const users = await couchRequest<{ rows?: { doc?: UserDoc }[] }>(
    admin,
    'GET',
    '_users/_all_docs?include_docs=true&startkey=%22org.couchdb.user%3A%22&endkey=%22org.couchdb.user%3A%EF%BF%B0%22',
  );
  expectStatus(users, [200, 404], 'Listing users');
  const kioskIdsOf = new Map<string, string[]>();
  for (const row of users.body.rows ?? []) {
    const doc = row.doc;
    if (!doc || typeof doc.name !== 'string' || !Array.isArray(doc.roles)) continue;
    for (const role of doc.roles) {
      if (typeof role !== 'string' || !role.startsWith('desa:')) continue;
      const code = role.slice('desa:'.length);
      const prefix = kioskUsername(code as VillageCode, '');
      const kioskId = doc.name.startsWith(prefix) ? doc.name.slice(prefix.length) : doc.name;
      kioskIdsOf.set(code, [...(kioskIdsOf.get(code) ?? []), kioskId]);
    }
  }

  const listings: VillageListing[] = [];
  for (const code of codes) {
    const db = villageDbName(code);
    const info = await couchRequest<{ doc_count?: unknown }>(admin, 'GET', encodeURIComponent(db));
    expectStatus(info, [200], `Reading ${db}`);
    listings.push({
      code,
      db,
      docCount: typeof info.body.doc_count === 'number' ? info.body.doc_count : 0,
      kiosks: (kioskIdsOf.get(code) ?? []).sort(),
    });
  }
  return listings;
}

/**
 * A regency administrator (docs/decisions/0028): the role `admin_kabupaten_<4 digits>`, which
 * the administration pages check. Idempotent like `provisionStaff`.
 */
export async function provisionRegencyAdmin(
  admin: AdminConnection,
  opts: { name: string; regency: string; password?: string },
): ReturnType<typeof provisionStaff> {
  if (!/^\d{4}$/.test(opts.regency)) {
    throw new Error(`Regency code "${opts.regency}": four digits (e.g. 5106 for Bangli).`);
  }
  return provisionStaff(admin, {
    name: opts.name,
    roles: [regencyAdminRole(opts.regency)],
    ...(opts.password !== undefined ? { password: opts.password } : {}),
  });
}

/** One kiosk account of a regency, as `_users` holds it. */
export interface KioskAccount {
  villageCode: VillageCode;
  kioskId: string;
  username: string;
  /** When and by whom it was disabled; null while it may sync. */
  disabled: { at: string; by: string } | null;
}

/** Every kiosk account of the regency's villages (`kiosk-<4 digits>…`), disabled ones too. */
export async function regencyKiosks(
  admin: AdminConnection,
  regency: string,
): Promise<KioskAccount[]> {
  await ensureDatabase(admin, '_users');
  const from = JSON.stringify(`org.couchdb.user:kiosk-${regency}`);
  const to = JSON.stringify(`org.couchdb.user:kiosk-${regency}\ufff0`);
  const reply = await couchRequest<{ rows?: { doc?: UserDoc }[] }>(
    admin,
    'GET',
    `_users/_all_docs?include_docs=true&startkey=${encodeURIComponent(from)}&endkey=${encodeURIComponent(to)}`,
  );
  expectStatus(reply, [200], 'Listing kiosk accounts');
  const kiosks: KioskAccount[] = [];
  for (const row of reply.body.rows ?? []) {
    const doc = row.doc;
    const match = typeof doc?.name === 'string' ? /^kiosk-(\d{10})-(.+)$/.exec(doc.name) : null;
    if (!doc || !match) continue;
    const off = doc.balaiDisabled;
    kiosks.push({
      villageCode: match[1] as VillageCode,
      kioskId: match[2]!,
      username: doc.name as string,
      disabled: off && typeof off.at === 'string' ? { at: off.at, by: String(off.by ?? '') } : null,
    });
  }
  return kiosks;
}

/**
 * Disables a lost kiosk: its account loses the village's role and gets a password nobody holds,
 * so its next sync is refused (401) and no village database admits it; the account stays, marked
 * with when and by whom, so the regency's list still shows it. The village's other kiosks have
 * their own accounts and are not touched. Disabling a disabled kiosk writes nothing.
 */
export async function disableKiosk(
  admin: AdminConnection,
  opts: { villageCode: VillageCode; kioskId: string; by: string; at: string },
): Promise<{ changed: boolean }> {
  const code = checkVillageCode(opts.villageCode);
  const username = kioskUsername(code, opts.kioskId);
  const existing = await readUser(admin, username);
  if (!existing || existing.type !== 'user') {
    throw new Error(`Desa ${code} tidak punya kios "${opts.kioskId}".`);
  }
  if (existing.balaiDisabled && sameList(existing.roles, [])) return { changed: false };
  const doc = {
    ...existing,
    roles: [],
    password: generatePassword(),
    balaiDisabled: { at: opts.at, by: opts.by },
  };
  expectStatus(
    await couchRequest(admin, 'PUT', userPath(username), doc),
    [201, 202],
    `Saving user ${username}`,
  );
  return { changed: true };
}
