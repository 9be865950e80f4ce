// Bookkeeping the kiosk keeps on each document for sync; it never leaves the kiosk.
// A document is `pending` from the moment staff save it until the regency has it; `couchRev` is
// the regency's revision we last saw, so an echo of our own push is recognised and skipped.

export type SyncState = 'pending' | 'synced' | 'rejected';

export interface LocalSyncFields {
  syncState: SyncState;
  couchRev: string;
  /** Why the regency refused the document (set aside until it is edited again). */
  syncError: string;
}

export const LOCAL_SYNC_FIELD_NAMES = ['syncState', 'couchRev', 'syncError'] as const;

/** JSON-schema properties of the local fields, for the storage schema. */
export const LOCAL_SYNC_FIELD_SCHEMA = {
  syncState: { type: 'string', enum: ['pending', 'synced', 'rejected'], maxLength: 8 },
  couchRev: { type: 'string', maxLength: 100 },
  syncError: { type: 'string', maxLength: 1000 },
} as const;

/** A document as staff just saved it: waiting to go up. */
export function pendingLocal<T extends object>(doc: T): T & LocalSyncFields {
  return { ...doc, syncState: 'pending', couchRev: '', syncError: '' };
}

/** The document as the regency stores it: the local fields removed. */
export function withoutLocalFields<T extends LocalSyncFields>(
  doc: T,
): Omit<T, keyof LocalSyncFields> {
  const { syncState: _s, couchRev: _r, syncError: _e, ...rest } = doc;
  return rest;
}
