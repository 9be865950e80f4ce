// The monthly population report (laporan bulanan) from the events and the closed reports. Every
// month's start IS the previous month's end: months are chained forward from the last closed
// report (whose figures are the record of what was sent), or, before any is closed, from the
// register now with the later events taken back. An event dated in a closed month that the closed
// report did not count is carried by the first open month as a late report (laporan terlambat);
// a closed report is never recomputed.
import type {
  PopulationCounts,
  PopulationEventDoc,
  PopulationEventKind,
  PopulationReportDoc,
  ReportBasis,
  ReportColumn,
  ReportLine,
} from '../documents/population';
import { REPORT_COLUMNS } from '../documents/population';
import { newDocument, type Author } from '../documents/base';
import { countKey, ZERO_COUNTS } from './register';

export const COLUMN_LABELS: Record<ReportColumn, string> = {
  lahir: 'Lahir',
  mati: 'Mati',
  datang: 'Datang',
  pindah: 'Pindah',
  hilang: 'Hilang',
  ditemukan: 'Ditemukan',
};

/** Columns that add to the population; the others take away. */
const ADDING: readonly ReportColumn[] = ['lahir', 'datang', 'ditemukan'];

const KIND_COLUMN: Record<PopulationEventKind, ReportColumn | null> = {
  kelahiran: 'lahir',
  kematian: 'mati',
  datang: 'datang',
  'datang-kembali': 'datang',
  'pindah-keluar': 'pindah',
  hilang: 'hilang',
  ditemukan: 'ditemukan',
  'pindah-dalam-desa': null,
  'pisah-kk': null,
  'perubahan-data': null,
  pembatalan: null,
};

export interface MonthlyReport {
  month: string;
  basis: ReportBasis;
  start: PopulationCounts;
  startFamilies: number;
  columns: Record<ReportColumn, PopulationCounts>;
  end: PopulationCounts;
  endFamilies: number;
  /** Every event the report carries, counted or not, in date order. */
  lines: ReportLine[];
  /** The closed report this is, when the month is closed. */
  closed: PopulationReportDoc | null;
}

export interface ReportInput {
  basis: ReportBasis;
  events: readonly PopulationEventDoc[];
  /** The village's closed reports (of any basis; only this basis's anchor the chain). */
  closed: readonly PopulationReportDoc[];
  /** The register now (shared/population/register.ts `countRegister`). */
  current: { counts: PopulationCounts; families: number };
}

export function monthOf(isoDate: string): string {
  return isoDate.slice(0, 7);
}

export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

function bucket(e: PopulationEventDoc, basis: ReportBasis): string {
  return monthOf(basis === 'event' ? e.eventDate : e.reportDate);
}

function add(a: PopulationCounts, b: PopulationCounts, sign = 1): PopulationCounts {
  return {
    lWni: a.lWni + sign * b.lWni,
    pWni: a.pWni + sign * b.pWni,
    lWna: a.lWna + sign * b.lWna,
    pWna: a.pWna + sign * b.pWna,
  };
}

function deltaOf(events: readonly PopulationEventDoc[]): {
  counts: PopulationCounts;
  families: number;
} {
  const counts = { ...ZERO_COUNTS };
  let families = 0;
  for (const e of events) {
    counts[countKey(e.subjectSex, e.subjectNationality)] += e.populationDelta;
    families += e.familiesDelta;
  }
  return { counts, families };
}

function lineOf(
  e: PopulationEventDoc,
  byId: ReadonlyMap<string, PopulationEventDoc>,
  late: boolean,
): ReportLine {
  const reversed = e.reverses ? byId.get(e.reverses) : undefined;
  return {
    eventId: e.id,
    kind: e.kind,
    column: KIND_COLUMN[reversed ? reversed.kind : e.kind],
    sign: e.kind === 'pembatalan' ? -1 : 1,
    nik: e.nik,
    name: e.subjectName,
    sex: e.subjectSex,
    nationality: e.subjectNationality,
    eventDate: e.eventDate,
    reportDate: e.reportDate,
    late,
  };
}

function columnsOf(lines: readonly ReportLine[]): Record<ReportColumn, PopulationCounts> {
  const columns = Object.fromEntries(REPORT_COLUMNS.map((c) => [c, { ...ZERO_COUNTS }])) as Record<
    ReportColumn,
    PopulationCounts
  >;
  for (const l of lines) if (l.column) columns[l.column][countKey(l.sex, l.nationality)] += l.sign;
  return columns;
}

/** start + lahir + datang + ditemukan − mati − pindah − hilang, by sex and nationality. */
export function endFromColumns(
  start: PopulationCounts,
  columns: Record<ReportColumn, PopulationCounts>,
): PopulationCounts {
  return REPORT_COLUMNS.reduce(
    (acc, c) => add(acc, columns[c], ADDING.includes(c) ? 1 : -1),
    start,
  );
}

