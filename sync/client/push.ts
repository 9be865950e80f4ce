// The push: pending documents up in one `_bulk_docs` a batch, text by count, photos by bytes
// (never both in one request), the outcome of each written back. The batch sizes are this
// module's: a 413 halves them, and the pull reads them for its own requests.
import type { CollectionName } from '../../shared/documents/collections';
import { isVillageDocType } from '../../shared/doc-types';
import { CouchError, type CouchClient } from './couch-client';
import {
  collectionOf,
  PHOTOS,
  PHOTOS_PER_READ,
  TEXT_COLLECTIONS,
  toCouch,
  type Stored,
} from './couch-shape';
import { takeByBytes } from './photo-lane';
import type { Reconcile } from './reconcile';
import { settleAll, type Settlement } from './settle';
import type { SyncHistory } from './sync-history';
import type { KioskDatabase } from './store-types';

type Lane = 'text' | 'photo';

export interface Push {
  /** Text first; then photos one small batch at a time, text saved meanwhile going before each. */
  pushAll(lanes: 'text' | 'all'): Promise<void>;
  /** Documents per request (text). */
  readonly batchSize: number;
  /** Photo bytes (base64) per request. */
  readonly photoBatchBytes: number;
}

export function createPush(options: {
  db: KioskDatabase;
  couch: CouchClient;
  history: SyncHistory;
  reconcile: Reconcile;
  batchSize: number;
  photoBatchBytes: number;
  /** This replicator's run id: each batch is marked `<run>.<n>` (couch-shape.ts PUSHED_BY). */
  run: string;
}): Push {
  const { db, couch, history, reconcile } = options;
  let batchSize = options.batchSize;
  let photoBatchBytes = options.photoBatchBytes;
  let batches = 0;

  async function pendingOf(name: CollectionName, limit: number) {
    const docs = await collectionOf(db, name)
      .find({ selector: { syncState: 'pending' }, index: ['syncState', 'id'], limit })
      .exec();
    return docs.map((d) => ({ name, doc: d.toMutableJSON() as Stored }));
  }

  /** The next batch of a lane: text by count, photos by bytes. */
  async function nextBatch(lane: Lane): Promise<{ name: CollectionName; doc: Stored }[]> {
    if (lane === 'photo')
      return takeByBytes(await pendingOf(PHOTOS, PHOTOS_PER_READ), photoBatchBytes);
    const batch: { name: CollectionName; doc: Stored }[] = [];
    for (const name of TEXT_COLLECTIONS) {
      if (batch.length >= batchSize) break;
      batch.push(...(await pendingOf(name, batchSize - batch.length)));
    }
    return batch;
  }

  /** Pushes one batch of a lane; returns how many documents left the `pending` state. */
  async function pushBatch(lane: Lane): Promise<number> {
    const batch = await nextBatch(lane);
    // Only village document types are ours to send; a regency type edited here would be refused.
    const sendable = batch.filter((b) => isVillageDocType(b.doc.type));
    const outcomes: Settlement[] = batch
      .filter((b) => !isVillageDocType(b.doc.type))
      .map((b) => ({
        ...b,
        outcome: { kind: 'rejected', reason: 'Jenis dokumen ini hanya diubah oleh kabupaten.' },
      }));
    if (sendable.length === 0) {
      await settleAll(db, outcomes);
      return batch.length;
    }

    let results;
    // A new mark every batch: a document pushed again (edited, rebased) never repeats the mark
    // of the revision it replaces, which the regency refuses.
    const mark = `${options.run}.${++batches}`;
    try {
      results = await couch.bulkDocs(sendable.map((b) => toCouch(b.doc, mark)));
    } catch (err) {
      if (err instanceof CouchError && err.kind === 'too-large') {
        if (sendable.length === 1) {
          const reason = 'Dokumen terlalu besar untuk server kabupaten.';
          await settleAll(db, [
            ...outcomes,
            { ...sendable[0]!, outcome: { kind: 'rejected', reason } },
          ]);
          return 1;
        }
        if (lane === 'photo') photoBatchBytes = Math.floor(photoBatchBytes / 2);
        else batchSize = Math.max(1, Math.floor(sendable.length / 2));
        return pushBatch(lane);
      }
      throw err;
    }
    // Answers are matched by id, never by position: a server may reorder them.
    const byId = new Map(results.map((r) => [r.id, r]));
    const conflicts: typeof sendable = [];
    for (const item of sendable) {
      const result = byId.get(item.doc.id);
      if (!result) continue; // no answer for it: it stays pending and goes again
      if (result.rev && !result.error) {
        outcomes.push({ ...item, outcome: { kind: 'pushed', rev: result.rev } });
      } else if (result.error === 'conflict') {
        conflicts.push(item);
      } else {
        const reason = result.reason || result.error || 'Ditolak server kabupaten.';
        outcomes.push({ ...item, outcome: { kind: 'rejected', reason } });
      }
    }
    await settleAll(db, outcomes);
    history.tally('docsPushed', outcomes.filter((o) => o.outcome.kind === 'pushed').length);
    let settled = outcomes.length;
    for (const { name, doc } of conflicts) {
      const remote = await couch.getDoc(doc.id);
      if (!remote) {
        // A revision this server never had (another server's): it goes again as a new document.
        await settleAll(db, [{ name, doc, outcome: { kind: 'rebased', rev: '' } }]);
        settled++;
      } else if ((await reconcile(name, doc, remote)) === 'settled') settled++;
    }
    return settled;
  }

  async function pushText() {
    while ((await pushBatch('text')) > 0) {
      /* until no text document is waiting */
    }
  }

  return {
    async pushAll(lanes) {
      await pushText();
      if (lanes === 'all') {
        while ((await pushBatch('photo')) > 0) await pushText();
      }
    },
    get batchSize() {
      return batchSize;
    },
    get photoBatchBytes() {
      return photoBatchBytes;
    },
  };
}
