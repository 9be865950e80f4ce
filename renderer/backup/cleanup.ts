// Databases a restore or a rebuild left behind: the one before the last switch stays as a
// fallback; older ones, and fresh ones a killed restore never finished, are removed, once the
// current database has opened and passed its check. Only this village and kiosk's names count.
// They are deleted as IndexedDB databases (`rxdb-dexie-<name>--<version>--<collection>`), not
// through RxDB: a restore killed early leaves collections RxDB's own registry never recorded.
import type { KioskConfig } from '../../shared/ipc';
import { databaseName } from '../db/database';

export async function removeSupersededDatabases(
  config: KioskConfig,
  current: string,
  previous: string | null,
): Promise<string[]> {
  const base = databaseName(config.villageCode, config.kioskId);
  const keep = new Set([current, previous ?? base]);
  const pattern = new RegExp(`^rxdb-dexie-(${base}(?:_r(\\d+))?)--`);
  // A restore started on this page after it loaded is in progress, not left behind.
  const loadedAt = performance.timeOrigin;
  const gone: string[] = [];
  for (const info of await indexedDB.databases()) {
    const [, name, made] = pattern.exec(info.name ?? '') ?? [];
    if (!name || keep.has(name) || Number(made ?? 0) >= loadedAt) continue;
    await deleteDatabase(info.name!);
    gone.push(info.name!);
  }
  return gone;
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((done, fail) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => done();
    request.onerror = () => fail(request.error ?? new Error(`IndexedDB ${name} tidak terhapus.`));
    // Still open somewhere: it goes when that closes; nothing to wait for here.
    request.onblocked = () => done();
  });
}
