// Printing archived letters in the Electron shell: the stored HTML (the very page the preview
// shows) goes into a hidden, sandboxed window with JavaScript off, then to the configured
// printer (`webContents.print`) or into the archive as a PDF (`printToPDF`). Electron is passed
// in, not imported, so this runs in Node against a stand-in (there is no Electron binary on our
// machines; see electron/host/letter-print.test.ts) and in the e2e suite against real Chromium.
import type {
  BrowserWindowConstructorOptions,
  PrintToPDFOptions,
  WebContentsPrintOptions,
} from 'electron';
import type {
  ArchivedLetter,
  LetterPaper,
  LetterPdfResponse,
  LetterPrintRequest,
  LetterPrintResponse,
} from '../../shared/letters/print';
import { NOT_IN_THIS_SHELL, printableHtml } from '../../shared/letters/print';
import { pathToFileURL } from 'node:url';
import type { IssuedPdfPrintRequest } from '../../shared/dukcapil/print';
import { ISSUED_PDF_WINDOW_OPTIONS, issuedPdfPrintOptions, writeIssuedPdf } from './issued-pdf';
import { archiveLetterPdf } from './letter-archive';
import type { Env } from './config-store';

/** What the kiosk's host can do with an archived letter, and with a PDF Dukcapil issued. */
export interface LetterOutput {
  print(request: LetterPrintRequest): Promise<LetterPrintResponse>;
  pdf(request: ArchivedLetter): Promise<LetterPdfResponse>;
  /** The issued PDF (already checked: electron/host/issued-pdf.ts) to the printer, on A4. */
  printIssuedPdf(request: IssuedPdfPrintRequest): Promise<LetterPrintResponse>;
}

/** The browser kiosk prints through the browser (the renderer's own print of the same HTML). */
export const browserLetterOutput: LetterOutput = {
  print: () => Promise.resolve(NOT_IN_THIS_SHELL),
  pdf: () => Promise.resolve(NOT_IN_THIS_SHELL),
  printIssuedPdf: () => Promise.resolve(NOT_IN_THIS_SHELL),
};

/** The part of an Electron BrowserWindow used here. */
export interface PrintWindow {
  loadURL(url: string): Promise<void>;
  destroy(): void;
  webContents: {
    print(
      options: WebContentsPrintOptions,
      callback: (success: boolean, failureReason: string) => void,
    ): void;
    printToPDF(options: PrintToPDFOptions): Promise<Uint8Array>;
    getPrintersAsync(): Promise<{ name: string; displayName: string }[]>;
  };
}

export const PRINTER_ENV = 'BALAI_PRINTER';

/**
 * The kiosk's printer: `BALAI_PRINTER=<system printer name>` prints silently to it, `dialog`
 * asks staff every time, unset prints silently to the system's default printer.
 */
export type PrinterSetting =
  { kind: 'default' } | { kind: 'dialog' } | { kind: 'named'; name: string };

export function readPrinterSetting(env: Env): PrinterSetting {
  const value = env[PRINTER_ENV]?.trim();
  if (!value) return { kind: 'default' };
  if (value.toLowerCase() === 'dialog') return { kind: 'dialog' };
  return { kind: 'named', name: value };
}

/** A print that did not happen, for staff: shown as the bridge's refusal. */
export class PrintFailure extends Error {}

const MICRONS_PER_MM = 1000;
const MM_PER_INCH = 25.4;
const PAPER_MM: Record<LetterPaper['paper'], [number, number]> = { F4: [215, 330], A4: [210, 297] };

/** The hidden window: sandboxed, no script, no preload, nothing but the letter. */
export const PRINT_WINDOW_OPTIONS: BrowserWindowConstructorOptions = {
  show: false,
  webPreferences: {
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    javascript: false,
    webSecurity: true,
    spellcheck: false,
  },
};

/**
 * Only inline styles and data: images (the QR is inline SVG, the logo a data URL): whatever the
 * stored HTML says, the print window fetches nothing.
 */
const PRINT_CSP =
  '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; img-src data:">';

/** The page to load: the letter (marked SALINAN for a copy) with the print window's CSP. */
export function printWindowUrl(html: string, copy: boolean): string {
  const page = printableHtml(html, copy).replace('<head>', `<head>${PRINT_CSP}`);
  return `data:text/html;charset=utf-8;base64,${Buffer.from(page, 'utf8').toString('base64')}`;
}

