// A restore from a backup file: verify the whole file first (shared/backup/format.ts), write it
// into a fresh database and read it back, then move the host's pointer and reload. A kiosk killed
// at any step before the pointer moves opens its old database, untouched.
import { backupStamp } from '../../shared/backup/channels';
import { openBackup } from '../../shared/backup/format';
import { restoreTargetFor } from '../../shared/backup/target';
import type { KioskConfig } from '../../shared/ipc';
import { getBridge } from '../bridge';
import { assertSignedInMay } from './permission';
import { currentDatabaseName } from './recovery';
import { restoreIntoFreshDatabase } from './snapshot';

export async function restoreFromText(
  config: KioskConfig,
  text: string,
  passphrase: string,
): Promise<{ ok: true; documents: number } | { ok: false; message: string }> {
  await assertSignedInMay('backup.restore');
  const opened = await openBackup(text, passphrase, restoreTargetFor(config.villageCode));
  if (!opened.ok) return opened;
  const previous = await currentDatabaseName(config);
  const databaseName = await restoreIntoFreshDatabase(config, opened.content);
  await getBridge().switchDatabase({ databaseName, previous });
  const documents = Object.values(opened.content.manifest.counts).reduce((a, b) => a + b, 0);
  return { ok: true, documents };
}

/** The name the host accepts for a backup file of this kiosk, stamped on the office's clock. */
export function backupFileName(config: KioskConfig, at = new Date()): string {
  return `balai-${config.villageCode}-${config.kioskId}-${backupStamp(at)}.balai-backup`;
}
