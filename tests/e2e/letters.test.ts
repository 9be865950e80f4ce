// Every letter type, filled with the longest realistic values, the regency logo in its kop and the
// largest QR, rendered by Chromium to PDF with the page size the letter's own CSS sets: exactly
// one page on F4 and on A4.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { qrSvg } from '../../shared/letters/qr';
import {
  DEFAULT_PAGE,
  letterBlocks,
  letterHtml,
  type LetterInput,
} from '../../shared/letters/template';
import { DEFAULT_LOGO_FILE, readLogoFile } from '../../sync/provision/letterhead-logo';
import { CHROMIUM_PATH, chromiumAvailable, launchKioskBrowser } from '../support/chromium';
import { ALL_TYPES, longestLetter } from '../support/letter-fixtures';

if (!chromiumAvailable())
  console.warn(`Skipping letter PDF tests: no Chromium at ${CHROMIUM_PATH}.`);

// A QR as large as the longest real payload (470 characters: long names, long signer).
const LONGEST_QR = qrSvg(`B1.${'x'.repeat(470 - 3)}`);
let work = '';
let browser: BrowserContext | null = null;
let page: Page;
let logo = '';
const withLogo = (input: LetterInput): LetterInput => ({
  ...input,
  village: { ...input.village, logo },
});

beforeAll(async () => {
  if (!chromiumAvailable()) return;
  logo = await readLogoFile(DEFAULT_LOGO_FILE);
  work = await mkdtemp(join(tmpdir(), 'balai-letters-'));
  browser = await launchKioskBrowser(work);
  page = browser.pages()[0] ?? (await browser.newPage());
});
afterAll(async () => {
  await browser?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

/** Page objects in a PDF (`/Type /Page`, not the `/Pages` tree nodes). */
function countPdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

describe.skipIf(!chromiumAvailable())('letters on paper', () => {
  for (const paper of ['F4', 'A4'] as const) {
    it(`renders each of the ${ALL_TYPES.length} letter types, at their longest, on one ${paper} page`, async () => {
      const pages: Record<string, number> = {};
      for (const code of ALL_TYPES) {
        const html = letterHtml(letterBlocks(withLogo(longestLetter(code))), {
          page: { ...DEFAULT_PAGE, paper },
          qrSvg: LONGEST_QR,
        });
        await page.setContent(html);
        const pdf = await page.pdf({ preferCSSPageSize: true });
        pages[code] = countPdfPages(pdf);
        if (code === 'domisili') {
          expect(html).toContain('<img class="kop-logo"');
          // The page size is the one the letter's CSS asks for.
          const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)/.exec(pdf.toString('latin1'));
          const mm = (pt: string) => Math.round((Number(pt) * 25.4) / 72);
          expect([mm(box![1]!), mm(box![2]!)]).toEqual(paper === 'F4' ? [215, 330] : [210, 297]);
        }
      }
      expect(pages).toEqual(Object.fromEntries(ALL_TYPES.map((c) => [c, 1])));

      // The count is real: a letter far beyond any limit does spill onto a second page.
      const huge = longestLetter('pengantar');
      huge.purpose = huge.purpose.repeat(40);
      await page.setContent(letterHtml(letterBlocks(huge), { page: { ...DEFAULT_PAGE, paper } }));
      expect(countPdfPages(await page.pdf({ preferCSSPageSize: true }))).toBeGreaterThan(1);
    }, 120_000);
  }
});
