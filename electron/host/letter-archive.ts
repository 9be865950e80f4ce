// The kiosk's archive of letter PDFs: `archive/<year>/<safe number>.pdf` in the host's data
// folder, written atomically, with the SHA-256 the letter document records so that a reprint or
// a dispute years later can check the file is the one issued. Plain Node: both shells use it.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { ArchivedPdf } from '../../shared/letters/print';
import { readBytesIfExists, writePrivateFile } from '../../node-shared/private-files';

export const ARCHIVE_DIR = 'archive';

/**
 * The file name of a letter number, one-to-one: `/` becomes `_`, every other character outside
 * `A-Z a-z 0-9 . -` becomes `~` and its UTF-16 code in four hex digits. So `470/001-K1/35.10.17.2001/XI/2026` is
 * `470_001-K1_35.10.17.2001_XI_2026.pdf`, and no number can climb out of its folder.
 */
export function safeLetterFileName(number: string): string {
  // With `.pdf` appended even a number of dots only is a plain file name, never `..`.
  const safe = number.replace(/[^A-Za-z0-9.-]/g, (c) =>
    c === '/' ? '_' : `~${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `${safe}.pdf`;
}

/** The archive path of a letter, relative to the data folder (always with `/`). */
export function archiveFileOf(number: string, issuedOn: string): string {
  const year = /^(\d{4})-\d{2}-\d{2}$/.exec(issuedOn)?.[1];
  if (!year) throw new Error(`Tanggal surat tidak sah: ${issuedOn}`);
  return `${ARCHIVE_DIR}/${year}/${safeLetterFileName(number)}`;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A PDF file starts with `%PDF-` and ends (give or take a line break) with `%%EOF`. */
export function looksLikePdf(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 5)).toString('latin1');
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 32))).toString('latin1');
  return head === '%PDF-' && tail.includes('%%EOF');
}

/**
 * Keeps the letter's PDF in the archive. The first PDF of a number stays: asked again, the
 * archive answers with the file it holds (a second rendering would differ in its timestamps, and
 * the letter document records the first one's hash).
 */
export function archiveLetterPdf(
  dataDir: string,
  letter: { number: string; issuedOn: string },
  pdf: Uint8Array,
): ArchivedPdf {
  if (!looksLikePdf(pdf)) throw new Error('The printer gave no PDF.');
  const file = archiveFileOf(letter.number, letter.issuedOn);
  const path = join(dataDir, ...file.split('/'));
  const held = readBytesIfExists(path);
  if (held) return { file, sha256: sha256Hex(held), bytes: held.length };

  // Letters carry residents' data: readable by the kiosk's user only, and never half a PDF under
  // the real name.
  writePrivateFile(path, pdf);
  return { file, sha256: sha256Hex(pdf), bytes: pdf.length };
}