function byDate(basis: ReportBasis) {
  const key = (l: ReportLine) => (basis === 'event' ? l.eventDate : l.reportDate) + l.eventId;
  return (a: ReportLine, b: ReportLine) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
}

export function closedReports(
  closed: readonly PopulationReportDoc[],
  basis: ReportBasis,
): PopulationReportDoc[] {
  return closed.filter((c) => c.basis === basis).sort((a, b) => (a.month < b.month ? -1 : 1));
}

export function monthlyReport(month: string, input: ReportInput): MonthlyReport {
  const { basis, events } = input;
  const closed = closedReports(input.closed, basis);
  const sent = closed.find((c) => c.month === month);
  if (sent) return { ...sent, closed: sent };
  const byId = new Map(events.map((e) => [e.id, e]));
  const counted = new Set(
    closed.flatMap((c) => [...c.priorEventIds, ...c.lines.map((l) => l.eventId)]),
  );
  const anchor = closed.filter((c) => c.month < month).at(-1);

  let start: PopulationCounts;
  let startFamilies: number;
  let from: string;
  let late: readonly PopulationEventDoc[] = [];
  if (anchor) {
    start = anchor.end;
    startFamilies = anchor.endFamilies;
    from = nextMonth(anchor.month);
    late = events.filter((e) => bucket(e, basis) <= anchor.month && !counted.has(e.id));
  } else {
    const later = deltaOf(events.filter((e) => bucket(e, basis) >= month));
    start = add(input.current.counts, later.counts, -1);
    startFamilies = input.current.families - later.families;
    from = month;
  }
  // Walk the open months up to this one; each one's end is the next one's start.
  const perMonth = new Map<string, PopulationEventDoc[]>();
  for (const e of events) {
    const m = bucket(e, basis);
    if (m >= from && m <= month) perMonth.set(m, [...(perMonth.get(m) ?? []), e]);
  }
  const eventsOf = (m: string) => [...(m === from ? late : []), ...(perMonth.get(m) ?? [])];
  for (let m = from; m < month; m = nextMonth(m)) {
    const d = deltaOf(eventsOf(m));
    start = add(start, d.counts);
    startFamilies += d.families;
  }
  const carriedLate = from === month ? late : [];
  const carried = eventsOf(month);
  const d = deltaOf(carried);
  const lines = [
    ...carriedLate.map((e) => lineOf(e, byId, true)),
    ...(perMonth.get(month) ?? []).map((e) => lineOf(e, byId, false)),
  ].sort(byDate(basis));
  return {
    month,
    basis,
    start,
    startFamilies,
    columns: columnsOf(lines),
    end: add(start, d.counts),
    endFamilies: startFamilies + d.families,
    lines,
    closed: null,
  };
}

export type CloseResult = { ok: true; doc: PopulationReportDoc } | { ok: false; message: string };

/**
 * The kepala desa closes a month that has ended, after the month before it (unless none was ever
 * closed); the closed report is written once and never recomputed.
 */
export function closeMonth(
  month: string,
  input: ReportInput,
  ctx: { author: Author; closedBy: string; today: string; now: string },
): CloseResult {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) return { ok: false, message: 'Bulan tidak sah.' };
  if (month >= monthOf(ctx.today))
    return { ok: false, message: 'Bulan ini belum berakhir; laporan ditutup sesudah akhir bulan.' };
  const other = input.closed.find((c) => c.basis !== input.basis);
  if (other)
    return {
      ok: false,
      message: `Laporan desa ini ditutup menurut ${other.basis === 'event' ? 'tanggal peristiwa' : 'tanggal lapor'}; tutup dengan dasar yang sama.`,
    };
  const closed = closedReports(input.closed, input.basis);
  if (closed.some((c) => c.month === month))
    return { ok: false, message: `Laporan ${month} sudah ditutup.` };
  const last = closed.at(-1);
  if (last && month < last.month)
    return { ok: false, message: `Laporan sampai ${last.month} sudah ditutup.` };
  if (last && previousMonth(month) !== last.month)
    return {
      ok: false,
      message: `Tutup dulu laporan ${previousMonth(month)}: laporan ditutup berurutan.`,
    };
  const report = monthlyReport(month, input);
  return {
    ok: true,
    doc: {
      ...newDocument('population-report', ctx.author, ctx.now),
      month,
      basis: input.basis,
      start: report.start,
      startFamilies: report.startFamilies,
      columns: report.columns,
      end: report.end,
      endFamilies: report.endFamilies,
      lines: report.lines,
      priorEventIds: last
        ? []
        : input.events.filter((e) => bucket(e, input.basis) < month).map((e) => e.id),
      closedBy: ctx.closedBy,
      closedAt: ctx.now,
    },
  };
}
