// The pull: `_changes` without bodies, the bodies fetched only for what the kiosk does not hold
// at that revision, validated and stored; the checkpoint written after the documents it covers,
// so a cut link resumes where it stopped. Photos seen in the feed go to the photo backlog and
// are fetched after the text (photo-lane.ts). The checkpoint and the backlog are this module's.
import {
  COLLECTION_NAMES,
  schemaOfType,
  type CollectionName,
} from '../../shared/documents/collections';
import { attachmentIsIntact } from '../../shared/dukcapil/file-doc';
import type { ChangeRow, CouchClient, CouchDoc } from './couch-client';
import {
  collectionOf,
  echoFreeSelector,
  fromCouch,
  isPhotoId,
  isUnkeptTypeId,
  KEPT_TYPES_KEY,
  PHOTOS,
  PHOTOS_PER_READ,
  stripCouchMeta,
  type Stored,
} from './couch-shape';
import { lawfulRevisions } from './lawful-revisions';
import { createPhotoBacklog } from './photo-lane';
import type { Reconcile } from './reconcile';
import type { SyncHistory } from './sync-history';
import type { KioskDatabase } from './store-types';

const PULL_CHECKPOINT = 'sync-pull';

interface PullCheckpoint {
  since: string | number;
  /** The types kept when this checkpoint was written; a new type restarts the pull. */
  types: string;
  /** The database it belongs to (server-identity.ts); absent on checkpoints from before. */
  server?: string;
}

export interface Pull {
  /** Pulls one batch of changes; answers whether the kiosk has caught up. */
  pullBatch(options?: {
    signal?: AbortSignal;
    longpoll?: boolean;
    /** Body requests in flight at once (default 1); applied in feed order all the same. */
    fetchWindow?: number;
  }): Promise<boolean>;
  /** Fetches one batch of announced photos; answers whether any are left. */
  pullPhotoBatch(): Promise<boolean>;
  photoBacklogSize(): Promise<number>;
  /** Whether a checkpoint from before server identities is stored. */
  hasUntaggedCheckpoint(): Promise<boolean>;
}

