// Villages are identified by their 10-digit Kemendagri code (PP.KK.CC.DDDD). Each village has one
// CouchDB database at the regency; CouchDB names must start with a letter, hence the prefix.

export type VillageCode = string & { readonly __brand: 'VillageCode' };

const VILLAGE_CODE = /^\d{10}$/;

export function isVillageCode(value: string): value is VillageCode {
  return VILLAGE_CODE.test(value);
}

/** Accepts `3510172001` or the dotted `35.10.17.2001`; returns the 10 digits or null. */
export function parseVillageCode(value: string): VillageCode | null {
  const digits = value.trim().replace(/\./g, '');
  return isVillageCode(digits) ? digits : null;
}

/** `3510172001` → `35.10.17.2001`, the form printed on letters. */
export function formatVillageCode(code: VillageCode): string {
  return `${code.slice(0, 2)}.${code.slice(2, 4)}.${code.slice(4, 6)}.${code.slice(6)}`;
}

/** The regency database holding one village's documents. */
export function villageDbName(code: VillageCode): string {
  return `desa_${code}`;
}

/** The village code a database name belongs to, or null for any other database. */
export function villageCodeOfDb(dbName: string): VillageCode | null {
  const match = /^desa_(\d{10})$/.exec(dbName);
  return match ? (match[1] as VillageCode) : null;
}

/** The CouchDB role held by the kiosks of one village; `_security` admits it to that database only. */
export function villageRole(code: VillageCode): string {
  return `desa:${code}`;
}

/** The CouchDB role of regency staff: read access to every village database. */
export const REGENCY_STAFF_ROLE = 'kabupaten';

/** The regency a village belongs to: the first four digits of its code (`3510` for Banyuwangi). */
export function regencyCodeOf(code: VillageCode): string {
  return code.slice(0, 4);
}

/** `dukcapil_`: what a Dukcapil officer's role is before the regency's four digits. */
export const DUKCAPIL_ROLE_PREFIX = 'dukcapil_';

/**
 * The CouchDB role of one regency's Dukcapil officers: a member of that regency's village
 * databases only, writing only Dukcapil decisions, issued files and the residents they change.
 */
export function dukcapilRole(regencyCode: string): string {
  return `${DUKCAPIL_ROLE_PREFIX}${regencyCode}`;
}

/** `admin_kabupaten_`: what a regency administrator's role is before the regency's four digits. */
export const REGENCY_ADMIN_ROLE_PREFIX = 'admin_kabupaten_';

/**
 * The role of one regency's administrators (the administration pages, decision 0028): they add,
 * rotate and disable that regency's kiosks and write its letter wording, planning settings,
 * reference data and letterhead — through the pages, which check the role; no village database
 * lists it in `_security`.
 */
export function regencyAdminRole(regencyCode: string): string {
  return `${REGENCY_ADMIN_ROLE_PREFIX}${regencyCode}`;
}
