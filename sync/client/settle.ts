// Writing back what the regency made of documents the kiosk sent or held: pushed, refused,
// rebased on its revision, or replaced by its copy. Staff may have changed a document meanwhile:
// then its new content is kept (still pending) so the next push is not a conflict.
import { COLLECTION_NAMES, type CollectionName } from '../../shared/documents/collections';
import { bulkModify } from './bulk-modify';
import { collectionOf, sameContent, type Stored } from './couch-shape';
import type { KioskDatabase } from './store-types';

export type Outcome =
  | { kind: 'pushed'; rev: string }
  | { kind: 'rejected'; reason: string }
  | { kind: 'rebased'; rev: string }
  | { kind: 'replaced'; remote: Stored };

export interface Settlement {
  name: CollectionName;
  doc: Stored;
  outcome: Outcome;
}

/** Records every settlement, one revision-checked storage write per collection. */
export async function settleAll(db: KioskDatabase, settlements: Settlement[]): Promise<void> {
  for (const name of COLLECTION_NAMES) {
    const mine = new Map(settlements.filter((s) => s.name === name).map((s) => [s.doc.id, s]));
    await bulkModify(collectionOf(db, name), [...mine.keys()], (doc) => {
      const { doc: sent, outcome } = mine.get(doc.id)!;
      return settled(doc, sent, outcome);
    });
  }
}

function settled(doc: Stored, sent: Stored, outcome: Outcome): Stored | null {
  const unchanged = sameContent(doc, sent);
  switch (outcome.kind) {
    case 'pushed':
      return {
        ...doc,
        couchRev: outcome.rev,
        syncState: unchanged ? 'synced' : 'pending',
        syncError: '',
      };
    case 'rebased':
      return { ...doc, couchRev: outcome.rev };
    case 'rejected':
      return unchanged
        ? { ...doc, syncState: 'rejected', syncError: outcome.reason.slice(0, 1000) }
        : null;
    case 'replaced':
      return outcome.remote;
  }
}
