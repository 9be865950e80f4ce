// A kiosk's connection file: the regency address, the kiosk's account and its letter key, written
// 0600 by the regency operator's commands. The kiosk host reads the demo one by itself
// (docs/decisions/0002); `add-regency` writes one per kiosk for the office to be handed.
import { join } from 'node:path';
import { letterKeySchema, type LetterKey } from '../../shared/ipc';
import type { VillageCode } from '../../shared/village';
import { readJsonFile, writePrivateJson } from './hub-files';

export interface KioskConnection {
  url: string;
  villageCode: VillageCode;
  kioskId: string;
  username: string;
  password: string;
  /** The kiosk's letter-signing key (decision 0007): only this kiosk ever gets its private half. */
  letterKey?: LetterKey;
}

/** The letter key a kiosk connection file holds, if it holds a usable one. */
export const savedLetterKey = (
  saved: Partial<KioskConnection> | undefined,
): LetterKey | undefined => {
  const parsed = letterKeySchema.safeParse(saved?.letterKey);
  return parsed.success ? parsed.data : undefined;
};

/** The file the kiosk host reads to find this hub by itself (docs/decisions/0002). */
export const kioskFile = (dataDir: string, code: VillageCode, kioskId: string) =>
  join(dataDir, `kiosk-${code}-${kioskId}.json`);

/** The printable A4 sheet of the same connection (sync/hub/kiosk-sheet.ts). */
export const kioskSheetFile = (dataDir: string, code: VillageCode, kioskId: string) =>
  join(dataDir, `lembar-${code}-${kioskId}.html`);

export async function readKioskFile(path: string): Promise<Partial<KioskConnection> | undefined> {
  return (await readJsonFile(path)) as Partial<KioskConnection> | undefined;
}

export async function writeKioskFile(
  path: string,
  url: string,
  villageCode: VillageCode,
  kioskId: string,
  login: { username: string; password: string },
  letterKey: LetterKey | undefined,
): Promise<void> {
  const { username, password } = login;
  const connection: KioskConnection = {
    url,
    villageCode,
    kioskId,
    username,
    password,
    ...(letterKey
      ? { letterKey: { keyId: letterKey.keyId, privateKey: letterKey.privateKey } }
      : {}),
  };
  await writePrivateJson(path, connection);
}
