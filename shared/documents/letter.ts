// An issued letter (surat keluar): the snapshot needed to reprint or verify it years later.
import { z } from 'zod';
import { LETTER_TYPE_CODES } from '../letter-types';
import { isoDateSchema, nikSchema, syncedBase } from './base';

export const letterDocSchema = syncedBase('letter').extend({
  requestId: z.string().max(120),
  letterType: z.enum(LETTER_TYPE_CODES),
  number: z.string().max(80),
  issuedOn: isoDateSchema,
  subjectNik: nikSchema,
  subjectName: z.string().max(120),
  signerName: z.string().max(120),
  signerPosition: z.string().max(120),
  /** The data the letter was rendered from, frozen at issue time. */
  snapshot: z.record(z.string(), z.string()),
  status: z.enum(['issued', 'void']),
});
export type LetterDoc = z.infer<typeof letterDocSchema>;
