// Opening the local database the host points at, and noticing when it is not what the kiosk had:
// it fails to open (damaged), or holds fewer documents than the host last heard of (lost; the
// kiosk never deletes a document). Then staff choose: rebuild from the regency or from a backup.
import type { KioskConfig } from '../../shared/ipc';
import type { KioskDatabase } from '../../sync/client/store-types';
import { getBridge } from '../bridge';
import { databaseName, openKioskDatabase } from '../db/database';
import { kioskStorage } from '../db/storage';
import { removeSupersededDatabases } from './cleanup';
import { countDocuments } from './snapshot';

export class RecoveryNeeded extends Error {
  override name = 'RecoveryNeeded';
}

/** Collections holding fewer documents than last recorded, with both numbers. */
export function lostDocuments(
  recorded: Record<string, number> | undefined,
  now: Record<string, number>,
): string[] {
  if (!recorded) return [];
  return Object.entries(recorded)
    .filter(([name, had]) => (now[name] ?? 0) < had)
    .map(([name, had]) => `${name}: tercatat ${had}, ada ${now[name] ?? 0}`);
}

/** The database the host points at: its name, or the default one for this village and kiosk. */
export async function currentDatabaseName(config: KioskConfig): Promise<string> {
  const pointer = await getBridge().databasePointer();
  return pointer.databaseName ?? databaseName(config.villageCode, config.kioskId);
}

export async function openRecordedDatabase(
  config: KioskConfig,
): Promise<{ db: KioskDatabase; name: string }> {
  const bridge = getBridge();
  const pointer = await bridge.databasePointer();
  const name = pointer.databaseName ?? databaseName(config.villageCode, config.kioskId);
  let db: KioskDatabase;
  try {
    db = await openKioskDatabase(name, kioskStorage(), { multiInstance: true });
  } catch (error) {
    throw new RecoveryNeeded(
      `Basis data kios rusak dan tidak dapat dibuka (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
  const counts = await countDocuments(db);
  const lost = lostDocuments(pointer.lastKnown?.counts, counts);
  if (lost.length > 0) {
    await db.close();
    throw new RecoveryNeeded(
      `Data kios ini hilang atau rusak: ${lost.join('; ')}. Data yang lama tidak ditimpa.`,
    );
  }
  await bridge.recordDatabase({ databaseName: name, counts });
  // Only once this database is known good: older ones than the last fallback go.
  removeSupersededDatabases(config, name, pointer.previous).catch((error: unknown) =>
    console.warn('Basis data lama tidak terhapus:', error),
  );
  return { db, name };
}

/** Starts over on an empty database; the replicator then pulls everything back from the regency. */
export async function rebuildFromRegency(config: KioskConfig): Promise<void> {
  const name = `${databaseName(config.villageCode, config.kioskId)}_r${Date.now()}`;
  const previous = await currentDatabaseName(config);
  await getBridge().switchDatabase({ databaseName: name, previous });
}
