// Applications to the regency's Dukcapil and what comes back (docs/dukcapil.md). The desk writes
// a `dukcapil-application` (a village document, edited while it is a draft or being fixed); the
// regency's Dukcapil writes one `dukcapil-decision` per step, never edited; an issued document
// comes down as a `dukcapil-file` (a PDF in the document, like a photo, in the photo lane).
import { z } from 'zod';
import { DUKCAPIL_DOCUMENT_TYPES } from '../dukcapil/catalogue';
import { isoDateSchema, isoTimestampSchema, syncedBase } from './base';
import { base64DecodedLength } from './photo';

const kkNumberSchema = z
  .string()
  .max(16)
  .regex(/^(\d{16})?$/, 'Nomor KK harus 16 angka.');

export const applicationSubmissionSchema = z.object({
  at: isoTimestampSchema,
  by: z.string().max(120),
  /** On a resubmission: what the desk fixed. */
  note: z.string().max(500),
});

export const dukcapilApplicationDocSchema = syncedBase('dukcapil-application').extend({
  /** The office's calendar day the application was opened (the collection's index). */
  date: isoDateSchema,
  documentType: z.enum(DUKCAPIL_DOCUMENT_TYPES),
  /** Whom the document is about (the child, the deceased, the head of family …). */
  subjectName: z.string().min(1).max(120),
  /** The subject's NIK, '' for a newborn without one. */
  subjectNik: z
    .string()
    .max(16)
    .regex(/^(\d{16})?$/),
  kkNumber: kkNumberSchema,
  /** The national form's fields (shared/dukcapil/catalogue.ts). */
  fields: z.record(z.string().max(40), z.string().max(500)),
  /** The people on the form beyond the applicant: pelapor, parents, witnesses. */
  subjects: z
    .array(
      z.object({ role: z.string().max(40), nik: z.string().max(16), name: z.string().max(120) }),
    )
    .max(10),
  /** Photo ids per requirement code; the photos' `refId` is this application. */
  evidence: z.record(z.string().max(40), z.array(z.string().max(120)).max(6)),
  /** The population event it came from, when there was one. */
  eventId: z.string().max(120).optional(),
  /** Each time the desk sent it; empty while it is a draft. */
  submissions: z.array(applicationSubmissionSchema).max(20),
  /** When the resident collected (or the desk printed) the issued document. */
  collectedAt: isoTimestampSchema.nullable(),
});
export type DukcapilApplicationDoc = z.infer<typeof dukcapilApplicationDocSchema>;

export const DECISION_STEPS = ['terverifikasi', 'perlu-perbaikan', 'ditolak', 'terbit'] as const;
export type DecisionStep = (typeof DECISION_STEPS)[number];

export const DECISION_STEP_LABELS: Record<DecisionStep, string> = {
  terverifikasi: 'Terverifikasi',
  'perlu-perbaikan': 'Perlu perbaikan',
  ditolak: 'Ditolak',
  terbit: 'Terbit',
};

export const dukcapilDecisionDocSchema = syncedBase('dukcapil-decision').extend({
  /** The calendar day of the decision (the collection's index). */
  date: isoDateSchema,
  applicationId: z.string().min(1).max(120),
  /** Which submission (1-based) it answers: a decision on an older one is history, not status. */
  submission: z.number().int().min(1).max(20),
  step: z.enum(DECISION_STEPS),
  /** What to fix, the reason of a refusal, or a remark. */
  note: z.string().max(1000),
  /** The issued document's number (terbit). */
  documentNumber: z.string().max(60),
  /** The new family card's number, when one was issued. */
  kkNumber: kkNumberSchema,
  /** The NIK Dukcapil gave (a newborn's), or the subject's, when issued; else ''. */
  subjectNik: z
    .string()
    .max(16)
    .regex(/^(\d{16})?$/),
  /** The `dukcapil-file` holding the issued PDF (terbit), else ''. */
  fileId: z.string().max(120),
  /** The Dukcapil officer's account. */
  officer: z.string().min(1).max(60),
});
export type DukcapilDecisionDoc = z.infer<typeof dukcapilDecisionDocSchema>;

/** The largest issued PDF accepted (kiosk and regency). */
export const DUKCAPIL_FILE_MAX_BYTES = 1_500_000;
export const DUKCAPIL_FILE_MAX_BASE64 = Math.ceil(DUKCAPIL_FILE_MAX_BYTES / 3) * 4;

export const dukcapilFileDocSchema = syncedBase('dukcapil-file')
  .extend({
    /** The application the issued document answers (the photos collection's index). */
    refId: z.string().min(1).max(120),
    fileName: z.string().min(1).max(120),
    mime: z.literal('application/pdf'),
    bytes: z.number().int().min(1).max(DUKCAPIL_FILE_MAX_BYTES),
    /** Lower-case hex SHA-256 of the PDF: checked by the kiosk that pulls it. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    data: z
      .string()
      .min(4)
      .max(DUKCAPIL_FILE_MAX_BASE64)
      .regex(/^[A-Za-z0-9+/]+={0,2}$/),
  })
  .refine((doc) => base64DecodedLength(doc.data) === doc.bytes, {
    message: 'Ukuran berkas tidak sesuai dengan isinya.',
    path: ['bytes'],
  });
export type DukcapilFileDoc = z.infer<typeof dukcapilFileDocSchema>;
