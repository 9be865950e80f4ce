// What the regency publishes for anyone checking a letter: every village's letter public keys and
// the names its letters print, read from the village profiles with a login that may read them
// (a server admin; the hub uses its own). No NIK, no private key, nothing else of the village.
import {
  villageProfileDocSchema,
  type VillageProfileDoc,
} from '../../shared/documents/village-admin';
import type { PublishedKeys } from '../../shared/letters/verify';
import { villageCodeOfDb, villageDbName, type VillageCode } from '../../shared/village';
import { couchRequest, expectStatus, type AdminConnection } from './couch-request';
import { verdictOn } from './document-leaves';
import { villageProfileId } from './letter-key';

export interface PublishedVillage {
  villageName: string;
  districtName: string;
  regencyName: string;
  regencyKind: string;
  provinceName: string;
}

/** The public half of letter checking: the keys and the names, by village code. */
export interface PublishedLetterKeys {
  keys: PublishedKeys;
  villages: Record<string, PublishedVillage>;
}

export async function gatherPublishedKeys(
  admin: AdminConnection,
  only?: readonly VillageCode[],
): Promise<PublishedLetterKeys> {
  let codes: VillageCode[];
  if (only?.length) codes = [...only];
  else {
    const dbs = await couchRequest<unknown>(admin, 'GET', '_all_dbs');
    expectStatus(dbs, [200], 'Listing databases');
    codes = (Array.isArray(dbs.body) ? dbs.body : [])
      .map((name) => (typeof name === 'string' ? villageCodeOfDb(name) : null))
      .filter((code): code is VillageCode => code !== null);
  }
  const out: PublishedLetterKeys = { keys: {}, villages: {} };
  for (const code of codes) {
    const profile = await readVillageProfile(admin, code);
    if (!profile) continue;
    out.keys[code] = profile.letterKeys;
    out.villages[code] = publishedNames(profile);
  }
  return out;
}

/** A village's profile as the regency wrote it; null when there is none (or it is unreadable). */
export async function readVillageProfile(
  login: AdminConnection,
  code: VillageCode,
): Promise<VillageProfileDoc | null> {
  const path = `${encodeURIComponent(villageDbName(code))}/${encodeURIComponent(villageProfileId(code))}`;
  const reply = await couchRequest(login, 'GET', `${path}?conflicts=true`);
  if (reply.status === 404) return null;
  expectStatus(reply, [200], `Reading ${villageProfileId(code)}`);
  // A cluster may show a revision that lost a published key: the lawful one keeps every key.
  const verdict = await verdictOn(login, encodeURIComponent(villageDbName(code)), reply.body);
  const profile = villageProfileDocSchema.safeParse(
    verdict ? (verdict.merged ?? verdict.keep.doc) : reply.body,
  );
  return profile.success ? profile.data : null;
}

/** The names a profile gives its village, as letters and the regency's pages print them. */
export const publishedNames = (p: VillageProfileDoc): PublishedVillage => ({
  villageName: p.villageName,
  districtName: p.districtName,
  regencyName: p.regencyName,
  regencyKind: p.regencyKind,
  provinceName: p.provinceName,
});
