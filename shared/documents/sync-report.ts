// What each kiosk tells the regency about its sync, written into the village database: when it
// last succeeded, why it failed, how much it moved, how long it took, and both clocks.
import { z } from 'zod';
import { isoTimestampSchema, syncedBase } from './base';

const count = z.number().int().min(0);

export const syncReportDocSchema = syncedBase('sync-report').extend({
  lastSuccessAt: isoTimestampSchema.nullable(),
  lastAttemptAt: isoTimestampSchema,
  /** The kiosk's clock and the regency's (from its `Date` header) when the report was made. */
  kioskTime: isoTimestampSchema,
  serverTime: isoTimestampSchema.nullable(),
  clockSkewMs: z.number().int().nullable(),
  pending: count,
  rejected: count,
  conflicts: count,
  docsPushed: count,
  docsPulled: count,
  /** How long the last full round (push everything, pull until caught up) took. */
  lastRoundMs: count.nullable(),
  /** Failures since the kiosk was installed, by kind (offline, unauthorized, server, …). */
  failures: z.record(z.string(), count),
});
export type SyncReportDoc = z.infer<typeof syncReportDocSchema>;

/** One report document per kiosk, overwritten as it goes. */
export function syncReportId(villageCode: string, kioskId: string): string {
  return `sync-report:${villageCode}:${kioskId}`;
}
