// The kiosk's replication with its village database at the regency. One engine for every
// collection. Push and pull run at once, each keeping up to IN_FLIGHT requests going (the live
// loops and a `syncOnce` pass alike); the pull long-polls when caught up.
// Documents carry their own sync state (local-fields.ts), so what
// is waiting survives restarts and is counted for staff; the pull checkpoint is stored after
// the documents it covers, so a cut link resumes where it stopped and applying twice is harmless.
// Photos have their own lane (photo-lane.ts, decision 0011): text goes first both ways, photos
// follow in batches bounded by bytes, and a pulled photo is stored only if its bytes match its hash.
//
// This file only puts the parts together; each part owns its own state:
// push.ts (batch sizes), pull.ts (checkpoint, photo backlog), server-identity.ts (which
// database the sync state belongs to), reconcile.ts and settle.ts (no
// state), sync-history.ts (what survives restarts), sync-status.ts (what staff see),
// sync-reporter.ts (the regency's report), sync-loops.ts (live replication).
import type { Observable } from 'rxjs';
import type { CouchClient } from './couch-client';
import { PHOTO_BATCH_BYTES } from './photo-lane';
import { createPull } from './pull';
import { createPush } from './push';
import { createReconcile } from './reconcile';
import { createServerIdentity } from './server-identity';
import { createSyncHistory } from './sync-history';
import { createSyncLoops, asCouchError, IN_FLIGHT } from './sync-loops';
import { clockSkewMs, createReporter } from './sync-reporter';
import { createSyncStatus, type SyncStatus } from './sync-status';
import type { KioskDatabase } from './store-types';

export type { SyncState, SyncStatus } from './sync-status';

export interface ReplicatorOptions {
  db: KioskDatabase;
  couch: CouchClient;
  /** Documents per request, both ways (default 500: on a village link round trips cost most). */
  batchSize?: number;
  longpollMs?: number;
  backoff?: { initialMs: number; maxMs: number };
  /** The wait after the regency refused the kiosk's account (default: longer than a lockout). */
  authRetry?: { initialMs: number; maxMs: number };
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

export function createReplicator(options: ReplicatorOptions): Replicator {
  const { db, couch } = options;
  const batchSize = options.batchSize ?? 500;
  const status = createSyncStatus(db);
  const history = createSyncHistory(db, (seen) => status.patch(seen));
  const reconcile = createReconcile(db, history);
  // New for every replicator: a revision marked with it was written by this run and is held
  // here, so its row is an echo. A restored or reinstalled kiosk has a new run and pulls all.
  const run = crypto.randomUUID();
  const push = createPush({
    run,
    db,
    couch,
    history,
    reconcile,
    batchSize,
    photoBatchBytes: options.photoBatchBytes ?? PHOTO_BATCH_BYTES,
  });
  const pull = createPull({
    db,
    couch,
    history,
    reconcile,
    batchSize: () => push.batchSize,
    feedStep: batchSize * 5,
    photoBatchBytes: () => push.photoBatchBytes,
    longpollMs: options.longpollMs ?? 25_000,
    serverToken: () => server.token,
    run,
    onPhotoBacklog: (photoBacklog) => status.patch({ photoBacklog }),
  });
  const server = createServerIdentity({
    db,
    couch,
    hasUntaggedCheckpoint: () => pull.hasUntaggedCheckpoint(),
  });
  const report = createReporter({
    couch,
    history,
    status,
    identity: options.identity,
    everyMs: options.reportEveryMs ?? 5 * 60_000,
  });
  const loops = createSyncLoops({
    db,
    couch,
    push,
    pull,
    server,
    history,
    status,
    report,
    backoff: options.backoff ?? { initialMs: 1_000, maxMs: 60_000 },
    ...(options.authRetry ? { authRetry: options.authRetry } : {}),
    random: options.random ?? Math.random,
  });

  return {
    status$: status.status$,
    get status() {
      return status.status;
    },
    start: () => loops.start(),
    stop: () => loops.stop(),

    async syncOnce(syncOptions = {}) {
      await history.ready;
      history.roundRestarted();
      try {
        await server.confirm();
        // Push and pull at once, on two connections, the push pipelined: on a village link each
        // waiting exchange costs a round trip, and the two directions are separate pipes.
        const both = await Promise.allSettled([
          push.pushAll('text', { window: IN_FLIGHT }),
          (async () => {
            while (!(await pull.pullBatch({ fetchWindow: IN_FLIGHT }))) {
              /* keep pulling until caught up */
            }
          })(),
        ]);
        for (const outcome of both) if (outcome.status === 'rejected') throw outcome.reason;
        await push.pushAll('text', { window: IN_FLIGHT }); // documents that won a conflict during the pull
        syncOptions.onTextSynced?.();
        await push.pushAll('all', { window: IN_FLIGHT });
        while (await pull.pullPhotoBatch()) {
          /* the photos the feed announced, a small batch at a time */
        }
        status.patch({
          pushError: null,
          pullError: null,
          caughtUp: true,
          clockSkewMs: clockSkewMs(couch),
        });
        await history.markSuccess();
        await report(true);
      } catch (err) {
        const error = asCouchError(err);
        status.patch({ pushError: error });
        await history.recordFailure(error);
        throw err;
      }
    },
  };
}
