// What the kiosk remembers of its sync across restarts — last success, the conflict log, photos
// refused, the counters for the regency's report — in one local (never synced) document. This
// module is its only owner; the rest of the replicator asks it to record things.
import type { ConflictRecord } from './conflicts';
import type { CouchError } from './couch-client';
import { emptyCounters, type SyncCounters } from './sync-report';
import type { KioskDatabase } from './store-types';

const HISTORY = 'sync-history';

export interface SyncHistoryData {
  lastSuccessAt: string | null;
  conflicts: ConflictRecord[];
  conflictCount: number;
  counters: SyncCounters;
  /** Pulled photos whose bytes did not match their hash or shape: refused, never stored. */
  refusedPhotos?: { id: string; rev: string; at: string }[];
}

export interface SyncHistory {
  /** Resolves once the stored history is loaded. */
  readonly ready: Promise<void>;
  readonly current: Readonly<SyncHistoryData>;
  /** Notes that a round of work began (a push was wanted or the pull was behind). */
  roundBegan(): void;
  /** Restarts the round timer: a `syncOnce` is one round from its start. */
  roundRestarted(): void;
  /** Counts documents moved; saved with the next history update. */
  tally(field: 'docsPushed' | 'docsPulled', n: number): void;
  markSuccess(): Promise<void>;
  recordFailure(err: CouchError): Promise<void>;
  logConflict(record: ConflictRecord): Promise<void>;
  logRefusedPhotos(photos: { id: string; rev: string }[]): Promise<void>;
  reported(rev: string): Promise<void>;
}

export function createSyncHistory(
  db: KioskDatabase,
  /** Told the figures staff see whenever they change. */
  onChange: (seen: { lastSuccessAt: string | null; conflicts: number }) => void,
): SyncHistory {
  let history: SyncHistoryData = {
    lastSuccessAt: null,
    conflicts: [],
    conflictCount: 0,
    counters: emptyCounters(),
  };
  /** When the current round of work began. */
  let roundStartedAt: number | null = null;

  const publish = () =>
    onChange({ lastSuccessAt: history.lastSuccessAt, conflicts: history.conflictCount });

  const ready = db.getLocal<SyncHistoryData>(HISTORY).then((doc) => {
    if (doc) history = { ...history, ...(structuredClone(doc.toJSON().data) as SyncHistoryData) };
    publish();
  });

  async function update(change: (h: SyncHistoryData) => SyncHistoryData) {
    await ready;
    history = change(history);
    await db.upsertLocal(HISTORY, history);
    publish();
  }

  return {
    ready,
    get current() {
      return history;
    },
    roundBegan() {
      roundStartedAt ??= Date.now();
    },
    roundRestarted() {
      roundStartedAt = Date.now();
    },
    tally(field, n) {
      history.counters[field] += n;
    },
    async markSuccess() {
      const at = new Date().toISOString();
      const lastRoundMs = roundStartedAt === null ? null : Date.now() - roundStartedAt;
      roundStartedAt = null;
      await update((h) => ({
        ...h,
        lastSuccessAt: at,
        counters: { ...h.counters, lastRoundMs: lastRoundMs ?? h.counters.lastRoundMs },
      }));
    },
    recordFailure(err) {
      return update((h) => ({
        ...h,
        counters: {
          ...h.counters,
          failures: {
            ...h.counters.failures,
            [err.kind]: (h.counters.failures[err.kind] ?? 0) + 1,
          },
        },
      }));
    },
    logConflict(record) {
      return update((h) => ({
        ...h,
        conflictCount: h.conflictCount + 1,
        conflicts: [record, ...h.conflicts].slice(0, 100),
      }));
    },
    logRefusedPhotos(photos) {
      const at = new Date().toISOString();
      return update((h) => ({
        ...h,
        refusedPhotos: [...photos.map((p) => ({ ...p, at })), ...(h.refusedPhotos ?? [])].slice(
          0,
          100,
        ),
      }));
    },
    reported(rev) {
      return update((h) => ({
        ...h,
        counters: { ...h.counters, reportRev: rev, lastReportAt: Date.now() },
      }));
    },
  };
}
