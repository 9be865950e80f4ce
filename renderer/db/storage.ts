// The kiosk's storage: RxDB's Dexie (IndexedDB) storage, with one change: a write refused because
// the disk or the origin's quota is full becomes a message staff can act on, in Bahasa Indonesia.
// IndexedDB refuses the whole transaction, so nothing of that write is stored and everything
// written before it stays (a half-saved document cannot happen). Measured in Chromium 156 on a
// full disk: the write fails as Dexie's "AbortError: The transaction was aborted" (the
// FILE_ERROR_NO_SPACE behind it is not passed on), Chromium then closes the database's backing
// store, and `navigator.storage.estimate()` still reports a free gigabyte. So on a failed write
// the host, which can ask the file system, says how much disk is left.
import type { RxStorage } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { getBridge } from '../bridge';

export const STORAGE_FULL_MESSAGE =
  'Penyimpanan kios penuh: data ini belum tersimpan, data yang sudah tersimpan tetap aman. ' +
  'Kosongkan ruang disk komputer (atau hubungi admin), lalu simpan lagi.';

export const STORAGE_CLOSED_MESSAGE =
  'Penyimpanan kios gagal menulis: data ini belum tersimpan, data yang sudah tersimpan tetap ' +
  'aman. Periksa ruang disk komputer, lalu buka ulang kios.';

export class StorageFullError extends Error {
  override name = 'StorageFullError';
}

/** True when `test` holds for the error or any error it wraps (Dexie's `inner`, `cause`). */
function anyWrapped(error: unknown, test: (name: string, message: string) => boolean): boolean {
  for (let e = error, depth = 0; depth < 6 && e !== null && typeof e === 'object'; depth++) {
    const { name, message, inner, cause } = e as Record<string, unknown>;
    if (test(String(name ?? ''), String(message ?? ''))) return true;
    if (inner !== undefined && anyWrapped(inner, test)) return true;
    e = cause;
  }
  return false;
}

/** IndexedDB's QuotaExceededError, or Chromium's I/O error for a full disk. */
export function isQuotaError(error: unknown): boolean {
  return anyWrapped(
    error,
    (name, message) =>
      name === 'QuotaExceededError' || /QuotaExceeded|NO_SPACE|ENOSPC/i.test(message),
  );
}

/** The database connection Chromium closed after an I/O failure. */
export function isClosedStoreError(error: unknown): boolean {
  return anyWrapped(
    error,
    (name, message) =>
      name === 'DatabaseClosedError' || /backing store|Connection is closing/i.test(message),
  );
}

/** A write IndexedDB gave up on: an aborted transaction or an I/O failure. */
export function isFailedWrite(error: unknown): boolean {
  return anyWrapped(
    error,
    (name, message) =>
      ['AbortError', 'BulkError', 'UnknownError'].includes(name) ||
      /transaction was aborted|IO error/i.test(message),
  );
}

/** Below this much free disk a failed write is taken for a full disk. */
export const LOW_DISK_BYTES = 64 * 1024 * 1024;

/** The message staff see for a storage failure, or null for any other error. */
export async function storageFailureMessage(
  error: unknown,
  freeDiskBytes: () => Promise<number | null>,
): Promise<string | null> {
  if (isQuotaError(error)) return STORAGE_FULL_MESSAGE;
  if (!isClosedStoreError(error) && !isFailedWrite(error)) return null;
  const free = await freeDiskBytes().catch(() => null);
  if (free !== null && free < LOW_DISK_BYTES) return STORAGE_FULL_MESSAGE;
  return STORAGE_CLOSED_MESSAGE;
}

export function withStorageFullMessage(
  storage: RxStorage<unknown, unknown>,
  freeDiskBytes: () => Promise<number | null>,
): RxStorage<unknown, unknown> {
  return {
    name: storage.name,
    rxdbVersion: storage.rxdbVersion,
    async createStorageInstance(params) {
      const instance = await storage.createStorageInstance(params);
      const bulkWrite = instance.bulkWrite.bind(instance);
      instance.bulkWrite = async (rows, context) => {
        try {
          return await bulkWrite(rows, context);
        } catch (error) {
          const message = await storageFailureMessage(error, freeDiskBytes);
          if (message) throw new StorageFullError(message, { cause: error });
          throw error;
        }
      };
      return instance;
    },
  };
}
export function kioskStorage(): RxStorage<unknown, unknown> {
  return withStorageFullMessage(
    getRxStorageDexie(),
    async () => (await getBridge().diskSpace()).freeBytes,
  );
}
