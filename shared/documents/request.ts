// A service request taken at the desk: who asked, for which letter, for what purpose.
import { z } from 'zod';
import { LETTER_TYPE_CODES } from '../letter-types';
import { ROLES } from '../requests/workflow';
import { isoDateSchema, isoTimestampSchema, nikSchema, syncedBase } from './base';

/** The statuses residents and staff already know (reference: request statuses). */
export const REQUEST_STATUSES = [
  'received', // diterima
  'incomplete', // berkas belum lengkap
  'checked', // berkas lengkap, menunggu persetujuan
  'approved', // disetujui dan ditandatangani, siap dicetak
  'printed', // siap diambil
  'collected', // sudah diambil
  'rejected', // ditolak / dibatalkan
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  received: 'Diterima',
  incomplete: 'Berkas belum lengkap',
  checked: 'Berkas lengkap',
  // Approval is the signature (the letter is signed as it is issued): what is left is printing.
  approved: 'Disetujui, siap dicetak',
  printed: 'Siap diambil',
  collected: 'Sudah diambil',
  rejected: 'Ditolak',
};

export const requestEventSchema = z.object({
  step: z.enum(REQUEST_STATUSES),
  at: isoTimestampSchema,
  by: z.string().max(120),
  role: z.enum(ROLES),
  kioskId: z.string().max(40),
  note: z.string().max(500),
  missing: z.array(z.string().max(120)).max(20),
});

export const requestSubjectSchema = z.object({
  role: z.string().max(40),
  nik: z.string().max(16),
  name: z.string().max(120),
});

// Version 1 added `ticket`, `subjects`, `fields`, `requirements` and `events`. The defaults let a
// version-0 document from another kiosk parse on pull; local ones are migrated
// (renderer/db/migrations.ts).
export const requestDocSchema = syncedBase('request').extend({
  /** The office's calendar day the request was taken: the daily register is keyed on it. */
  date: isoDateSchema,
  /** A NIK or a temporary number; the detailed NIK rules run in the form. */
  residentNik: nikSchema,
  residentName: z.string().min(1).max(120),
  serviceType: z.enum(LETTER_TYPE_CODES),
  purpose: z.string().min(1).max(300),
  /** Derived from `events` (shared/requests/workflow.ts `statusOf`), kept for queries. */
  status: z.enum(REQUEST_STATUSES),
  /** The queue ticket the walk-in was served under, or ''. */
  ticket: z.string().max(40).default(''),
  /** Further people the letter is about (mother, witnesses…), beyond the applicant. */
  subjects: z.array(requestSubjectSchema).max(10).default([]),
  /** The letter type's extra fields (shared/requests/catalogue.ts). */
  fields: z.record(z.string().max(40), z.string().max(500)).default({}),
  /** Required documents the resident brought, by requirement code. */
  requirements: z.array(z.string().max(40)).max(20).default([]),
  events: z.array(requestEventSchema).max(50).default([]),
});
export type RequestDoc = z.infer<typeof requestDocSchema>;