export function createPull(options: {
  db: KioskDatabase;
  couch: CouchClient;
  history: SyncHistory;
  reconcile: Reconcile;
  /** Documents per body request. */
  batchSize: () => number;
  /** Feed rows per request: ids and revisions only, so larger steps than bodies. */
  feedStep: number;
  photoBatchBytes: () => number;
  longpollMs: number;
  /** The database the kiosk's sync state belongs to now (server-identity.ts). */
  serverToken(): string | null;
  /** The push's run id: rows of revisions it wrote are left out of the feed at the server. */
  run: string;
  /** Told how many announced photos the kiosk has yet to fetch, whenever that changes. */
  onPhotoBacklog(size: number): void;
}): Pull {
  const { db, couch, history, reconcile } = options;
  const photoBacklog = createPhotoBacklog(db, options.photoBatchBytes);

  const storedCheckpoint = async () =>
    (await db.getLocal<PullCheckpoint>(PULL_CHECKPOINT))?.toJSON().data;

  /** Where the pull goes on: from the start for new kept types or another database. */
  async function readCheckpoint(): Promise<string | number> {
    const cp = await storedCheckpoint();
    const sameServer = cp?.server === undefined || cp.server === options.serverToken();
    return cp && cp.types === KEPT_TYPES_KEY && sameServer ? cp.since : 0;
  }

  /** Ids in the feed whose revision differs from ours (ours are echoes of our own pushes). */
  async function unknownRevisions(rows: ChangeRow[]): Promise<string[]> {
    // Synced documents are voided, never deleted; a deletion at the regency is not applied.
    // Ids that name a type this kiosk does not keep (other kiosks' sync reports) are not fetched.
    const live = rows.filter(
      (r) => !r.deleted && !r.id.startsWith('_design/') && !isUnkeptTypeId(r.id),
    );
    const known = new Map<string, string>();
    const photoIds = live.map((r) => r.id).filter(isPhotoId);
    const textIds = live.map((r) => r.id).filter((id) => !isPhotoId(id));
    for (const name of COLLECTION_NAMES) {
      const ids = name === PHOTOS ? photoIds : textIds;
      const step = name === PHOTOS ? PHOTOS_PER_READ : Math.max(1, ids.length);
      for (let i = 0; i < ids.length; i += step) {
        const found = await collectionOf(db, name)
          .findByIds(ids.slice(i, i + step))
          .exec();
        for (const [id, doc] of found) known.set(id, doc.couchRev);
      }
    }
    return live.filter((r) => known.get(r.id) !== r.changes[0]?.rev).map((r) => r.id);
  }

  /** Photos whose bytes hash to their `sha256`; the others are logged and never stored. */
  async function intactPhotos(remotes: CouchDoc[]): Promise<CouchDoc[]> {
    const checked = await Promise.all(remotes.map((r) => attachmentIsIntact(stripCouchMeta(r))));
    const refused = remotes.filter((_, i) => !checked[i]);
    if (refused.length > 0) {
      await history.logRefusedPhotos(refused.map((r) => ({ id: r._id, rev: String(r._rev) })));
    }
    return remotes.filter((_, i) => checked[i]);
  }

  async function applyRemote(fetched: CouchDoc[]) {
    const docs = await lawfulRevisions(couch, fetched);
    const incoming = new Map<CollectionName, CouchDoc[]>();
    for (const doc of docs) {
      const name = schemaOfType(doc.type)?.collection;
      if (!name) continue; // a type this kiosk does not keep
      incoming.set(name, [...(incoming.get(name) ?? []), doc]);
    }
    for (const [name, arrived] of incoming) {
      const remotes = name === PHOTOS ? await intactPhotos(arrived) : arrived;
      const coll = collectionOf(db, name);
      const existing = await coll.findByIds(remotes.map((d) => d._id)).exec();
      const writes: Stored[] = [];
      for (const remote of remotes) {
        const stored = fromCouch(name, remote);
        if (!stored) continue; // not a valid document of ours: never stored, never fatal
        const local = existing.get(remote._id)?.toMutableJSON() as Stored | undefined;
        if (local?.couchRev === remote._rev) continue;
        if (local?.syncState === 'pending') {
          await reconcile(name, local, remote);
          continue;
        }
        writes.push(stored);
      }
      if (writes.length > 0) await coll.bulkUpsert(writes);
      history.tally('docsPulled', writes.length);
    }
  }

  async function publishBacklog() {
    options.onPhotoBacklog(await photoBacklog.size());
  }

  return {
    async pullBatch({ signal, longpoll = false, fetchWindow = 1 } = {}) {
      const batchSize = options.batchSize();
      const { feedStep } = options;
      const since = await readCheckpoint();
      const res = await couch.changes({
        since,
        limit: feedStep,
        selector: echoFreeSelector(options.run),
        ...(longpoll ? { longpollMs: options.longpollMs } : {}),
        ...(signal ? { signal } : {}),
      });
      const wanted = await unknownRevisions(res.results);
      if (wanted.length > 0) history.roundBegan();
      // Photos are only noted here: the photo lane fetches them after the text (pullPhotoBatch).
      const photoIds = wanted.filter(isPhotoId);
      const text = wanted.filter((id) => !isPhotoId(id));
      // Noted before the text is fetched (still before the checkpoint that passes them), so the
      // lane's first batch can be asked for right behind the text's requests.
      await photoBacklog.add(photoIds);
      const prefetch = () =>
        photoIds.length > 0 ? photoBacklog.prefetch((ids) => couch.getDocs(ids)) : undefined;
      const chunks: string[][] = [];
      for (let i = 0; i < text.length; i += batchSize) chunks.push(text.slice(i, i + batchSize));
      // The next bodies are on their way while these are stored: on a slow link each request
      // waiting for the one before costs a round trip.
      const fetching: Promise<CouchDoc[]>[] = [];
      const fetchChunk = (k: number) => {
        const docs = couch.getDocs(chunks[k]!);
        docs.catch(() => {}); // awaited below in order; a failure after an earlier one is moot
        fetching.push(docs);
      };
      for (let k = 0; k < Math.min(fetchWindow, chunks.length); k++) fetchChunk(k);
      await prefetch();
      for (let k = 0; k < chunks.length; k++) {
        const docs = await fetching[k]!;
        if (k + fetchWindow < chunks.length) fetchChunk(k + fetchWindow);
        await applyRemote(docs);
      }
      await publishBacklog();
      const server = options.serverToken();
      await db.upsertLocal<PullCheckpoint>(PULL_CHECKPOINT, {
        since: res.last_seq,
        types: KEPT_TYPES_KEY,
        ...(server ? { server } : {}),
      });
      return res.pending !== undefined ? res.pending === 0 : res.results.length < feedStep;
    },

    async pullPhotoBatch() {
      const ids = await photoBacklog.next();
      if (ids.length === 0) return false;
      const prefetched = photoBacklog.takePrefetched(ids) as Promise<CouchDoc[]> | null;
      const photos = await (prefetched ?? couch.getDocs(ids));
      await applyRemote(photos);
      await photoBacklog.done(ids, photos);
      const left = await photoBacklog.size();
      options.onPhotoBacklog(left);
      return left > 0;
    },

    photoBacklogSize: () => photoBacklog.size(),

    async hasUntaggedCheckpoint() {
      const cp = await storedCheckpoint();
      return cp !== undefined && cp.server === undefined;
    },
  };
}
