// Live replication: two loops, push (woken at once by any write that leaves a document pending)
// and pull (a long poll when caught up), each keeping up to IN_FLIGHT requests going: push
// batches, and body batches of the pull, the next on its way while the server (or the kiosk's
// store) works on the one before. While the link is down one probe wakes both; other failures
// back off with equal jitter. The wake-up flag and the loops' lifetime are this module's.
import { merge, type Subscription } from 'rxjs';
import { COLLECTION_NAMES } from '../../shared/documents/collections';
import { authRetryDelay, createAuthGate, isRefusal } from './auth-gate';
import { CouchError, type CouchClient } from './couch-client';
import { collectionOf } from './couch-shape';
import { createLinkMonitor, sleep } from './link-monitor';
import type { Pull } from './pull';
import type { Push } from './push';
import type { ServerIdentity } from './server-identity';
import type { Reporter } from './sync-reporter';
import { clockSkewMs } from './sync-reporter';
import type { SyncHistory } from './sync-history';
import type { SyncStatusOwner } from './sync-status';
import type { KioskDatabase } from './store-types';

/**
 * Push batches, and pulled body batches, in flight at once, in the live loops and in `syncOnce`
 * (measured on the village link: decision 0019).
 */
export const IN_FLIGHT = 4;

/** How often the pull looks at the feed again while it is fetching photos. */
const FEED_CHECK_WHILE_PHOTOS_MS = 10_000;

export interface SyncLoops {
  start(): void;
  stop(): Promise<void>;
}

export function createSyncLoops(options: {
  db: KioskDatabase;
  couch: CouchClient;
  push: Push;
  pull: Pull;
  server: ServerIdentity;
  history: SyncHistory;
  status: SyncStatusOwner;
  report: Reporter;
  backoff: { initialMs: number; maxMs: number };
  /** The wait after the regency refused the kiosk's account (default auth-gate.ts AUTH_RETRY). */
  authRetry?: { initialMs: number; maxMs: number };
  random: () => number;
}): SyncLoops {
  const { db, couch, push, pull, server, history, status, report, backoff, random } = options;

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
    if (status.health.caughtUp && (await status.countState('pending')) === 0) {
      await history.markSuccess();
      await report(false);
    }
  }

  function retryDelay(attempt: number): number {
    const ceiling = Math.min(backoff.maxMs, backoff.initialMs * 2 ** attempt);
    return ceiling / 2 + (random() * ceiling) / 2; // "equal jitter": never zero, never in step
  }

  // One probe for both loops while the link is down; other failures back off on their own.
  const link = createLinkMonitor(() => couch.probe(), retryDelay);

  // One check for both loops while the regency refuses the kiosk's account.
  const refused = createAuthGate({
    check: () => couch.checkAccess(),
    delay: (attempt) => authRetryDelay(attempt, random, options.authRetry),
    onSchedule: (at) => status.patch({ retryAt: at }),
  });

  /** Records a failed exchange and waits until it is worth trying again. */
  async function afterFailure(err: CouchError, attempt: number, signal: AbortSignal) {
    server.doubt();
    await history.recordFailure(err);
    if (err.kind === 'offline') await link.waitUntilUp(signal);
    else if (isRefusal(err)) await refused.waitUntilAccepted(signal);
    else await sleep(retryDelay(attempt), signal);
  }

  async function pushLoop(signal: AbortSignal) {
    let attempt = 0;
    while (!signal.aborted) {
      await untilPushWanted(signal);
      if (signal.aborted) break;
      pushWanted = false;
      history.roundBegan();
      try {
        await server.confirm();
        await push.pushAll('all', { window: IN_FLIGHT });
        status.patch({ pushError: null });
        attempt = 0;
        await markSuccessIfSettled();
      } catch (err) {
        if (signal.aborted) break;
        pushWanted = true;
        const error = asCouchError(err);
        status.patch({ pushError: error });
        await afterFailure(error, attempt++, signal);
      }
    }
  }

  /** Fetches announced photos for a while; the feed (text) is looked at again after it. */
  async function pullPhotosFor(ms: number, signal: AbortSignal) {
    const until = Date.now() + ms;
    while (!signal.aborted && Date.now() < until && (await pull.pullPhotoBatch())) {
      /* next photo batch */
    }
  }

  async function pullLoop(signal: AbortSignal) {
    let attempt = 0;
    while (!signal.aborted) {
      try {
        await server.confirm();
        status.patch({ photoBacklog: await pull.photoBacklogSize() });
        // No long poll while photos are owed: the feed is checked between photo batches instead.
        const idle = status.health.caughtUp && status.health.photoBacklog === 0;
        const caughtUp = await pull.pullBatch({
          signal,
          longpoll: idle,
          fetchWindow: IN_FLIGHT,
        });
        if (caughtUp) await pullPhotosFor(FEED_CHECK_WHILE_PHOTOS_MS, signal);
        attempt = 0;
        status.patch({ pullError: null, caughtUp, clockSkewMs: clockSkewMs(couch) });
        await markSuccessIfSettled();
      } catch (err) {
        if (signal.aborted) break;
        const error = asCouchError(err);
        status.patch({ pullError: error, caughtUp: false });
        await afterFailure(error, attempt++, signal);
      }
    }
  }

  return {
    start() {
      if (stopController) return;
      const controller = new AbortController();
      stopController = controller;
      status.patch({ running: true });
      // A document saved (or left) pending wakes the push loop at once.
      localChanges = merge(...COLLECTION_NAMES.map((name) => collectionOf(db, name).$)).subscribe(
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
      status.patch({ running: false });
    },
  };
}

export function asCouchError(err: unknown): CouchError {
  return err instanceof CouchError
    ? err
    : new CouchError('server', `Sinkronisasi gagal: ${String(err)}`);
}
