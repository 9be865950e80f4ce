// The monthly population report of a village of BENCH_RESIDENTS (20,000) residents and a year of
// events, computed in Debian's Chromium. The year is made in Node through the event rules
// themselves (shared/population/events.ts: births, deaths, moves out and back, arrivals, internal
// moves, KK splits, data changes, missing and found — BENCH_EVENTS, default 3,000, each with its
// resident-local record), and the first eleven months are closed through closeMonth. In the page,
// from the stored documents (register records, events, closed reports — as the report screen
// holds them after loading): current records, the counts, and the twelfth month's report; also the
// same with no month closed (the whole year walked back from the register). Rounds 7; every run
// and the median, in ms. The IndexedDB load is not in these figures.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type {
  PopulationEventDoc,
  PopulationEventKind,
  PopulationReportDoc,
} from '../../shared/documents/population';
import type { ResidentDoc } from '../../shared/documents/resident';
import { createIdGenerator } from '../../shared/ids';
import { EMPTY_EVENT_FORM, recordEvent, type EventForm } from '../../shared/population/events';
import { countRegister, currentRecords, type RegisterView } from '../../shared/population/register';
import { closeMonth, nextMonth } from '../../shared/population/report';
import type { VillageCode } from '../../shared/village';
import { chromiumAvailable, launchKioskBrowser } from '../support/chromium';
import { uniqueVillageCode } from '../support/couch-server';
import { generatedResidents } from './resident-search';

const YEAR = 2025;
const ROUNDS = 7;

/** A register that follows the events as they are made (the rules read it). */
function liveRegister(docs: readonly ResidentDoc[]) {
  const byNik = new Map(docs.map((d) => [d.nik, d]));
  const byKk = new Map<string, Set<string>>();
  const join = (d: ResidentDoc) => {
    if (!d.kkNumber) return;
    if (!byKk.has(d.kkNumber)) byKk.set(d.kkNumber, new Set());
    byKk.get(d.kkNumber)!.add(d.nik);
  };
  docs.forEach(join);
  const view: RegisterView = {
    byNik: (nik) => byNik.get(nik),
    family: (kk) =>
      [...(byKk.get(kk) ?? [])].map((n) => byNik.get(n)!).filter((d) => d.kkNumber === kk),
  };
  return {
    view,
    apply(d: ResidentDoc) {
      byNik.set(d.nik, d);
      join(d);
    },
  };
}

function makeYear(code: VillageCode, residentCount: number, eventCount: number) {
  const register = generatedResidents(code, residentCount).map(
    ({ _id: _, ...d }) => d,
  ) as ResidentDoc[];
  const live = liveRegister(register);
  const locals: ResidentDoc[] = [];
  const events: PopulationEventDoc[] = [];
  const kinds: PopulationEventKind[] = [
    'kelahiran',
    'kematian',
    'pindah-keluar',
    'datang',
    'pindah-dalam-desa',
    'perubahan-data',
    'pisah-kk',
    'hilang',
    'datang-kembali',
    'ditemukan',
  ];
  let clock = Date.UTC(YEAR, 0, 1);
  const ids = createIdGenerator(code, 'k1', () => clock);
  let seq = 0;
  const moved: string[] = [];
  const missing: string[] = [];
  let refused = 0;
  for (let i = 0; i < eventCount; i++) {
    const day = Math.floor((i / eventCount) * 360);
    const date = new Date(Date.UTC(YEAR, 0, 1 + day)).toISOString().slice(0, 10);
    clock = Date.UTC(YEAR, 0, 1 + day, 8) + i;
    const kind = kinds[i % kinds.length]!;
    const someone = register[(i * 7919) % register.length]!.nik;
    const form: EventForm = {
      ...EMPTY_EVENT_FORM,
      kind,
      eventDate: date,
      reportDate: date,
      place: 'Banyuwangi',
    };
    if (kind === 'kelahiran')
      Object.assign(form, { name: `Bayi ${i}`, sex: i % 2 ? 'L' : 'P', motherNik: someone });
    else if (kind === 'datang')
      Object.assign(form, {
        nik: `350901150590${String((i % 9999) + 1).padStart(4, '0')}`,
        name: `Pendatang ${i}`,
        sex: 'L',
        kkNumber: `3509${String(200000000000 + i)}`,
        dusun: 'Krajan',
        rw: '1',
        rt: '1',
      });
    else if (kind === 'datang-kembali') Object.assign(form, { nik: moved.shift() ?? someone });
    else if (kind === 'ditemukan') Object.assign(form, { nik: missing.shift() ?? someone });
    else Object.assign(form, { nik: someone });
    if (kind === 'pindah-dalam-desa')
      Object.assign(form, { dusun: 'Sumberejo', rw: '3', rt: String((i % 9) + 1) });
    if (kind === 'perubahan-data')
      Object.assign(form, { field: 'occupation', value: `Pekerjaan ${i}` });
    if (kind === 'pisah-kk')
      Object.assign(form, {
        kkNumber: `3510${String(300000000000 + i)}`,
        familyRelation: 'Kepala Keluarga',
      });
    const made = recordEvent(form, live.view, events, {
      author: { villageCode: code, kioskId: 'k1', ids },
      recordedBy: 'Operator',
      today: `${YEAR}-12-31`,
      now: new Date(clock).toISOString(),
      temporaryNik: `0${code}${String(10001 + seq++).padStart(5, '0')}`,
    });
    if (!made.ok) {
      refused++;
      continue;
    }
    live.apply(made.resident);
    locals.push(made.resident);
    events.push(made.event);
    if (kind === 'pindah-keluar') moved.push(made.event.nik);
    if (kind === 'hilang') missing.push(made.event.nik);
  }
  // Close January to November, in order, as the kepala desa would early each next month.
  const closed: PopulationReportDoc[] = [];
  const docs = [...register, ...locals];
  const current = countRegister(currentRecords(docs));
  for (let m = `${YEAR}-01`; m < `${YEAR}-12`; m = nextMonth(m)) {
    const result = closeMonth(
      m,
      { basis: 'event', events, closed, current },
      {
        author: { villageCode: code, kioskId: 'k1', ids },
        closedBy: 'Kepala Desa',
        today: `${YEAR + 1}-01-05`,
        now: `${YEAR + 1}-01-05T08:00:00.000Z`,
      },
    );
    if (!result.ok) throw new Error(result.message);
    closed.push(result.doc);
  }
  return { docs, events, closed, refused };
}

