// The kiosk's local store: one RxDB database per village and kiosk, on Dexie (IndexedDB) in the
// renderer (docs/PRINCIPLES.md §1). Storage is a parameter so Node suites can open the same database on
// an in-process IndexedDB.
import { addRxPlugin, createRxDatabase, type RxStorage } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBUpdatePlugin } from 'rxdb/plugins/update';
import { COLLECTIONS, COLLECTION_NAMES } from '../../shared/documents/collections';
import type { KioskCollections, KioskDatabase } from '../../sync/client/store-types';
import { MIGRATIONS } from './migrations';
import { toRxSchema } from './rx-schema';

addRxPlugin(RxDBMigrationSchemaPlugin);
addRxPlugin(RxDBLocalDocumentsPlugin);
addRxPlugin(RxDBUpdatePlugin);

export function databaseName(villageCode: string, kioskId: string): string {
  return `balai_${villageCode}_${kioskId.replace(/-/g, '_')}`;
}

export async function openKioskDatabase(
  name: string,
  storage: RxStorage<unknown, unknown>,
  /**
   * True where two windows of one kiosk open the same database (the desk and its anjungan
   * mandiri, decision 0026): each then sees the other's writes at once.
   */
  { multiInstance = false }: { multiInstance?: boolean } = {},
): Promise<KioskDatabase> {
  const db = await createRxDatabase<KioskCollections>({
    name,
    storage,
    localDocuments: true,
    multiInstance,
    closeDuplicates: true,
  });
  const collections = Object.fromEntries(
    COLLECTION_NAMES.map((name) => [
      name,
      {
        schema: toRxSchema(name, COLLECTIONS[name]),
        migrationStrategies: MIGRATIONS[name],
        localDocuments: true,
      },
    ]),
  );
  await db.addCollections(collections as never);
  return db;
}
