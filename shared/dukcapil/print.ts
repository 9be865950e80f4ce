// Printing what Dukcapil issued: the contract of the `dukcapil:print-pdf` channel. The desk hands
// the host the issued file as the kiosk holds it (the `dukcapil-file` document's bytes and hash);
// the host checks it again — a PDF, whole, hashing to what Dukcapil recorded — before it opens it
// in a hidden window's PDF viewer and prints it on A4 (electron/host/issued-pdf.ts).
import { z } from 'zod';
import { base64DecodedLength } from '../documents/photo';
import { DUKCAPIL_FILE_MAX_BASE64, DUKCAPIL_FILE_MAX_BYTES } from '../documents/dukcapil';

export const issuedPdfPrintRequestSchema = z
  .object({
    /** The issued application: the file must answer it. */
    applicationId: z.string().min(1).max(120),
    documentNumber: z.string().trim().min(1, 'Nomor dokumen kosong.').max(120),
    file: z.object({
      id: z.string().min(1).max(120),
      refId: z.string().min(1).max(120),
      bytes: z.number().int().min(1).max(DUKCAPIL_FILE_MAX_BYTES, 'Berkas PDF terlalu besar.'),
      sha256: z.string().regex(/^[0-9a-f]{64}$/, 'Sidik SHA-256 berkas tidak sah.'),
      data: z
        .string()
        .min(4)
        .max(DUKCAPIL_FILE_MAX_BASE64, 'Berkas PDF terlalu besar.')
        .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'Isi berkas bukan base64.'),
    }),
  })
  .refine((r) => r.file.refId === r.applicationId, {
    message: 'Berkas ini bukan terbitan untuk permohonan tersebut.',
    path: ['file', 'refId'],
  })
  .refine((r) => base64DecodedLength(r.file.data) === r.file.bytes, {
    message: 'Ukuran berkas tidak sesuai dengan isinya.',
    path: ['file', 'bytes'],
  });
export type IssuedPdfPrintRequest = z.infer<typeof issuedPdfPrintRequestSchema>;
