// Telling the regency how this kiosk's sync goes: the sync report (sync-report.ts) written after
// every `syncOnce` and at most every `everyMs` while running. Never fails the sync itself.
import type { CouchClient } from './couch-client';
import { buildSyncReport, writeSyncReport } from './sync-report';
import type { SyncHistory } from './sync-history';
import type { SyncStatusOwner } from './sync-status';

export type Reporter = (force: boolean) => Promise<void>;

export function createReporter(options: {
  couch: CouchClient;
  history: SyncHistory;
  status: SyncStatusOwner;
  /** Who this kiosk is; without it no report is written. */
  identity: { villageCode: string; kioskId: string } | undefined;
  everyMs: number;
}): Reporter {
  const { couch, history, status, identity } = options;
  return async (force) => {
    if (!identity) return;
    const h = history.current;
    if (!force && Date.now() - h.counters.lastReportAt < options.everyMs) return;
    try {
      const doc = buildSyncReport({
        ...identity,
        counters: h.counters,
        status: {
          lastSuccessAt: h.lastSuccessAt,
          conflicts: h.conflictCount,
          pending: await status.countState('pending'),
          rejected: await status.countState('rejected'),
        },
        clockSkewMs: clockSkewMs(couch),
      });
      await history.reported(await writeSyncReport(couch, doc, h.counters.reportRev));
    } catch {
      // A report is worth no failed sync: the next round writes it again.
    }
  };
}

/** The regency's clock minus ours, from its last `Date` header; null before it answered. */
export function clockSkewMs(couch: CouchClient): number | null {
  const seen = couch.lastServerDate;
  return seen ? seen.server - seen.local : null;
}
