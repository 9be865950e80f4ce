// Printing an archived letter: the contract of the `letters:print` and `letters:pdf` channels,
// and the one function that turns the stored HTML into what goes on paper (the original, or a
// copy marked "SALINAN"). The renderer's browser print and the Electron host use the same one.
import { z } from 'zod';
import { isoDateSchema } from '../documents/base';

/** The stored rendering's opening, as `letterHtml` writes it (template.ts). */
const SURAT_OPENING = '<article class="surat">';

/** How `letterHtml` opens every document; the print window's CSP goes right after `<head>`. */
const DOCUMENT_OPENING = '<!doctype html>\n<html lang="id"><head>';

/** True for HTML that `letterHtml` produced: a whole document holding one letter. */
export function isLetterHtml(html: string): boolean {
  return html.startsWith(DOCUMENT_OPENING) && html.split(SURAT_OPENING).length === 2;
}

/** The HTML to print now: the original, or for a reprint the same letter marked "SALINAN". */
export function printableHtml(html: string, copy: boolean): string {
  if (!copy) return html;
  return html.replace(SURAT_OPENING, `${SURAT_OPENING}<div class="copy">SALINAN</div>`);
}

const marginMm = z.number().min(0).max(60);

/** Paper and margins of the letter, as it was rendered (its snapshot's page settings). */
export const letterPaperSchema = z.object({
  paper: z.enum(['F4', 'A4']),
  marginsMm: z.tuple([marginMm, marginMm, marginMm, marginMm]),
});
export type LetterPaper = z.infer<typeof letterPaperSchema>;

/** An archived letter to put on paper or into a PDF: its number, date and stored HTML. */
export const archivedLetterSchema = z.object({
  number: z.string().trim().min(1, 'Nomor surat kosong.').max(120),
  issuedOn: isoDateSchema,
  html: z
    .string()
    .max(400_000, 'Surat terlalu besar.')
    .refine(isLetterHtml, 'Ini bukan surat tersimpan dari Balai.'),
  paper: letterPaperSchema,
});
export type ArchivedLetter = z.infer<typeof archivedLetterSchema>;

export const letterPrintRequestSchema = archivedLetterSchema.extend({
  /** A reprint: printed marked "SALINAN". */
  copy: z.boolean(),
});
export type LetterPrintRequest = z.infer<typeof letterPrintRequestSchema>;

/** The shell cannot do it (the browser kiosk): the renderer uses the browser's print instead. */
const unavailable = z.object({ outcome: z.literal('unavailable'), message: z.string().max(300) });

export const letterPrintResponseSchema = z.discriminatedUnion('outcome', [
  /** Sent to the printer (its name, or "dialog" when staff chose it in the print dialog). */
  z.object({ outcome: z.literal('printed'), printer: z.string().max(200) }),
  /** Staff closed the print dialog: nothing printed, nothing to log. */
  z.object({ outcome: z.literal('cancelled') }),
  unavailable,
]);
export type LetterPrintResponse = z.infer<typeof letterPrintResponseSchema>;

/** Where the letter's PDF is kept, relative to the kiosk's data folder, and what it is. */
export const archivedPdfSchema = z.object({
  file: z
    .string()
    .max(200)
    .regex(/^archive\/\d{4}\/[A-Za-z0-9._~-]+\.pdf$/),
  /** SHA-256 of the file, hex: `sha256sum` can check it years later. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().min(1),
});
export type ArchivedPdf = z.infer<typeof archivedPdfSchema>;

export const letterPdfResponseSchema = z.discriminatedUnion('outcome', [
  archivedPdfSchema.extend({ outcome: z.literal('archived') }),
  unavailable,
]);
export type LetterPdfResponse = z.infer<typeof letterPdfResponseSchema>;

/** The answer of a shell that has no printing of its own. */
export const NOT_IN_THIS_SHELL = {
  outcome: 'unavailable',
  message: 'Tidak tersedia di kios peramban ini; gunakan cetak dari peramban.',
} as const;
