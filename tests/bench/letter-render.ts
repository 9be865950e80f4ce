// Rendering a letter to PDF in Debian's Chromium: per letter, the template (shared/letters) builds
// the HTML (the regency logo in the kop, the largest QR), Chromium lays it out (`setContent`) and
// prints it (`page.pdf` with the letter's own @page size), and the kiosk files the PDF in its
// archive (electron/host/letter-archive.ts: SHA-256, temp file, fsync, rename). BENCH_LETTERS
// letters (default 160: the 16 types at their longest, F4, ten rounds), ms per letter,
// p50/p95/max, and the HTML and PDF sizes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { qrSvg } from '../../shared/letters/qr';
import { DEFAULT_PAGE, letterBlocks, letterHtml } from '../../shared/letters/template';
import { archiveLetterPdf } from '../../electron/host/letter-archive';
import { DEFAULT_LOGO_FILE, readLogoFile } from '../../sync/provision/letterhead-logo';
import { chromiumAvailable, launchKioskBrowser } from '../support/chromium';
import { ALL_TYPES, longestLetter } from '../support/letter-fixtures';

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const round = (n: number) => Math.round(n * 10) / 10;

export async function bench(): Promise<object> {
  if (!chromiumAvailable()) return { skipped: 'no Chromium' };
  const count = Number(process.env.BENCH_LETTERS ?? 160);
  const work = await mkdtemp(join(tmpdir(), 'balai-bench-letters-'));
  const browser = await launchKioskBrowser(work);
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    const logo = await readLogoFile(DEFAULT_LOGO_FILE);
    const qr = qrSvg(`B1.${'x'.repeat(467)}`); // as large as the longest real payload
    const times: number[] = [];
    const archiveTimes: number[] = [];
    let bytes = 0;
    let htmlBytes = 0;
    for (let i = -4; i < count; i++) {
      const code = ALL_TYPES[(i + ALL_TYPES.length) % ALL_TYPES.length]!;
      const input = longestLetter(code);
      input.village.logo = logo;
      input.number = `474.1/${i + 5}/35.10.17.2001/XII/2026`;
      const started = performance.now();
      const html = letterHtml(letterBlocks(input), { page: DEFAULT_PAGE, qrSvg: qr });
      await page.setContent(html);
      const pdf = await page.pdf({ preferCSSPageSize: true });
      const printed = performance.now();
      archiveLetterPdf(
        join(work, 'archive-root'),
        { number: input.number, issuedOn: input.date },
        pdf,
      );
      const ms = performance.now() - started;
      if (i >= 0) {
        times.push(ms); // the first four warm the browser up
        archiveTimes.push(performance.now() - printed);
        bytes += pdf.length;
        htmlBytes += Buffer.byteLength(html);
      }
    }
    times.sort((a, b) => a - b);
    archiveTimes.sort((a, b) => a - b);
    const result = {
      letters: count,
      paper: 'F4',
      p50Ms: round(pct(times, 50)),
      p95Ms: round(pct(times, 95)),
      maxMs: round(times[times.length - 1]!),
      archiveP50Ms: round(pct(archiveTimes, 50)),
      archiveP95Ms: round(pct(archiveTimes, 95)),
      avgPdfKb: round(bytes / count / 1024),
      avgHtmlKb: round(htmlBytes / count / 1024),
      logoKb: round(logo.length / 1024),
    };
    console.log(
      `letter → PDF in Chromium → archive: p50 ${result.p50Ms} ms, p95 ${result.p95Ms} ms, max ${result.maxMs} ms, of which filing p50 ${result.archiveP50Ms} ms (${count} letters, PDF ${result.avgPdfKb} kB, HTML ${result.avgHtmlKb} kB of which logo ${result.logoKb} kB)`,
    );
    return result;
  } finally {
    await browser.close();
    await rm(work, { recursive: true, force: true });
  }
}
