// What a resident did at the anjungan mandiri, one document per act: who (the NIK the host
// verified, and how), what, when, at which kiosk. Written once by the kiosk, synced like the rest.
import { z } from 'zod';
import { isoDateSchema, isoTimestampSchema, nikSchema, syncedBase } from './base';

export const ANJUNGAN_ACTS = [
  'login',
  'login-failed',
  'pin-changed',
  'queue-taken',
  'request-created',
  'status-viewed',
  'logout',
  'idle-timeout',
] as const;
export type AnjunganAct = (typeof ANJUNGAN_ACTS)[number];

export const anjunganLogDocSchema = syncedBase('anjungan-log').extend({
  /** The office's calendar day, for the desk's lists (the collection's index). */
  date: isoDateSchema,
  at: isoTimestampSchema,
  /** The resident, or '' for a failed sign-in (the NIK typed is in `detail` only if 16 digits). */
  residentNik: nikSchema.or(z.literal('')),
  proof: z.enum(['pin', 'card', '']),
  act: z.enum(ANJUNGAN_ACTS),
  /** The ticket, the request id, or the refusal: what the act concerned. */
  detail: z.string().max(300),
});
export type AnjunganLogDoc = z.infer<typeof anjunganLogDocSchema>;