export async function bench(): Promise<object> {
  if (!chromiumAvailable()) return { skipped: 'no Chromium at /usr/bin/chromium' };
  const residents = Number(process.env.BENCH_RESIDENTS ?? 20_000);
  const eventCount = Number(process.env.BENCH_EVENTS ?? 3_000);
  const year = makeYear(uniqueVillageCode(), residents, eventCount);
  const bundle = await build({
    stdin: {
      contents: `export { currentRecords, countRegister } from './shared/population/register';
                 export { monthlyReport } from './shared/population/report';`,
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'population',
    target: 'es2022',
  });
  const work = await mkdtemp(join(tmpdir(), 'balai-bench-report-'));
  const browser = await launchKioskBrowser(work);
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    await page.evaluate((data) => {
      (globalThis as unknown as { year: unknown }).year = data;
    }, year);
    const run = (withClosed: boolean) =>
      page.evaluate((withClosed) => {
        type P = typeof import('../../shared/population/report') &
          typeof import('../../shared/population/register');
        const p = (globalThis as unknown as { population: P }).population;
        const y = (globalThis as unknown as { year: ReturnType<typeof makeYear> }).year;
        const started = performance.now();
        const current = p.countRegister(p.currentRecords(y.docs));
        const report = p.monthlyReport('2025-12', {
          basis: 'event',
          events: y.events,
          closed: withClosed ? y.closed : [],
          current,
        });
        return { ms: performance.now() - started, lines: report.lines.length, end: report.end };
      }, withClosed);
    const closedRuns: number[] = [];
    const openRuns: number[] = [];
    let lines = 0;
    await run(true); // warm-up
    for (let r = 0; r < ROUNDS; r++) {
      // Order rotated each round.
      const order = r % 2 ? [false, true] : [true, false];
      for (const withClosed of order) {
        const out = await run(withClosed);
        (withClosed ? closedRuns : openRuns).push(Math.round(out.ms * 10) / 10);
        lines = out.lines;
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const result = {
      residents,
      registerDocs: year.docs.length,
      events: year.events.length,
      refusedByRules: year.refused,
      closedMonths: year.closed.length,
      decemberLines: lines,
      closedChainMs: { runs: closedRuns, median: median(closedRuns) },
      noClosedMonthMs: { runs: openRuns, median: median(openRuns) },
      targetMs: 500,
    };
    console.log(
      `monthly report, ${residents} residents, ${year.events.length} events: ` +
        `${result.closedChainMs.median} ms (11 months closed), ${result.noClosedMonthMs.median} ms (none closed)`,
    );
    return result;
  } finally {
    await browser.close();
    await rm(work, { recursive: true, force: true });
  }
}
