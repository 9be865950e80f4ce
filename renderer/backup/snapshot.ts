// Reading the whole local database for a backup, and writing a verified backup into a fresh one.
// The restore writes to the storage underneath RxDB, so every document keeps its revision and
// metadata exactly (RxDB's own insert would give it a new revision): byte for byte on a new PC.
import type { RxStorageInstance } from 'rxdb';
import {
  canonicalJson,
  createBackup,
  type BackupContent,
  type StoredDocument,
} from '../../shared/backup/format';
import { schemaVersions } from '../../shared/backup/target';
import { COLLECTION_NAMES } from '../../shared/documents/collections';
import type { KioskConfig } from '../../shared/ipc';
import type { KioskDatabase } from '../../sync/client/store-types';
import { databaseName, openKioskDatabase } from '../db/database';
import { kioskStorage } from '../db/storage';

export const APP_VERSION = '0.1.0';

export async function readAllDocuments(
  db: KioskDatabase,
): Promise<Record<string, StoredDocument[]>> {
  const out: Record<string, StoredDocument[]> = {};
  for (const name of COLLECTION_NAMES) {
    const docs = await db[name].find().exec();
    // `_data` is the stored form: the fields plus _rev, _meta, _deleted and _attachments.
    out[name] = docs.map((doc) => JSON.parse(JSON.stringify(doc._data)) as StoredDocument);
  }
  return out;
}

export async function countDocuments(db: KioskDatabase): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const name of COLLECTION_NAMES) counts[name] = await db[name].count().exec();
  return counts;
}

export async function backupText(
  db: KioskDatabase,
  config: KioskConfig,
  passphrase: string,
  at = new Date(),
): Promise<string> {
  return createBackup(
    {
      villageCode: config.villageCode,
      kioskId: config.kioskId,
      createdAt: at.toISOString(),
      appVersion: APP_VERSION,
      schemaVersions: schemaVersions(),
      collections: await readAllDocuments(db),
    },
    passphrase,
  );
}

type RawStorage = RxStorageInstance<StoredDocument, unknown, unknown>;

/**
 * Writes a verified backup into a new database and reads every document back before answering:
 * only then may the host's pointer move to it. Returns the new database's name.
 */
export async function restoreIntoFreshDatabase(
  config: KioskConfig,
  content: BackupContent,
): Promise<string> {
  const name = `${databaseName(config.villageCode, config.kioskId)}_r${Date.now()}`;
  const db = await openKioskDatabase(name, kioskStorage());
  try {
    for (const collection of COLLECTION_NAMES) {
      const docs = content.collections[collection] ?? [];
      const raw = (
        db[collection].storageInstance as unknown as { originalStorageInstance: RawStorage }
      ).originalStorageInstance;
      for (let i = 0; i < docs.length; i += 500) {
        const rows = docs.slice(i, i + 500).map((document) => ({ document: document as never }));
        const result = await raw.bulkWrite(rows, 'balai-restore');
        if (result.error.length > 0) {
          throw new Error(
            `Pemulihan gagal menulis ${result.error.length} dokumen ${collection}; data lama tetap dipakai.`,
          );
        }
      }
    }
    const back = await readAllDocuments(db);
    for (const collection of COLLECTION_NAMES) {
      const want = sortById(content.collections[collection] ?? []);
      if (canonicalJson(sortById(back[collection] ?? [])) !== canonicalJson(want)) {
        throw new Error(
          `Isi ${collection} di basis data baru tidak sama dengan cadangan; data lama tetap dipakai.`,
        );
      }
    }
  } finally {
    await db.close();
  }
  return name;
}

const sortById = (docs: StoredDocument[]) =>
  [...docs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
