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
type Item = { name: CollectionName; doc: Stored };

export interface PushOptions {
  /**
   * Text batches in flight at once (default 1). Above 1 the next batch is uploaded while the
   * server writes the one before, so a slow link's round trip is paid once, not once a batch.
   */
  window?: number;
}

export interface Push {
  /** Text first; then photos one small batch at a time, text saved meanwhile going before each. */
  pushAll(lanes: 'text' | 'all', options?: PushOptions): Promise<void>;
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

  /** Pending documents of a collection in id order, after `after` (ids of batches in flight). */
  async function pendingOf(name: CollectionName, limit: number, after = '') {
    const docs = await collectionOf(db, name)
      .find({
        selector: { syncState: 'pending', ...(after ? { id: { $gt: after } } : {}) },
        index: ['syncState', 'id'],
        sort: [{ syncState: 'asc' }, { id: 'asc' }],
        limit,
      })
      .exec();
    return docs.map((d) => ({ name, doc: d.toMutableJSON() as Stored }));
  }

  /**
   * The next text batch: pending documents past `cursor` (per collection, moved past what is
   * taken), so batches in flight are not taken twice.
   */
  async function nextTextBatch(cursor: Map<CollectionName, string>): Promise<Item[]> {
    const batch: Item[] = [];
    for (const name of TEXT_COLLECTIONS) {
      if (batch.length >= batchSize) break;
      const taken = await pendingOf(name, batchSize - batch.length, cursor.get(name));
      if (taken.length > 0) cursor.set(name, taken[taken.length - 1]!.doc.id);
      batch.push(...taken);
    }
    return batch;
  }

  /** Pushes one batch of photos, by bytes; returns how many left the `pending` state. */
  async function pushPhotoBatch(): Promise<number> {
    const pending = await pendingOf(PHOTOS, PHOTOS_PER_READ);
    return sendBatch('photo', takeByBytes(pending, photoBatchBytes));
  }

  /** Sends a batch taken from the store and settles every answer; returns how many settled. */
  async function sendBatch(lane: Lane, batch: Item[]): Promise<number> {
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
        if (lane === 'photo') {
          photoBatchBytes = Math.floor(photoBatchBytes / 2);
          return pushPhotoBatch();
        }
        // Text: the same documents in two halves, and smaller batches from now on.
        const half = Math.max(1, Math.floor(sendable.length / 2));
        batchSize = Math.min(batchSize, half);
        await settleAll(db, outcomes);
        const first = await sendBatch(lane, sendable.slice(0, half));
        return outcomes.length + first + (await sendBatch(lane, sendable.slice(half)));
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

  /**
   * Pushes text until none is waiting, up to `window` batches in flight: a pass takes the pending
   * documents in id order; another pass follows while the last one settled anything (a rebased
   * conflict, a document edited meanwhile). A failed batch fails the push once the others ended.
   */
  async function pushText(window: number) {
    for (;;) {
      const cursor = new Map<CollectionName, string>();
      const inFlight = new Set<Promise<void>>();
      const failures: unknown[] = [];
      let settled = 0;
      let more = true;
      while (more || inFlight.size > 0) {
        while (more && inFlight.size < window && failures.length === 0) {
          const batch = await nextTextBatch(cursor);
          if (batch.length === 0) {
            more = false;
            break;
          }
          const sent: Promise<void> = sendBatch('text', batch)
            .then(
              (n) => void (settled += n),
              (err: unknown) => void failures.push(err),
            )
            .then(() => void inFlight.delete(sent));
          inFlight.add(sent);
        }
        if (failures.length > 0) more = false;
        if (inFlight.size > 0) await Promise.race(inFlight);
      }
      if (failures.length > 0) throw failures[0];
      if (settled === 0) return;
    }
  }

  return {
    async pushAll(lanes, { window = 1 } = {}) {
      await pushText(window);
      if (lanes === 'all') {
        while ((await pushPhotoBatch()) > 0) await pushText(window);
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
