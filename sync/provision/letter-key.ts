// The village's letter material on the regency server (decision 0007), through the CouchDB API
// alone: the `village-profile` document publishes each kiosk's Ed25519 public key and carries the
// regency logo; the private half of a kiosk's key goes to that kiosk only, in its connection file.
// One key per kiosk, not per village: the regency then never stores a private key (it generates
// one, publishes its public half and hands the private half over once), a lost or stolen kiosk is
// replaced by rotating its key alone, and the key id in every QR tells which desk signed. Every
// key stays published after a rotation, so old letters keep verifying.
import {
  villageProfileDocSchema,
  type VillageProfileDoc,
} from '../../shared/documents/village-admin';
import { kioskIdSchema, type LetterKey } from '../../shared/ipc';
import { generateVillageKey, publicKeyOf } from '../../shared/letters/signing';
import { logoProblem } from '../../shared/letters/logo';
import { REGENCY_STAFF_ROLE, villageDbName, type VillageCode } from '../../shared/village';
import { couchRequest, expectStatus, type AdminConnection } from './couch-request';
import type { VillageNames } from './area-names';
import { checkVillageCode } from './provision';

/** One profile per village, at a fixed ID, so every kiosk finds the same one. */
export const villageProfileId = (code: VillageCode) => `village-profile:${code}`;

type StoredProfile = VillageProfileDoc & { _id: string; _rev?: string };

/**
 * Reads the profile (or starts one with the defaults), applies `change` and saves it when it
 * changed. A concurrent writer's conflict is met by reading again and reapplying.
 */
async function updateProfile(
  admin: AdminConnection,
  code: VillageCode,
  change: (profile: VillageProfileDoc) => VillageProfileDoc,
): Promise<{ profile: VillageProfileDoc; changed: boolean }> {
  const id = villageProfileId(code);
  const path = `${encodeURIComponent(villageDbName(code))}/${encodeURIComponent(id)}`;
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await couchRequest<StoredProfile>(admin, 'GET', path);
    if (current.status !== 404) expectStatus(current, [200], `Reading ${id}`);
    const now = new Date().toISOString();
    const stored: Record<string, unknown> =
      current.status === 200
        ? current.body
        : {
            id,
            type: 'village-profile',
            villageCode: code,
            kioskId: REGENCY_STAFF_ROLE,
            createdAt: now,
            updatedAt: now,
            villageName: '',
            districtName: '',
            regencyName: '',
            address: '',
            provinceName: '',
            regencyKind: 'Kabupaten',
            verifyUrl: '',
          };
    const before = villageProfileDocSchema.parse(stored);
    const after = change(before);
    if (current.status === 200 && JSON.stringify(after) === JSON.stringify(before)) {
      return { profile: before, changed: false };
    }
    // Keep whatever else the stored document holds (a newer version's fields, say).
    const doc = { ...stored, ...after, _id: id, updatedAt: now };
    const saved = await couchRequest(admin, 'PUT', path, doc);
    if (saved.status === 409) continue;
    expectStatus(saved, [201, 202], `Saving ${id}`);
    return { profile: { ...after, updatedAt: now }, changed: true };
  }
  throw new Error(`Saving ${id} failed: it kept changing under us; try again.`);
}

/**
 * The kiosk's letter key: `keep` when it is the key published for this kiosk, or one of this
 * kiosk's ids not published yet (written down by a run cut before it published: add-regency);
 * otherwise a new key pair `<kiosk>-<n>` whose public half is added to the village profile
 * (older keys stay).
 */