/** `webContents.print` options: the letter's paper in microns; the margins are the letter's @page. */
export function printOptions(paper: LetterPaper, printer: PrinterSetting): WebContentsPrintOptions {
  const [width, height] = PAPER_MM[paper.paper];
  return {
    silent: printer.kind !== 'dialog',
    ...(printer.kind === 'named' ? { deviceName: printer.name } : {}),
    printBackground: true,
    copies: 1,
    pageSize: { width: width * MICRONS_PER_MM, height: height * MICRONS_PER_MM },
    // "default" lets the page's own CSS @page margins apply, as in the preview.
    margins: { marginType: 'default' },
  };
}

/** `printToPDF` options: the letter's paper and margins, in inches. */
export function pdfOptions(paper: LetterPaper): PrintToPDFOptions {
  const [width, height] = PAPER_MM[paper.paper];
  const [top, right, bottom, left] = paper.marginsMm.map((mm) => mm / MM_PER_INCH) as [
    number,
    number,
    number,
    number,
  ];
  return {
    pageSize: { width: width / MM_PER_INCH, height: height / MM_PER_INCH },
    margins: { top, right, bottom, left },
    preferCSSPageSize: true,
    printBackground: true,
  };
}

export interface ElectronLetterOutputOptions {
  /** `(options) => new BrowserWindow(options)`. */
  openWindow: (options: BrowserWindowConstructorOptions) => PrintWindow;
  /** The kiosk's data folder: the PDFs go into its `archive/`. */
  dataDir: string;
  printer: () => PrinterSetting;
}

export function electronLetterOutput(options: ElectronLetterOutputOptions): LetterOutput {
  /** Runs `use` on a fresh hidden window holding the letter, and always closes it. */
  async function withLetter<T>(
    html: string,
    copy: boolean,
    use: (window: PrintWindow) => Promise<T>,
  ): Promise<T> {
    const window = options.openWindow(PRINT_WINDOW_OPTIONS);
    try {
      await window.loadURL(printWindowUrl(html, copy));
      return await use(window);
    } finally {
      window.destroy();
    }
  }

  /** The loaded window to the kiosk's printer; `what` names it in a failure ("Surat"). */
  async function toPrinter(
    window: PrintWindow,
    printer: PrinterSetting,
    printWith: WebContentsPrintOptions,
    what: string,
  ): Promise<LetterPrintResponse> {
    if (printer.kind === 'named') {
      const known = await window.webContents.getPrintersAsync();
      if (!known.some((p) => p.name === printer.name)) {
        throw new PrintFailure(
          `Printer "${printer.name}" (${PRINTER_ENV}) tidak ditemukan di komputer ini. Printer yang ada: ${known.map((p) => p.name).join(', ') || 'tidak ada'}.`,
        );
      }
    }
    const outcome = await new Promise<{ success: boolean; reason: string }>((done) =>
      window.webContents.print(printWith, (success, reason) => done({ success, reason })),
    );
    if (outcome.success) {
      return {
        outcome: 'printed',
        printer: printer.kind === 'named' ? printer.name : printer.kind,
      };
    }
    if (outcome.reason === 'cancelled') return { outcome: 'cancelled' };
    throw new PrintFailure(
      `${what} tidak tercetak (${outcome.reason || 'printer tidak menjawab'}). Periksa printer, lalu coba lagi.`,
    );
  }

  return {
    async print(request) {
      const printer = options.printer();
      return withLetter(request.html, request.copy, (window) =>
        toPrinter(window, printer, printOptions(request.paper, printer), 'Surat'),
      );
    },

    async printIssuedPdf(request) {
      const printer = options.printer();
      const file = writeIssuedPdf(options.dataDir, request);
      const window = options.openWindow(ISSUED_PDF_WINDOW_OPTIONS);
      try {
        await window.loadURL(pathToFileURL(file.path).href);
        const printWith = issuedPdfPrintOptions(
          printer.kind !== 'dialog',
          printer.kind === 'named' ? printer.name : undefined,
        );
        return await toPrinter(window, printer, printWith, 'Dokumen');
      } finally {
        window.destroy();
        file.remove();
      }
    },

    async pdf(request) {
      const pdf = await withLetter(request.html, false, (window) =>
        window.webContents.printToPDF(pdfOptions(request.paper)),
      );
      return { outcome: 'archived', ...archiveLetterPdf(options.dataDir, request, pdf) };
    },
  };
}
