// A service request taken at the desk: who asked, for which letter, for what purpose.
import { z } from 'zod';
import { LETTER_TYPE_CODES } from '../letter-types';
import { isoDateSchema, nikSchema, syncedBase } from './base';

/** The statuses residents and staff already know (reference: request statuses). */
export const REQUEST_STATUSES = [
  'received', // diterima
  'incomplete', // berkas belum lengkap
  'checked', // sedang diperiksa / lengkap
  'approved', // menunggu tanda tangan selesai
  'printed', // siap diambil
  'collected', // sudah diambil
  'rejected', // ditolak / dibatalkan
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  received: 'Diterima',
  incomplete: 'Berkas belum lengkap',
  checked: 'Sedang diperiksa',
  approved: 'Menunggu tanda tangan',
  printed: 'Siap diambil',
  collected: 'Sudah diambil',
  rejected: 'Ditolak',
};

export const requestDocSchema = syncedBase('request').extend({
  /** The office's calendar day the request was taken: the daily register is keyed on it. */
  date: isoDateSchema,
  /** A NIK or a temporary number; the detailed NIK rules run in the form. */
  residentNik: nikSchema,
  residentName: z.string().min(1).max(120),
  serviceType: z.enum(LETTER_TYPE_CODES),
  purpose: z.string().min(1).max(300),
  status: z.enum(REQUEST_STATUSES),
});
export type RequestDoc = z.infer<typeof requestDocSchema>;
