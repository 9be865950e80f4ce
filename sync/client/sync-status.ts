// What staff see of the sync (offline / syncing / up to date, what waits, what was set aside):
// the loops' health, owned here, combined with counts read from the store.
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
} from 'rxjs';
import { COLLECTION_NAMES, type CollectionName } from '../../shared/documents/collections';
import { collectionOf, PHOTOS } from './couch-shape';
import type { CouchError } from './couch-client';
import type { LocalSyncFields } from './local-fields';
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
  /** When sync tries again after the regency refused the kiosk's account (ISO), else null. */
  retryAt: string | null;
}

export interface SyncHealth {
  running: boolean;
  pushError: CouchError | null;
  pullError: CouchError | null;
  caughtUp: boolean;
  lastSuccessAt: string | null;
  conflicts: number;
  clockSkewMs: number | null;
  /** Photos the pull feed announced and the kiosk has yet to fetch. */
  photoBacklog: number;
  /** When the next attempt is due while the regency refuses the kiosk's account (epoch ms). */
  retryAt: number | null;
}

export interface SyncStatusOwner {
  readonly status$: Observable<SyncStatus>;
  readonly status: SyncStatus;
  readonly health: Readonly<SyncHealth>;
  patch(patch: Partial<SyncHealth>): void;
  countState(
    state: LocalSyncFields['syncState'],
    names?: readonly CollectionName[],
  ): Promise<number>;
}

export function createSyncStatus(db: KioskDatabase): SyncStatusOwner {
  const health = new BehaviorSubject<SyncHealth>({
    running: false,
    pushError: null,
    pullError: null,
    caughtUp: false,
    lastSuccessAt: null,
    conflicts: 0,
    clockSkewMs: null,
    photoBacklog: 0,
    retryAt: null,
  });

  async function countState(
    state: LocalSyncFields['syncState'],
    names: readonly CollectionName[] = COLLECTION_NAMES,
  ): Promise<number> {
    const counts = await Promise.all(
      names.map((name) =>
        collectionOf(db, name)
          .count({ selector: { syncState: state } })
          .exec(),
      ),
    );
    return counts.reduce((a, b) => a + b, 0);
  }

  // Counted at most every 200 ms, not on every write: a bulk pull writes thousands of documents.
  const counts$ = merge(...COLLECTION_NAMES.map((name) => collectionOf(db, name).$)).pipe(
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

  return {
    status$: status$.asObservable(),
    get status() {
      return status$.value;
    },
    get health() {
      return health.value;
    },
    patch(patch) {
      health.next({ ...health.value, ...patch });
    },
    countState,
  };
}

export function deriveStatus(
  h: SyncHealth,
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
    retryAt: h.retryAt === null ? null : new Date(h.retryAt).toISOString(),
  };
}
