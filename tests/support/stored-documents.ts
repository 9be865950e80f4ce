// Reads, without writing, every document of the kiosk's collections in the page, straight from
// IndexedDB as RxDB's Dexie storage keeps it (database `rxdb-dexie-<name>--<version>--<collection>`,
// store `docs`), for the database the host currently points at. Tests compare these whole. RxDB's
// own bookkeeping (sync history, checkpoints, internal stores) is left out.
import type { Page } from 'playwright-core';
import { COLLECTION_NAMES } from '../../shared/documents/collections';

export type StoredDocuments = Record<string, Record<string, unknown>[]>;

export async function readStoredDocuments(page: Page): Promise<StoredDocuments> {
  return page.evaluate(async (collections) => {
    const pointer = (await (await fetch('/api/db:pointer', { method: 'POST' })).json()) as {
      databaseName: string | null;
    };
    const config = (await (await fetch('/api/kiosk:get-config', { method: 'POST' })).json()) as {
      villageCode: string;
      kioskId: string;
    };
    const name =
      pointer.databaseName ?? `balai_${config.villageCode}_${config.kioskId.replace(/-/g, '_')}`;
    const prefix = `rxdb-dexie-${name}--`;
    const out: Record<string, Record<string, unknown>[]> = {};
    for (const info of await indexedDB.databases()) {
      if (!info.name?.startsWith(prefix)) continue;
      const collection = info.name.slice(prefix.length).replace(/^\d+--/, '');
      if (!collections.includes(collection)) continue;
      const db = await new Promise<IDBDatabase>((done, fail) => {
        const open = indexedDB.open(info.name!);
        open.onsuccess = () => done(open.result);
        open.onerror = () => fail(open.error);
      });
      const docs = await new Promise<Record<string, unknown>[]>((done, fail) => {
        const all = db.transaction('docs', 'readonly').objectStore('docs').getAll();
        all.onsuccess = () => done(all.result as Record<string, unknown>[]);
        all.onerror = () => fail(all.error);
      });
      db.close();
      out[collection] = docs
        .filter((doc) => doc._deleted !== true && doc._deleted !== '1')
        .sort((a, b) => String(a.id).localeCompare(String(b.id)));
    }
    return out;
  }, COLLECTION_NAMES as string[]);
}
