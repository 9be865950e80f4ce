// Where the kiosk's letter-signing key comes from (decision 0007), highest first:
//   1. BALAI_LETTER_KEY=<key id>:<PKCS#8 base64url>, an operator's override;
//   2. the key the setup handed over with the regency connection (`kiosk:set-regency`), sealed in
//      config.json by the shell's SecretCodec (Electron safeStorage; the browser kiosk's 0600 file);
//   3. the key `npm run hub -- add-village` wrote into this kiosk's connection file.
// A saved key is used only by the village and kiosk it was provisioned for: another village's
// key would sign letters nobody could verify as this village's. The key never leaves the host.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { letterKeySchema, type LetterKey } from '../../shared/ipc';
import type { Env, SecretCodec } from './config-store';
import { parseJsonOrUndefined } from '../../node-shared/private-files';

export const LETTER_KEY_ENV = 'BALAI_LETTER_KEY';

/** The place a key was provisioned for. */
export interface KeyPlace {
  villageCode: string;
  kioskId: string;
}

/** BALAI_LETTER_KEY, or null when unset. A malformed value stops the kiosk: it would sign nothing. */
export function readEnvLetterKey(env: Env): LetterKey | null {
  const value = env[LETTER_KEY_ENV]?.trim();
  if (!value) return null;
  const at = value.indexOf(':');
  const parsed = letterKeySchema.safeParse({
    keyId: value.slice(0, Math.max(0, at)),
    privateKey: value.slice(at + 1),
  });
  if (!parsed.success) {
    throw new Error(`${LETTER_KEY_ENV} must be <key id>:<Ed25519 PKCS#8, base64url>.`);
  }
  return parsed.data;
}

/** The key as config.json keeps it: the private part sealed like the sync password. */
export const savedLetterKeySchema = z.object({
  villageCode: z.string(),
  kioskId: z.string(),
  keyId: letterKeySchema.shape.keyId,
  privateKey: z.object({ scheme: z.string(), value: z.string() }),
});
export type SavedLetterKey = z.infer<typeof savedLetterKeySchema>;

export function sealLetterKey(key: LetterKey, place: KeyPlace, codec: SecretCodec): SavedLetterKey {
  return {
    villageCode: place.villageCode,
    kioskId: place.kioskId,
    keyId: key.keyId,
    privateKey: { scheme: codec.scheme, value: codec.seal(key.privateKey) },
  };
}

/** The saved key for this place, unsealed; null (with a warning when it is unusable) otherwise. */
export function openSavedLetterKey(
  saved: unknown,
  place: KeyPlace,
  codec: SecretCodec,
  warn: (message: string) => void,
): LetterKey | null {
  if (saved === undefined) return null;
  const parsed = savedLetterKeySchema.safeParse(saved);
  if (!parsed.success) {
    warn('The saved letter key is damaged; set the regency connection up again.');
    return null;
  }
  const key = parsed.data;
  if (key.villageCode !== place.villageCode || key.kioskId !== place.kioskId) return null;
  if (key.privateKey.scheme !== codec.scheme) {
    warn(`The letter key was saved by another shell (${key.privateKey.scheme}); set it up again.`);
    return null;
  }
  try {
    const opened = letterKeySchema.safeParse({
      keyId: key.keyId,
      privateKey: codec.open(key.privateKey.value),
    });
    return opened.success ? opened.data : null;
  } catch (error) {
    warn(`The saved letter key cannot be unsealed (${String(error)}); set it up again.`);
    return null;
  }
}

/** The `letterKey` of the hub's connection file for this kiosk, or null. */
export function readHubLetterKey(file: string, place: KeyPlace): LetterKey | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  const parsed = z
    .object({ villageCode: z.string(), kioskId: z.string(), letterKey: letterKeySchema })
    .safeParse(parseJsonOrUndefined(text));
  if (
    !parsed.success ||
    parsed.data.villageCode !== place.villageCode ||
    parsed.data.kioskId !== place.kioskId
  ) {
    return null;
  }
  return parsed.data.letterKey;
}
