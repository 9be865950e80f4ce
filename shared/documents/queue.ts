// A queue ticket (nomor antrean) for a walk-in. Kept in the `requests` collection: the desk reads
// tickets and requests together. Each ticket is written only by the kiosk that issued it.
import { z } from 'zod';
import { isoDateSchema, isoTimestampSchema, syncedBase } from './base';

export const QUEUE_STATUSES = ['waiting', 'called', 'served', 'skipped'] as const;
export type QueueStatus = (typeof QUEUE_STATUSES)[number];

export const queueDocSchema = syncedBase('queue').extend({
  date: isoDateSchema,
  /** `DDMMYY-NNN-<KIOSK>`: see shared/requests/queue.ts. */
  ticket: z.string().max(40),
  seq: z.number().int().min(1).max(999),
  status: z.enum(QUEUE_STATUSES),
  calledAt: isoTimestampSchema.or(z.literal('')),
  requestId: z.string().max(120),
});
export type QueueDoc = z.infer<typeof queueDocSchema>;
