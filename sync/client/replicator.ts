// The kiosk's replication with its village database at the regency. One engine for every
// collection, so the whole kiosk uses at most two connections: one push at a time, one pull
// (a long poll when caught up). Documents carry their own sync state (local-fields.ts), so what
// is waiting survives restarts and is counted for staff; the pull checkpoint is stored after
// the documents it covers, so a cut link resumes where it stopped and applying twice is harmless.
// Photos have their own lane (photo-lane.ts, decision 0011): text goes first both ways, photos
// follow in batches bounded by bytes, and a pulled photo is stored only if its bytes match its hash.
import {
  BehaviorSubject,
  EMPTY,
  auditTime,
  catchError,
  combineLatest,
  from,
  map,
  merge,
  startWith,
  switchMap,
  takeWhile,
  type Observable,
  type Subscription,
} from 'rxjs';
import type { RxCollection } from 'rxdb';
import {
  COLLECTION_NAMES,
  KEPT_TYPES,
  schemaOfType,
  type CollectionName,
} from '../../shared/documents/collections';
import { isRegencyDocType, isVillageDocType, type SyncedFields } from '../../shared/doc-types';
import { attachmentIsIntact } from '../../shared/dukcapil/file-doc';
import { bulkModify } from './bulk-modify';
import { pickWinner, type ConflictRecord } from './conflicts';
import { createLinkMonitor, sleep } from './link-monitor';
import { buildSyncReport, emptyCounters, writeSyncReport, type SyncCounters } from './sync-report';
import { CouchError, type ChangeRow, type CouchClient, type CouchDoc } from './couch-client';
import { withoutLocalFields, type LocalSyncFields } from './local-fields';
import { createPhotoBacklog, PHOTO_BATCH_BYTES, takeByBytes } from './photo-lane';
import type { KioskDatabase } from './store-types';

export type SyncState = 'stopped' | 'offline' | 'syncing' | 'up-to-date' | 'error';

export interface SyncStatus {
  state: SyncState;
  /** Documents saved here and not yet at the regency. */
  pending: number;
  /** Documents the regency refused, set aside with its reason. */
  rejected: number;
  conflicts: number;
  lastSuccessAt: string | null;
  /** What went wrong last, for staff, in Bahasa Indonesia. */
  error: string | null;
  /** The regency's clock minus ours (from its `Date` header), once it has answered. */
  clockSkewMs: number | null;
  /** Photos still to send or to fetch: they follow the text, so they may lag behind it. */
  photosWaiting: number;
}

export interface ReplicatorOptions {
  db: KioskDatabase;
  couch: CouchClient;
  /** Documents per request, both ways (default 500: on a village link round trips cost most). */
  batchSize?: number;
  longpollMs?: number;
  backoff?: { initialMs: number; maxMs: number };
  random?: () => number;
  /** Who this kiosk is, for its sync report to the regency; without it no report is written. */
  identity?: { villageCode: string; kioskId: string };
  /** How often, at most, the sync report is rewritten while running (default 5 minutes). */
  reportEveryMs?: number;
  /** Photo bytes (base64) per request, both ways (default PHOTO_BATCH_BYTES). */
  photoBatchBytes?: number;
}

export interface SyncOnceOptions {
  /** Called once text documents are pushed and pulled, before the photos follow. */
  onTextSynced?(): void;
}

export interface Replicator {
  readonly status$: Observable<SyncStatus>;
  readonly status: SyncStatus;
  /** Replicate continuously until `stop()`. */
  start(): void;
  stop(): Promise<void>;
  /** Push everything waiting and pull until caught up, once, text before photos; throws on failure. */
  syncOnce(options?: SyncOnceOptions): Promise<void>;
}

type Stored = SyncedFields & LocalSyncFields & Record<string, unknown>;
type AnyCollection = RxCollection<Stored>;

const PULL_CHECKPOINT = 'sync-pull';
const HISTORY = 'sync-history';
const KEPT_TYPES_KEY = [...KEPT_TYPES].sort().join(',');
const PHOTOS: CollectionName = 'photos';
/** The collections of the text lane: everything but photos. */
const TEXT_COLLECTIONS = COLLECTION_NAMES.filter((name) => name !== PHOTOS);
/**
 * Photos read from the store at a time: a photo document is up to 800 KB, so looking at pending
 * photos or at a feed page's photo ids never holds more than a few MB of them in memory.
 */
