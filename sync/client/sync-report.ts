// The kiosk's per-kiosk sync record for the regency (shared/documents/sync-report.ts): counted
// as the replicator works, written straight to the village database (not through the local
// store, so it never shows as "waiting" to staff), at most every `everyMs`.
import { syncReportId, type SyncReportDoc } from '../../shared/documents/sync-report';
import { CouchError, type CouchClient, type CouchErrorKind } from './couch-client';

export interface SyncCounters {
  docsPushed: number;
  docsPulled: number;
  failures: Partial<Record<CouchErrorKind, number>>;
  lastRoundMs: number | null;
  reportRev: string | null;
  lastReportAt: number;
}

export const emptyCounters = (): SyncCounters => ({
  docsPushed: 0,
  docsPulled: 0,
  failures: {},
  lastRoundMs: null,
  reportRev: null,
  lastReportAt: 0,
});

export interface ReportInput {
  villageCode: string;
  kioskId: string;
  counters: SyncCounters;
  status: { pending: number; rejected: number; conflicts: number; lastSuccessAt: string | null };
  clockSkewMs: number | null;
}

export function buildSyncReport(input: ReportInput, now = new Date()): SyncReportDoc {
  const id = syncReportId(input.villageCode, input.kioskId);
  const at = now.toISOString();
  return {
    id,
    type: 'sync-report',
    villageCode: input.villageCode,
    kioskId: input.kioskId,
    createdAt: at,
    updatedAt: at,
    lastSuccessAt: input.status.lastSuccessAt,
    lastAttemptAt: at,
    kioskTime: at,
    serverTime:
      input.clockSkewMs === null ? null : new Date(now.getTime() + input.clockSkewMs).toISOString(),
    clockSkewMs: input.clockSkewMs,
    pending: input.status.pending,
    rejected: input.status.rejected,
    conflicts: input.status.conflicts,
    docsPushed: input.counters.docsPushed,
    docsPulled: input.counters.docsPulled,
    lastRoundMs: input.counters.lastRoundMs,
    failures: { ...input.counters.failures },
  };
}

/** Writes the report, fetching the current revision once if ours is stale; answers the new one. */
export async function writeSyncReport(
  couch: CouchClient,
  report: SyncReportDoc,
  knownRev: string | null,
): Promise<string> {
  const put = (rev: string | null) =>
    couch.putDoc({ ...report, _id: report.id, ...(rev ? { _rev: rev } : {}) });
  try {
    return await put(knownRev);
  } catch (err) {
    if (!(err instanceof CouchError && err.status === 409)) throw err;
    const current = await couch.getDoc(report.id);
    if (!current) throw err;
    return put(String(current._rev));
  }
}
