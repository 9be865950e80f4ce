// The PDF path of `letters:pdf`, for real: the Electron host's own modules (bridge handler,
// electron/host/letter-print.ts, the archive) drive a print window that is a real Chromium page
// instead of an Electron BrowserWindow (there is no Electron binary here). Electron's
// `printToPDF` and Playwright's `page.pdf` are both Chromium's print-to-PDF; the window below
// passes Electron's options on unchanged in meaning (inches, CSS page size preferred). Every
// letter type at its longest, with the regency logo and the largest QR, is archived on F4 and A4
// and read back from disk: a whole PDF, one page of the right size, the SHA-256 it was filed with.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { BrowserWindowConstructorOptions } from 'electron';
import { qrSvg } from '../../shared/letters/qr';
import { DEFAULT_PAGE, letterBlocks, letterHtml } from '../../shared/letters/template';
import { sha256Hex } from '../../electron/host/letter-archive';
import { electronLetterOutput, type PrintWindow } from '../../electron/host/letter-print';
import { bridgeOffice } from '../../electron/host/test-office';
import { DEFAULT_LOGO_FILE, readLogoFile } from '../../sync/provision/letterhead-logo';
import { CHROMIUM_PATH, chromiumAvailable, launchKioskBrowser } from '../support/chromium';
import { ALL_TYPES, longestLetter } from '../support/letter-fixtures';

if (!chromiumAvailable())
  console.warn(`Skipping the letter archive test: no Chromium at ${CHROMIUM_PATH}.`);

const LONGEST_QR = qrSvg(`B1.${'x'.repeat(470 - 3)}`);
let work = '';
let browser: BrowserContext | null = null;
let page: Page;

