// Changing many stored documents in one storage write. RxDB's public API changes existing
// documents one write at a time; after a push of hundreds of documents that dominated the time.
// This writes them the way RxDB's own replication does — through the collection's storage
// instance with each document's previous state, so a document staff changed meanwhile is a
// revision conflict, not an overwrite — and retries those few one at a time.
import { createRevision, now, type RxCollection, type RxDocumentData } from 'rxdb';

export async function bulkModify<T extends { id: string }>(
  collection: RxCollection<T>,
  ids: string[],
  /** The new version of a document, or null to leave it as it is. */
  modify: (doc: T) => T | null,
): Promise<void> {
  if (ids.length === 0) return;
  const previous = await collection.storageInstance.findDocumentsById(ids, false);
  const rows = previous.flatMap((prev) => {
    const next = modify(withoutMeta(prev));
    if (!next) return [];
    const document: RxDocumentData<T> = {
      ...next,
      _deleted: false,
      _attachments: prev._attachments,
      _meta: { ...prev._meta, lwt: now() },
      _rev: createRevision(collection.database.token, prev),
    };
    return [{ previous: prev, document }];
  });
  if (rows.length === 0) return;
  const result = await collection.storageInstance.bulkWrite(rows, 'balai-sync');
  for (const error of result.error) {
    if (error.status !== 409) throw new Error(`Penyimpanan lokal gagal (${error.status}).`);
    const doc = await collection.findOne(error.documentId).exec();
    await doc?.incrementalModify((current) => (modify(current as T) ?? current) as typeof current);
  }
}

function withoutMeta<T>(data: RxDocumentData<T>): T {
  const { _deleted, _attachments, _meta, _rev, ...rest } = data;
  return rest as T;
}
