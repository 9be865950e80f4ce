// What the host does with a PDF Dukcapil issued before it prints it (`dukcapil:print-pdf`, issue
// 14): the bytes must be a PDF, whole, hashing to what Dukcapil recorded — the kiosk checked that
// on arrival, and checks again here because this is what goes on paper with the regency's
// signature on it. The file is written under the kiosk's data folder (only the host reads it)
// for the hidden window's PDF viewer, and removed after printing.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserWindowConstructorOptions, WebContentsPrintOptions } from 'electron';
import type { IssuedPdfPrintRequest } from '../../shared/dukcapil/print';
import { sha256Hex } from './letter-archive';

/** What is wrong with the file, for staff; null when it may be printed. */
export function issuedPdfProblem(request: IssuedPdfPrintRequest): string | null {
  const bytes = Buffer.from(request.file.data, 'base64');
  if (bytes.length !== request.file.bytes) return 'Ukuran berkas PDF tidak sesuai dengan isinya.';
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') {
    return 'Berkas terbitan Dukcapil ini bukan PDF; tidak dicetak.';
  }
  if (sha256Hex(bytes) !== request.file.sha256) {
    return 'Berkas PDF tidak utuh: sidik SHA-256 tidak cocok dengan catatan Dukcapil; tidak dicetak. Minta kabupaten mengirim ulang.';
  }
  return null;
}

/**
 * The hidden window: sandboxed, no preload, no Node. `plugins` turns on Chromium's PDF viewer,
 * which needs JavaScript (it is an extension page; the PDF itself runs no script).
 */
export const ISSUED_PDF_WINDOW_OPTIONS: BrowserWindowConstructorOptions = {
  show: false,
  webPreferences: {
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    plugins: true,
    webSecurity: true,
    spellcheck: false,
  },
};

/** Dukcapil documents are A4 (signed electronically, printed on plain paper); the PDF has its margins. */
export function issuedPdfPrintOptions(
  silent: boolean,
  deviceName?: string,
): WebContentsPrintOptions {
  return {
    silent,
    ...(deviceName ? { deviceName } : {}),
    printBackground: true,
    copies: 1,
    pageSize: 'A4',
    margins: { marginType: 'none' },
  };
}

/** Writes the checked PDF for the print window; answers its path and how to remove it. */
export function writeIssuedPdf(
  dataDir: string,
  request: IssuedPdfPrintRequest,
): { path: string; remove: () => void } {
  const dir = join(dataDir, 'print');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, `${request.file.sha256}.pdf`);
  writeFileSync(path, Buffer.from(request.file.data, 'base64'), { mode: 0o600 });
  return { path, remove: () => rmSync(path, { force: true }) };
}