beforeAll(async () => {
  if (!chromiumAvailable()) return;
  work = await mkdtemp(join(tmpdir(), 'balai-letter-archive-'));
  browser = await launchKioskBrowser(join(work, 'chromium'));
  page = browser.pages()[0] ?? (await browser.newPage());
});
afterAll(async () => {
  await browser?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

/** A print window that is a Chromium page: what Electron's BrowserWindow is underneath. */
class ChromiumPrintWindow implements PrintWindow {
  options: BrowserWindowConstructorOptions;
  constructor(options: BrowserWindowConstructorOptions) {
    this.options = options;
  }
  async loadURL(url: string) {
    await page.goto(url);
  }
  destroy() {}
  webContents: PrintWindow['webContents'] = {
    print: () => {
      throw new Error('No printer in this test: only the PDF path runs for real here.');
    },
    printToPDF: async (o) => {
      const size = o.pageSize as { width: number; height: number };
      const m = o.margins as { top: number; right: number; bottom: number; left: number };
      return page.pdf({
        width: `${size.width}in`,
        height: `${size.height}in`,
        margin: {
          top: `${m.top}in`,
          right: `${m.right}in`,
          bottom: `${m.bottom}in`,
          left: `${m.left}in`,
        },
        ...(o.preferCSSPageSize !== undefined ? { preferCSSPageSize: o.preferCSSPageSize } : {}),
        ...(o.printBackground !== undefined ? { printBackground: o.printBackground } : {}),
      });
    },
    getPrintersAsync: () => Promise.resolve([]),
  };
}

/** Page objects in a PDF (`/Type /Page`, not the `/Pages` tree nodes). */
const countPdfPages = (pdf: Buffer) =>
  (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;

/** The page size in whole millimetres, from the first MediaBox. */
function pageMm(pdf: Buffer): [number, number] {
  const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)/.exec(pdf.toString('latin1'));
  const mm = (pt: string) => Math.round((Number(pt) * 25.4) / 72);
  return [mm(box![1]!), mm(box![2]!)];
}

/** Whole: `%PDF-` at the start, and the last `startxref` points at a cross-reference. */
function isWholePdf(pdf: Buffer): boolean {
  const text = pdf.toString('latin1');
  const at = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text);
  if (!text.startsWith('%PDF-') || !at) return false;
  const xref = text.slice(Number(at[1]), Number(at[1]) + 20);
  return xref.startsWith('xref') || /^\d+ \d+ obj/.test(xref);
}

describe.skipIf(!chromiumAvailable())('letters:pdf into the archive', () => {
  it('files every letter type, with logo and QR, as one whole page of F4 and of A4', async () => {
    const dataDir = join(work, 'kiosk');
    const windows: ChromiumPrintWindow[] = [];
    const office = await bridgeOffice({
      shell: 'electron',
      dataDir,
      roles: ['operator'],
      letterOutput: electronLetterOutput({
        openWindow: (options) => {
          windows.push(new ChromiumPrintWindow(options));
          return windows[windows.length - 1]!;
        },
        dataDir,
        printer: () => ({ kind: 'default' }),
      }),
    });
    // Archiving a letter is for staff who may print it (CHANNEL_ACCESS).
    const operator = await office.signedInAs('operator');
    const logo = await readLogoFile(DEFAULT_LOGO_FILE);

    const pages: Record<string, number> = {};
    for (const paper of ['F4', 'A4'] as const) {
      for (const code of ALL_TYPES) {
        const input = longestLetter(code);
        input.number = `474.1/${code}-${paper}/35.10.17.2001/XII/2026`;
        input.village.logo = logo;
        const page = { ...DEFAULT_PAGE, paper };
        const html = letterHtml(letterBlocks(input), { page, qrSvg: LONGEST_QR });
        const out = await operator('letters:pdf', {
          number: input.number,
          issuedOn: input.date,
          html,
          paper: { paper, marginsMm: page.marginsMm },
        });
        expect(out.ok, JSON.stringify(out)).toBe(true);
        const filed = (out as { value: { file: string; sha256: string; bytes: number } }).value;
        const pdf = await readFile(join(dataDir, filed.file));
        expect(filed.file).toBe(`archive/2026/474.1_${code}-${paper}_35.10.17.2001_XII_2026.pdf`);
        expect(filed.sha256).toBe(sha256Hex(pdf));
        expect(filed.bytes).toBe(pdf.length);
        expect(isWholePdf(pdf)).toBe(true);
        expect(pageMm(pdf)).toEqual(paper === 'F4' ? [215, 330] : [210, 297]);
        pages[`${paper} ${code}`] = countPdfPages(pdf);
      }
    }
    expect(pages).toEqual(
      Object.fromEntries(['F4', 'A4'].flatMap((p) => ALL_TYPES.map((c) => [`${p} ${c}`, 1]))),
    );
    // Each letter in its own hidden, script-free window, as the Electron shell opens them.
    expect(windows).toHaveLength(2 * ALL_TYPES.length);
    expect(windows[0]!.options).toMatchObject({
      show: false,
      webPreferences: { javascript: false },
    });
  }, 180_000);

  it('draws the regency logo in the kop of the page Chromium prints', async () => {
    const input = longestLetter('domisili');
    input.village.logo = await readLogoFile(DEFAULT_LOGO_FILE);
    await page.setContent(letterHtml(letterBlocks(input), { qrSvg: LONGEST_QR }));
    const logo = page.locator('header.kop img.kop-logo');
    await expect
      .poll(() => logo.evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBeGreaterThan(0);
    const box = (await logo.boundingBox())!;
    const kop = (await page.locator('header.kop').boundingBox())!;
    // 22 mm square at 96 px per inch, inside the kop, at its left.
    expect(Math.round(box.width)).toBe(Math.round((22 / 25.4) * 96));
    expect(box.y).toBeGreaterThanOrEqual(kop.y);
    expect(box.y + box.height).toBeLessThanOrEqual(kop.y + kop.height);
    expect(box.x - kop.x).toBeLessThan(10);
  });
});