const PHOTOS_PER_READ = 16;
/** How often the pull looks at the feed again while it is fetching photos. */
const FEED_CHECK_WHILE_PHOTOS_MS = 10_000;
const COUCH_META_FIELDS = ['_id', '_rev', '_revisions', '_conflicts', '_attachments', '_deleted'];

interface PullCheckpoint {
  since: string | number;
  /** The types kept when this checkpoint was written; a new type restarts the pull. */
  types: string;
}
interface SyncHistory {
  lastSuccessAt: string | null;
  conflicts: ConflictRecord[];
  conflictCount: number;
  counters: SyncCounters;
  /** Pulled photos whose bytes did not match their hash or shape: refused, never stored. */
  refusedPhotos?: { id: string; rev: string; at: string }[];
}

export function createReplicator(options: ReplicatorOptions): Replicator {
  const { db, couch } = options;
  const longpollMs = options.longpollMs ?? 25_000;
  const backoff = options.backoff ?? { initialMs: 1_000, maxMs: 60_000 };
  const random = options.random ?? Math.random;
  let batchSize = options.batchSize ?? 500;
  const reportEveryMs = options.reportEveryMs ?? 5 * 60_000;
  let photoBatchBytes = options.photoBatchBytes ?? PHOTO_BATCH_BYTES;
  // Feed rows are ids and revisions only, so the feed can be read in larger steps than bodies.
  const pullBatchSize = batchSize * 5;

  const collection = (name: CollectionName) => db.collections[name] as unknown as AnyCollection;

  const health = new BehaviorSubject({
    running: false,
    pushError: null as CouchError | null,
    pullError: null as CouchError | null,
    caughtUp: false,
    lastSuccessAt: null as string | null,
    conflicts: 0,
    clockSkewMs: null as number | null,
    /** Photos the pull feed announced and the kiosk has yet to fetch. */
    photoBacklog: 0,
  });
  // Counted at most every 200 ms, not on every write: a bulk pull writes thousands of documents.
  const counts$ = merge(...COLLECTION_NAMES.map((name) => collection(name).$)).pipe(
    startWith(null),
    auditTime(200),
    takeWhile(() => !db.closed),
    switchMap(() =>
      // A count racing the database's close has nothing left to count.
      from(
        Promise.all([
          countState('pending'),
          countState('rejected'),
          countState('pending', [PHOTOS]),
        ]),
      ).pipe(catchError(() => EMPTY)),
    ),
    map(([pending, rejected, photosPending]) => ({ pending, rejected, photosPending })),
  );
  const status$ = new BehaviorSubject<SyncStatus>(
    deriveStatus(health.value, { pending: 0, rejected: 0, photosPending: 0 }),
  );
  combineLatest([health, counts$])
    .pipe(map(([h, c]) => deriveStatus(h, c)))
    .subscribe(status$);

  async function countState(
    state: LocalSyncFields['syncState'],
    names: readonly CollectionName[] = COLLECTION_NAMES,
  ): Promise<number> {
    const counts = await Promise.all(
      names.map((name) =>
        collection(name)
          .count({ selector: { syncState: state } })
          .exec(),
      ),
    );
    return counts.reduce((a, b) => a + b, 0);
  }

  function patchHealth(patch: Partial<typeof health.value>) {
    health.next({ ...health.value, ...patch });
  }

  // Last success and the conflict log survive restarts, in a local (never synced) document.
  let history: SyncHistory = {
    lastSuccessAt: null,
    conflicts: [],
    conflictCount: 0,
    counters: emptyCounters(),
  };
  const historyReady = db.getLocal<SyncHistory>(HISTORY).then((doc) => {
    if (doc) history = { ...history, ...(structuredClone(doc.toJSON().data) as SyncHistory) };
    patchHealth({ lastSuccessAt: history.lastSuccessAt, conflicts: history.conflictCount });
  });

  async function updateHistory(change: (h: SyncHistory) => SyncHistory) {
    await historyReady;
    history = change(history);
    await db.upsertLocal(HISTORY, history);
    patchHealth({ lastSuccessAt: history.lastSuccessAt, conflicts: history.conflictCount });
  }

  /** When the current round of work began: a push was wanted or the pull was behind. */
  let roundStartedAt: number | null = null;

  /** Counts documents moved; saved with the next history update (a success or a failure). */
  function tally(field: 'docsPushed' | 'docsPulled', n: number) {
    history.counters[field] += n;
  }

  async function markSuccess() {
    const at = new Date().toISOString();
    const lastRoundMs = roundStartedAt === null ? null : Date.now() - roundStartedAt;
    roundStartedAt = null;
    await updateHistory((h) => ({
      ...h,
      lastSuccessAt: at,
      counters: { ...h.counters, lastRoundMs: lastRoundMs ?? h.counters.lastRoundMs },
    }));
  }

  async function recordFailure(err: CouchError) {
    await updateHistory((h) => ({
      ...h,
      counters: {
        ...h.counters,
        failures: { ...h.counters.failures, [err.kind]: (h.counters.failures[err.kind] ?? 0) + 1 },
      },
    }));
  }

  /** Tells the regency how this kiosk's sync goes; never fails the sync itself. */
  async function report(force: boolean) {
    const identity = options.identity;
    if (!identity) return;
    if (!force && Date.now() - history.counters.lastReportAt < reportEveryMs) return;
    try {
      const doc = buildSyncReport({
        ...identity,
        counters: history.counters,
        status: {
          lastSuccessAt: history.lastSuccessAt,
          conflicts: history.conflictCount,
          pending: await countState('pending'),
          rejected: await countState('rejected'),
        },
        clockSkewMs: clockSkewMs(),
      });
      const rev = await writeSyncReport(couch, doc, history.counters.reportRev);
      await updateHistory((h) => ({
        ...h,
        counters: { ...h.counters, reportRev: rev, lastReportAt: Date.now() },
      }));
    } catch {
      // A report is worth no failed sync: the next round writes it again.
    }
  }

  function clockSkewMs(): number | null {
    const seen = couch.lastServerDate;
    return seen ? seen.server - seen.local : null;
  }

  // ---- push ---------------------------------------------------------------------------------

  type Lane = 'text' | 'photo';

  async function pendingOf(name: CollectionName, limit: number) {
    const docs = await collection(name)
      .find({ selector: { syncState: 'pending' }, index: ['syncState', 'id'], limit })
      .exec();
    return docs.map((d) => ({ name, doc: d.toMutableJSON() as Stored }));
  }

  /** The next batch of a lane: text by count, photos by bytes; never both in one request. */
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
      await settleAll(outcomes);
      return batch.length;
    }

    let results;
    try {
      results = await couch.bulkDocs(sendable.map((b) => toCouch(b.doc)));
    } catch (err) {
      if (err instanceof CouchError && err.kind === 'too-large') {
        if (sendable.length === 1) {
          const reason = 'Dokumen terlalu besar untuk server kabupaten.';
          await settleAll([
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
    await settleAll(outcomes);
    tally('docsPushed', outcomes.filter((o) => o.outcome.kind === 'pushed').length);
    let settled = outcomes.length;
    for (const { name, doc } of conflicts) {
      const remote = await couch.getDoc(doc.id);
      if (remote && (await reconcile(name, doc, remote)) === 'settled') settled++;
    }
    return settled;
  }

  async function pushText() {
    while ((await pushBatch('text')) > 0) {
      /* until no text document is waiting */
    }
  }

  /** Text first; then photos one small batch at a time, text saved meanwhile going before each. */
  async function pushAll(lanes: 'text' | 'all' = 'all') {
    await pushText();
    if (lanes === 'all') {
      while ((await pushBatch('photo')) > 0) await pushText();
    }
    patchHealth({ pushError: null });
  }

  type Outcome =
    | { kind: 'pushed'; rev: string }
    | { kind: 'rejected'; reason: string }
    | { kind: 'rebased'; rev: string }
    | { kind: 'replaced'; remote: Stored };

  interface Settlement {
    name: CollectionName;
    doc: Stored;
    outcome: Outcome;
  }

  /**
   * Records what the regency made of each document, unless staff changed it meanwhile: then the
   * new revision is kept so the next push is not a conflict, and it stays pending.
   */
  async function settleAll(settlements: Settlement[]) {
    for (const name of COLLECTION_NAMES) {
      const mine = new Map(settlements.filter((s) => s.name === name).map((s) => [s.doc.id, s]));
      await bulkModify(collection(name), [...mine.keys()], (doc) => {
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

  function settle(name: CollectionName, doc: Stored, outcome: Outcome) {
    return settleAll([{ name, doc, outcome }]);
  }

  /**
   * The regency holds another revision of a pending document. If it is the same content (our
   * earlier push landed but its answer was lost) we adopt its revision: delivered exactly once.
   * Otherwise the deterministic rule picks a winner and the loser is logged.
   */
  async function reconcile(
    name: CollectionName,
    local: Stored,
    remote: CouchDoc,
  ): Promise<'settled' | 'retry'> {
    const remoteStored = fromCouch(name, remote);
    if (!remoteStored) return 'retry';
    const rev = String(remote._rev);
    if (sameContent(local, remoteStored)) {
      await settle(name, local, { kind: 'pushed', rev });
      return 'settled';
    }
    const localJson = JSON.stringify(withoutLocalFields(local));
    const remoteJson = JSON.stringify(withoutLocalFields(remoteStored));
    const winner = pickWinner(local, remoteStored, localJson, remoteJson);
    await updateHistory((h) => ({
      ...h,
      conflictCount: h.conflictCount + 1,
      conflicts: [
        {
          id: local.id,
          at: new Date().toISOString(),
          kept: winner,
          lost: winner === 'local' ? remoteJson : localJson,
        },
        ...h.conflicts,
      ].slice(0, 100),
    }));
    if (winner === 'remote') {
      await settle(name, local, { kind: 'replaced', remote: remoteStored });
      return 'settled';
    }
    await settle(name, local, { kind: 'rebased', rev });
    return 'retry';
  }

  // ---- pull ---------------------------------------------------------------------------------

  async function readCheckpoint(): Promise<string | number> {
    const cp = (await db.getLocal<PullCheckpoint>(PULL_CHECKPOINT))?.toJSON().data;
    return cp && cp.types === KEPT_TYPES_KEY ? cp.since : 0;
  }

  /**
   * Pulls one batch of changes; returns whether the kiosk has caught up. The feed gives ids and
   * revisions only; bodies are fetched for what this kiosk does not already hold at that revision.
   */
  async function pullBatch(signal?: AbortSignal, longpoll = false): Promise<boolean> {
    const since = await readCheckpoint();
    const res = await couch.changes({
      since,
      limit: pullBatchSize,
      ...(longpoll ? { longpollMs } : {}),
      ...(signal ? { signal } : {}),
    });
    const wanted = await unknownRevisions(res.results);
    if (wanted.length > 0) roundStartedAt ??= Date.now();
    // Photos are only noted here: the photo lane fetches them after the text (pullPhotoBatch).
    const photoIds = wanted.filter(isPhotoId);
    const text = wanted.filter((id) => !isPhotoId(id));
    for (let i = 0; i < text.length; i += batchSize) {
      await applyRemote(await couch.getDocs(text.slice(i, i + batchSize)));
    }
    await photoBacklog.add(photoIds);
    patchHealth({ photoBacklog: await photoBacklog.size() });
    await db.upsertLocal<PullCheckpoint>(PULL_CHECKPOINT, {
      since: res.last_seq,
      types: KEPT_TYPES_KEY,
    });
    return res.pending !== undefined ? res.pending === 0 : res.results.length < pullBatchSize;
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
        const found = await collection(name)
          .findByIds(ids.slice(i, i + step))
          .exec();
        for (const [id, doc] of found) known.set(id, doc.couchRev);
      }
    }
    return live.filter((r) => known.get(r.id) !== r.changes[0]?.rev).map((r) => r.id);
  }

  const photoBacklog = createPhotoBacklog(db, () => photoBatchBytes);

  /** Fetches one batch of announced photos; returns whether any are left. */
  async function pullPhotoBatch(): Promise<boolean> {
    const ids = await photoBacklog.next();
    if (ids.length === 0) return false;
    const photos = await couch.getDocs(ids);
    await applyRemote(photos);
    await photoBacklog.done(ids, photos);
    const left = await photoBacklog.size();
    patchHealth({ photoBacklog: left });
    return left > 0;
  }

  /**
   * Photos (and Dukcapil's issued PDFs) whose bytes hash to their `sha256`; the others are
   * logged and never stored.
   */
  async function intactPhotos(remotes: CouchDoc[]): Promise<CouchDoc[]> {
    const checked = await Promise.all(remotes.map((r) => attachmentIsIntact(stripCouchMeta(r))));
    const refused = remotes.filter((_, i) => !checked[i]);
    if (refused.length > 0) {
      const at = new Date().toISOString();
      await updateHistory((h) => ({
        ...h,
        refusedPhotos: [
          ...refused.map((r) => ({ id: r._id, rev: String(r._rev), at })),
          ...(h.refusedPhotos ?? []),
        ].slice(0, 100),
      }));
    }
    return remotes.filter((_, i) => checked[i]);
  }

  async function applyRemote(docs: CouchDoc[]) {
    const incoming = new Map<CollectionName, CouchDoc[]>();
    for (const doc of docs) {
      const name = schemaOfType(doc.type)?.collection;
      if (!name) continue; // a type this kiosk does not keep
      incoming.set(name, [...(incoming.get(name) ?? []), doc]);
    }
    for (const [name, arrived] of incoming) {
      const remotes = name === PHOTOS ? await intactPhotos(arrived) : arrived;
      const coll = collection(name);
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
      tally('docsPulled', writes.length);
    }
  }

  // ---- loops --------------------------------------------------------------------------------

  let stopController: AbortController | null = null;
  let loops: Promise<void>[] = [];
  let localChanges: Subscription | null = null;
  // Set by every local write that leaves a document pending; the push loop sleeps until then.
  let pushWanted = true;
  let wakePush: (() => void) | null = null;

  function untilPushWanted(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        wakePush = null;
        signal.removeEventListener('abort', done);
        resolve();
      };
      if (pushWanted || signal.aborted) return done();
      wakePush = done;
      signal.addEventListener('abort', done);
    });
  }

  async function markSuccessIfSettled() {
    if (health.value.caughtUp && (await countState('pending')) === 0) {
      await markSuccess();
      await report(false);
    }
  }

  function retryDelay(attempt: number): number {
    const ceiling = Math.min(backoff.maxMs, backoff.initialMs * 2 ** attempt);
    return ceiling / 2 + (random() * ceiling) / 2; // "equal jitter": never zero, never in step
  }

  function failure(err: unknown): CouchError {
    return err instanceof CouchError
      ? err
      : new CouchError('server', `Sinkronisasi gagal: ${String(err)}`);
  }

  // One probe for both loops while the link is down; other failures back off on their own.
  const link = createLinkMonitor(() => couch.probe(), retryDelay);

  /** Records a failed exchange and waits until it is worth trying again. */
  async function afterFailure(err: CouchError, attempt: number, signal: AbortSignal) {
    await recordFailure(err);
    if (err.kind === 'offline') await link.waitUntilUp(signal);
    else await sleep(retryDelay(attempt), signal);
  }

  async function pushLoop(signal: AbortSignal) {
    let attempt = 0;
    while (!signal.aborted) {
      await untilPushWanted(signal);
      if (signal.aborted) break;
      pushWanted = false;
      roundStartedAt ??= Date.now();
      try {
        await pushAll();
        attempt = 0;
        await markSuccessIfSettled();
      } catch (err) {
        if (signal.aborted) break;
        pushWanted = true;
        const error = failure(err);
        patchHealth({ pushError: error });
        await afterFailure(error, attempt++, signal);
      }
    }
  }

  /** Fetches announced photos for a while; the feed (text) is looked at again after it. */
  async function pullPhotosFor(ms: number, signal: AbortSignal) {
    const until = Date.now() + ms;
    while (!signal.aborted && Date.now() < until && (await pullPhotoBatch())) {
      /* next photo batch */
    }
  }

  async function pullLoop(signal: AbortSignal) {
    let attempt = 0;
    while (!signal.aborted) {
      try {
        patchHealth({ photoBacklog: await photoBacklog.size() });
        // No long poll while photos are owed: the feed is checked between photo batches instead.
        const idle = health.value.caughtUp && health.value.photoBacklog === 0;
        const caughtUp = await pullBatch(signal, idle);
        if (caughtUp) await pullPhotosFor(FEED_CHECK_WHILE_PHOTOS_MS, signal);
        attempt = 0;
        patchHealth({ pullError: null, caughtUp, clockSkewMs: clockSkewMs() });
        await markSuccessIfSettled();
      } catch (err) {
        if (signal.aborted) break;
        const error = failure(err);
        patchHealth({ pullError: error, caughtUp: false });
        await afterFailure(error, attempt++, signal);
      }
    }
  }

  return {
    status$: status$.asObservable(),
    get status() {
      return status$.value;
    },

    start() {
      if (stopController) return;
      const controller = new AbortController();
      stopController = controller;
      patchHealth({ running: true });
      // A document saved (or left) pending wakes the push loop at once.
      localChanges = merge(...COLLECTION_NAMES.map((name) => collection(name).$)).subscribe(
        (event) => {
          if (event.documentData?.syncState !== 'pending') return;
          pushWanted = true;
          wakePush?.();
        },
      );
      loops = [pushLoop(controller.signal), pullLoop(controller.signal)];
    },

    async stop() {
      stopController?.abort();
      stopController = null;
      localChanges?.unsubscribe();
      await Promise.allSettled(loops);
      loops = [];
      patchHealth({ running: false });
    },

    async syncOnce(syncOptions = {}) {
      await historyReady;
      roundStartedAt = Date.now();
      try {
        await pushAll('text');
        while (!(await pullBatch())) {
          /* keep pulling until caught up */
        }
        await pushAll('text'); // documents that won a conflict during the pull
        syncOptions.onTextSynced?.();
        await pushAll('all');
        while (await pullPhotoBatch()) {
          /* the photos the feed announced, a small batch at a time */
        }
        patchHealth({
          pushError: null,
          pullError: null,
          caughtUp: true,
          clockSkewMs: clockSkewMs(),
        });
        await markSuccess();
        await report(true);
      } catch (err) {
        const error = failure(err);
        patchHealth({ pushError: error });
        await recordFailure(error);
        throw err;
      }
    },
  };

  function toCouch(doc: Stored): CouchDoc {
    const body = withoutLocalFields(doc) as Record<string, unknown>;
    return { ...body, _id: doc.id, ...(doc.couchRev ? { _rev: doc.couchRev } : {}) };
  }

  /** A regency document as the kiosk stores it, or null if it fails its type's schema. */
  function fromCouch(name: CollectionName, remote: CouchDoc): Stored | null {
    const body = stripCouchMeta(remote);
    const kept = schemaOfType(remote.type);
    if (kept?.collection !== name) return null;
    const parsed = kept.schema.safeParse(body);
    if (!parsed.success || parsed.data.id !== remote._id) return null;
    return {
      ...(parsed.data as unknown as Stored),
      syncState: 'synced',
      couchRev: String(remote._rev),
      syncError: '',
    };
  }
}

function stripCouchMeta(remote: CouchDoc): Record<string, unknown> {
  const body: Record<string, unknown> = { ...remote };
  for (const field of COUCH_META_FIELDS) delete body[field];
  return body;
}

/** The `<type>` of an id of the form `<type>:…`. */
function typeOfId(id: string): string {
  return id.slice(0, id.indexOf(':'));
}

function isPhotoId(id: string): boolean {
  return schemaOfType(typeOfId(id))?.collection === PHOTOS;
}

/** An id of the form `<type>:…` whose type is one of ours but not kept on the kiosk. */
function isUnkeptTypeId(id: string): boolean {
  const prefix = typeOfId(id);
  return (
    (isVillageDocType(prefix) || isRegencyDocType(prefix)) &&
    !(KEPT_TYPES as readonly string[]).includes(prefix)
  );
}

function sameContent(a: Stored, b: Stored): boolean {
  return (
    JSON.stringify(canonical(withoutLocalFields(a))) ===
    JSON.stringify(canonical(withoutLocalFields(b)))
  );
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([k]) => !k.startsWith('_'))
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

function deriveStatus(
  h: {
    running: boolean;
    pushError: CouchError | null;
    pullError: CouchError | null;
    caughtUp: boolean;
    lastSuccessAt: string | null;
    conflicts: number;
    clockSkewMs: number | null;
    photoBacklog: number;
  },
  counts: { pending: number; rejected: number; photosPending: number },
): SyncStatus {
  const error = h.pushError ?? h.pullError;
  let state: SyncState;
  if (!h.running) state = 'stopped';
  else if (error) state = error.kind === 'offline' ? 'offline' : 'error';
  else if (!h.caughtUp || counts.pending > 0 || h.photoBacklog > 0) state = 'syncing';
  else state = 'up-to-date';
  return {
    state,
    pending: counts.pending,
    rejected: counts.rejected,
    conflicts: h.conflicts,
    lastSuccessAt: h.lastSuccessAt,
    error: error?.message ?? null,
    clockSkewMs: h.clockSkewMs,
    photosWaiting: counts.photosPending + h.photoBacklog,
  };
}