export async function provisionLetterKey(
  admin: AdminConnection,
  opts: { villageCode: VillageCode; kioskId: string; keep?: LetterKey },
): Promise<LetterKey & { publicKey: string; changed: boolean }> {
  const code = checkVillageCode(opts.villageCode);
  const kioskId = kioskIdSchema.parse(opts.kioskId);
  const { profile } = await updateProfile(admin, code, (p) => p);
  let pair: LetterKey & { publicKey: string };
  const kept = opts.keep && (await publicKeyOf(opts.keep.privateKey));
  if (opts.keep && kept && profile.letterKeys[opts.keep.keyId] === kept) {
    return { ...opts.keep, publicKey: kept, changed: false };
  } else if (opts.keep && kept && opts.keep.keyId === nextKeyId(profile.letterKeys, kioskId)) {
    pair = { ...opts.keep, publicKey: kept };
  } else {
    pair = await generateVillageKey(nextKeyId(profile.letterKeys, kioskId));
  }
  await updateProfile(admin, code, (p) => {
    // Another run took this id meanwhile: never replace a published key.
    if (p.letterKeys[pair.keyId] !== undefined) {
      throw new Error(`Key ${pair.keyId} was published meanwhile; run the command again.`);
    }
    return { ...p, letterKeys: { ...p.letterKeys, [pair.keyId]: pair.publicKey } };
  });
  return { ...pair, changed: true };
}

/** `<kiosk>-<n>`, one above the kiosk's highest published key. */
export function nextKeyId(keys: Record<string, string>, kioskId: string): string {
  const prefix = `${kioskId}-`;
  const highest = Object.keys(keys)
    .filter((id) => id.startsWith(prefix) && /^\d+$/.test(id.slice(prefix.length)))
    .reduce((max, id) => Math.max(max, Number(id.slice(prefix.length))), 0);
  return `${prefix}${highest + 1}`;
}

/**
 * Puts the regency logo (a data URL, shared/letters/logo.ts) on the village profile. With
 * `onlyIfMissing`, a profile that already has a logo keeps it (the default crest never replaces
 * a real one).
 */
export async function publishRegencyLogo(
  admin: AdminConnection,
  opts: { villageCode: VillageCode; logo: string; onlyIfMissing?: boolean },
): Promise<{ changed: boolean }> {
  const code = checkVillageCode(opts.villageCode);
  const problem = logoProblem(opts.logo);
  if (problem) throw new Error(problem);
  const { changed } = await updateProfile(admin, code, (p) =>
    opts.onlyIfMissing && p.regencyLogo ? p : { ...p, regencyLogo: opts.logo },
  );
  return { changed };
}

/** The names on a village profile, or null while any of them is still empty. */
export async function publishedVillageNames(
  admin: AdminConnection,
  villageCode: VillageCode,
): Promise<VillageNames | null> {
  const { profile } = await updateProfile(admin, checkVillageCode(villageCode), (p) => p);
  const names: VillageNames = {
    provinceName: profile.provinceName,
    regencyKind: profile.regencyKind,
    regencyName: profile.regencyName,
    districtName: profile.districtName,
    villageName: profile.villageName,
  };
  return Object.values(names).every((n) => n.trim() !== '') ? names : null;
}

/** Writes the village's names (from its code, or given by the operator) on its profile. */
export async function publishVillageNames(
  admin: AdminConnection,
  opts: { villageCode: VillageCode; names: VillageNames },
): Promise<{ changed: boolean }> {
  const code = checkVillageCode(opts.villageCode);
  const { changed } = await updateProfile(admin, code, (p) => ({ ...p, ...opts.names }));
  return { changed };
}

/** The ids of the keys the profile publishes for one kiosk (`<kiosk>-<n>`), oldest first. */
export async function publishedKeyIds(
  admin: AdminConnection,
  villageCode: VillageCode,
  kioskId: string,
): Promise<string[]> {
  const { profile } = await updateProfile(admin, checkVillageCode(villageCode), (p) => p);
  const prefix = `${kioskId}-`;
  return Object.keys(profile.letterKeys)
    .filter((id) => id.startsWith(prefix) && /^\d+$/.test(id.slice(prefix.length)))
    .sort((a, b) => Number(a.slice(prefix.length)) - Number(b.slice(prefix.length)));
}

/** Publishes where the regency's verification page is, for the QR on every later letter. */
export async function publishVerifyUrl(
  admin: AdminConnection,
  opts: { villageCode: VillageCode; verifyUrl: string },
): Promise<{ changed: boolean }> {
  const code = checkVillageCode(opts.villageCode);
  const { changed } = await updateProfile(admin, code, (p) => ({
    ...p,
    verifyUrl: opts.verifyUrl,
  }));
  return { changed };
}
