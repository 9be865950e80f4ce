// The regency's own documents as the administration pages write them (decision 0028): letter
// wording, planning settings, reference data. Every change is a new version, never an edit: the
// regency keeps every version with who made it and when in its admin-only database
// `balai_admin_<4 digits>`, and each version goes to every village database of the regency as a
// document of its type (`<type>:<village>:<key>:v<0001>`), where the kiosks pull it. A kiosk takes
// the newest version it holds for what it makes next; what it made before keeps the wording it
// was made with (a letter keeps its rendering).
import type { RegencyDocType } from '../../shared/doc-types';
import { villageDbName, type VillageCode } from '../../shared/village';
import { couchRequest, expectStatus, type AdminConnection } from '../provision/couch-request';
import { ensureDatabase, ensureSecurity } from '../provision/provision';

/** What the administration pages write as versions. */
export const REGENCY_VERSIONED_TYPES: readonly RegencyDocType[] = [
  'template',
  'planning-settings',
  'reference',
];

/** The regency's admin-only database holding every version. */
export const regencyAdminDb = (regency: string) => `balai_admin_${regency}`;

export interface RegencyVersion {
  type: RegencyDocType;
  /** What the version is of: a letter type, a fiscal year, a reference kind… */
  key: string;
  version: number;
  changedBy: string;
  changedAt: string;
  /** The document's own fields (title, body… / priorities, criteria…). */
  content: Record<string, unknown>;
}

const pad = (n: number) => String(n).padStart(4, '0');
const masterId = (type: string, key: string, version: number) => `${type}:${key}:v${pad(version)}`;

async function ensureAdminDb(admin: AdminConnection, regency: string): Promise<string> {
  const db = regencyAdminDb(regency);
  await ensureDatabase(admin, db);
  // Server admins only: no member role at all.
  await ensureSecurity(admin, db, {
    admins: { names: [], roles: [] },
    members: { names: [], roles: ['_admin'] },
  });
  return db;
}

/** Every version of `type` (one `key`, or all), oldest first. */
export async function versionsOf(
  admin: AdminConnection,
  regency: string,
  type: RegencyDocType,
  key?: string,
): Promise<RegencyVersion[]> {
  const db = await ensureAdminDb(admin, regency);
  const prefix = key === undefined ? `${type}:` : `${type}:${key}:v`;
  const reply = await couchRequest<{ rows?: { doc?: RegencyVersion }[] }>(
    admin,
    'GET',
    `${db}/_all_docs?include_docs=true&startkey=${encodeURIComponent(JSON.stringify(prefix))}&endkey=${encodeURIComponent(JSON.stringify(`${prefix}\ufff0`))}`,
  );
  expectStatus(reply, [200], `Reading ${db}`);
  return (reply.body.rows ?? [])
    .map((r) => r.doc)
    .filter((d): d is RegencyVersion => d !== undefined && d.type === type)
    .sort((a, b) => a.changedAt.localeCompare(b.changedAt) || a.version - b.version);
}

/** The newest version of each key of `type`. */
export async function latestVersions(
  admin: AdminConnection,
  regency: string,
  type: RegencyDocType,
): Promise<Map<string, RegencyVersion>> {
  const latest = new Map<string, RegencyVersion>();
  for (const v of await versionsOf(admin, regency, type)) latest.set(v.key, v);
  return latest;
}

/** The version as a village's document of its type. */
export function villageCopy(v: RegencyVersion, code: VillageCode): Record<string, unknown> {
  const id = `${v.type}:${code}:${v.key}:v${pad(v.version)}`;
  return {
    ...v.content,
    _id: id,
    id,
    type: v.type,
    villageCode: code,
    kioskId: 'kabupaten',
    createdAt: v.changedAt,
    updatedAt: v.changedAt,
    version: v.version,
    changedBy: v.changedBy,
  };
}

/**
 * Sends versions to the villages: one `_bulk_docs` per village; a copy already there (a second
 * run) is left as it is. Returns the villages that could not be written, for the page to say.
 */
export async function sendToVillages(
  admin: AdminConnection,
  versions: readonly RegencyVersion[],
  villages: readonly VillageCode[],
): Promise<VillageCode[]> {
  const failed: VillageCode[] = [];
  for (const code of villages) {
    const reply = await couchRequest<{ error?: string }[]>(
      admin,
      'POST',
      `${villageDbName(code)}/_bulk_docs`,
      { docs: versions.map((v) => villageCopy(v, code)) },
    );
    const rows = Array.isArray(reply.body) ? reply.body : [];
    if (reply.status !== 201 || rows.some((r) => r.error && r.error !== 'conflict')) {
      failed.push(code);
    }
  }
  return failed;
}

/**
 * Records a new version (already validated whole by the caller) and sends it to the villages.
 * The version is recorded first: a village that could not be written gets it on the next save
 * or when it is brought on line again (`sendLatestTo`).
 */
export async function publishVersion(
  admin: AdminConnection,
  regency: string,
  change: Omit<RegencyVersion, 'version' | 'changedAt'>,
  villages: readonly VillageCode[],
  at = new Date().toISOString(),
): Promise<{ version: RegencyVersion; failed: VillageCode[] }> {
  const version = await saveVersion(admin, regency, change, at);
  return { version, failed: await sendToVillages(admin, [version], villages) };
}

/**
 * Keeps `change` as the next version in the regency's admin database, with who and when. For
 * what reaches the villages by another carrier (the letterhead rides on each village profile),
 * this is the whole record; `publishVersion` also sends it.
 */
export async function saveVersion(
  admin: AdminConnection,
  regency: string,
  change: Omit<RegencyVersion, 'version' | 'changedAt'>,
  at = new Date().toISOString(),
): Promise<RegencyVersion> {
  const db = await ensureAdminDb(admin, regency);
  for (;;) {
    const before = await versionsOf(admin, regency, change.type, change.key);
    const version: RegencyVersion = {
      ...change,
      version: (before.at(-1)?.version ?? 0) + 1,
      changedAt: at,
    };
    const id = masterId(change.type, change.key, version.version);
    const saved = await couchRequest(admin, 'PUT', `${db}/${encodeURIComponent(id)}`, version);
    if (saved.status === 409) continue; // another admin saved the same version number meanwhile
    expectStatus(saved, [201, 202], `Saving ${id}`);
    return version;
  }
}

/** A village brought on line after the regency's changes gets the newest version of each. */
export async function sendLatestTo(
  admin: AdminConnection,
  regency: string,
  code: VillageCode,
  types: readonly RegencyDocType[],
): Promise<void> {
  const newest: RegencyVersion[] = [];
  for (const type of types) newest.push(...(await latestVersions(admin, regency, type)).values());
  if (newest.length && (await sendToVillages(admin, newest, [code])).length) {
    throw new Error(`Dokumen kabupaten tidak dapat dikirim ke desa ${code}.`);
  }
}
