// An issued letter (surat keluar): the snapshot needed to reprint or verify it years later.
import { z } from 'zod';
import { LETTER_TYPE_CODES } from '../letter-types';
import { archivedPdfSchema } from '../letters/print';
import { isoDateSchema, isoTimestampSchema, nikSchema, syncedBase } from './base';

export const reprintSchema = z.object({
  at: isoTimestampSchema,
  by: z.string().max(120),
  kioskId: z.string().max(40),
});

// Version 1 added the series/serial, the rendering, its hash, the signed payload and the reprint
// log; the defaults let a version-0 document parse (decision 0007).
export const letterDocSchema = syncedBase('letter').extend({
  requestId: z.string().max(120),
  letterType: z.enum(LETTER_TYPE_CODES),
  number: z.string().max(120),
  /** The series the serial counts in (`2026` or `2026:domisili`), per kiosk (numbering.ts). */
  series: z.string().max(60).default(''),
  serial: z.number().int().min(0).max(1_000_000).default(0),
  issuedOn: isoDateSchema,
  subjectNik: nikSchema,
  subjectName: z.string().max(120),
  signerName: z.string().max(120),
  signerPosition: z.string().max(120),
  /** The data the letter was rendered from, frozen at issue time. */
  snapshot: z.record(z.string(), z.string()),
  /** The final rendering (the same HTML that was previewed and printed). */
  html: z.string().max(400_000).default(''),
  /** SHA-256 (hex) of the letter's rendered text. */
  textHash: z.string().max(64).default(''),
  /** The signed verification payload the QR carries; '' before approval. */
  signedPayload: z.string().max(2000).default(''),
  /** Every print after the first: printed as "SALINAN". */
  reprints: z.array(reprintSchema).max(100).default([]),
  /** Version 2: the PDF the issuing kiosk keeps in its archive (Electron), and when it was made. */
  archivePdf: archivedPdfSchema
    .extend({ at: isoTimestampSchema, kioskId: z.string().max(40) })
    .optional(),
  status: z.enum(['issued', 'void']),
});
export type LetterDoc = z.infer<typeof letterDocSchema>;
