// Rendering a letter to PDF in Debian's Chromium: per letter, the template (shared/letters) builds
// the HTML, Chromium lays it out (`setContent`) and prints it (`page.pdf` with the letter's own
// @page size). BENCH_LETTERS letters (default 160: the 16 types at their longest, F4, ten rounds),
// ms per letter, p50/p95/max.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_PAGE, letterBlocks, letterHtml } from '../../shared/letters/template';
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
    const times: number[] = [];
    let bytes = 0;
    for (let i = -4; i < count; i++) {
      const code = ALL_TYPES[(i + ALL_TYPES.length) % ALL_TYPES.length]!;
      const started = performance.now();
      const html = letterHtml(letterBlocks(longestLetter(code)), { page: DEFAULT_PAGE });
      await page.setContent(html);
      const pdf = await page.pdf({ preferCSSPageSize: true });
      const ms = performance.now() - started;
      if (i >= 0) {
        times.push(ms); // the first four warm the browser up
        bytes += pdf.length;
      }
    }
    times.sort((a, b) => a - b);
    const result = {
      letters: count,
      paper: 'F4',
      p50Ms: round(pct(times, 50)),
      p95Ms: round(pct(times, 95)),
      maxMs: round(times[times.length - 1]!),
      avgPdfKb: round(bytes / count / 1024),
    };
    console.log(
      `letter → PDF in Chromium: p50 ${result.p50Ms} ms, p95 ${result.p95Ms} ms, max ${result.maxMs} ms (${count} letters, ${result.avgPdfKb} kB each)`,
    );
    return result;
  } finally {
    await browser.close();
    await rm(work, { recursive: true, force: true });
  }
}
