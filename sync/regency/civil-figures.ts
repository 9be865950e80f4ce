// The regency's civil-registration figures, computed from what each village's views hold (no
// I/O here; sync/regency/civil-figures-data.ts reads them): applications by status per village,
// kecamatan and document type; days from the first submission to the issue (median and 90th
// percentile); villages whose monthly report is late; the population per kecamatan from the
// closed monthly reports (docs/decisions/0021).
import { APPLICATION_STATUSES, type ApplicationStatus } from '../../shared/dukcapil/application';
import type { DukcapilDocumentType } from '../../shared/dukcapil/catalogue';
import type { VillageCode } from '../../shared/village';
import type { ApplicationRow } from './dukcapil-data';
import { kecamatanOf } from './dukcapil-page';

/** The statuses the regency sees (a draft never leaves the village). */
export const SENT_STATUSES = APPLICATION_STATUSES.filter(
  (s): s is Exclude<ApplicationStatus, 'draf'> => s !== 'draf',
);
export type SentStatus = (typeof SENT_STATUSES)[number];
export type StatusCounts = Record<SentStatus, number>;

/** The report of month M is due by this day of month M+1 (WIB). */
export const REPORT_DEADLINE_DAY = 10;
/** Months shown on the population line. */
export const POPULATION_MONTHS = 12;

export interface ClosedReport {
  /** `YYYY-MM`. */
  month: string;
  male: number;
  female: number;
  families: number;
}

export interface VillageCivilData {
  code: VillageCode;
  villageName: string;
  districtName: string;
  applications: readonly ApplicationRow[];
  reports: readonly ClosedReport[];
}

export interface IssueDays {
  key: string;
  label: string;
  /** Issued applications counted. */
  issued: number;
  median: number;
  p90: number;
}

export interface LateVillage {
  code: VillageCode;
  villageName: string;
  districtName: string;
  /** The newest closed month, or null when the village never closed one. */
  lastClosed: string | null;
  /** Months missing up to the due month. */
  monthsBehind: number | null;
}

export interface DistrictPopulation {
  code: string;
  name: string;
  /** Villages of the kecamatan with at least one closed report. */
  reporting: number;
  villages: number;
  male: number;
  female: number;
  families: number;
  /** The total per month of `months`, each village at its report of that month or earlier. */
  byMonth: (number | null)[];
}

export interface CivilFigures {
  byVillage: { code: VillageCode; name: string; district: string; counts: StatusCounts }[];
  byDistrict: { code: string; name: string; counts: StatusCounts }[];
  byType: { type: DukcapilDocumentType; counts: StatusCounts }[];
  issueDaysByDistrict: IssueDays[];
  issueDaysByType: IssueDays[];
  /** The month every village should have closed by now. */
  dueMonth: string;
  late: LateVillage[];
  villages: number;
  months: string[];
  population: DistrictPopulation[];
}

const emptyCounts = (): StatusCounts =>
  Object.fromEntries(SENT_STATUSES.map((s) => [s, 0])) as StatusCounts;

/** The middle value (the mean of the two middle ones for an even count); 0 for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The nearest-rank percentile: the smallest value with at least p % of the values at or below. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Days from the first submission to the first `terbit` decision; null while not issued. */
export function issueDays(row: ApplicationRow): number | null {
  const issued = row.decisions
    .filter((d) => d.step === 'terbit')
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1))[0];
  if (!issued) return null;
  return Math.max(0, (Date.parse(issued.createdAt) - Date.parse(row.firstAt)) / 86_400_000);
}

/** `YYYY-MM` plus `n` months (n may be negative). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return ty * 12 + tm - (fy * 12 + fm);
}

/**
 * The month whose report every village should have closed at `now` (WIB): last month once its
 * deadline day has passed, else the month before.
 */
export function dueMonth(now: Date): string {
  const wib = new Date(now.getTime() + 7 * 3600_000);
  const thisMonth = `${wib.getUTCFullYear()}-${String(wib.getUTCMonth() + 1).padStart(2, '0')}`;
  return addMonths(thisMonth, wib.getUTCDate() > REPORT_DEADLINE_DAY ? -1 : -2);
}

function issueDaysBy(
  rows: readonly { key: string; label: string; days: number }[],
  order: readonly string[],
): IssueDays[] {
  const groups = new Map<string, { label: string; days: number[] }>();
  for (const r of rows) {
    const g = groups.get(r.key) ?? { label: r.label, days: [] };
    g.days.push(r.days);
    groups.set(r.key, g);
  }
  return order
    .filter((key) => groups.has(key))
    .map((key) => {
      const g = groups.get(key)!;
      return {
        key,
        label: g.label,
        issued: g.days.length,
        median: median(g.days),
        p90: percentile(g.days, 90),
      };
    });
}

export function civilFigures(
  villages: readonly VillageCivilData[],
  types: readonly DukcapilDocumentType[],
  now: Date,
): CivilFigures {
  const districtNames = new Map<string, string>();
  for (const v of villages) {
    const d = kecamatanOf(v.code);
    if (!districtNames.get(d)) districtNames.set(d, v.districtName || d);
  }
  const districts = [...districtNames.keys()].sort();
  const byDistrict = new Map(districts.map((d) => [d, emptyCounts()]));
  const byType = new Map(types.map((t) => [t, emptyCounts()]));
  const issued: { district: string; type: DukcapilDocumentType; days: number }[] = [];
  const byVillage = villages.map((v) => {
    const counts = emptyCounts();
    const district = kecamatanOf(v.code);
    for (const app of v.applications) {
      if (app.status === 'draf') continue;
      counts[app.status] += 1;
      byDistrict.get(district)![app.status] += 1;
      const typeCounts = byType.get(app.documentType);
      if (typeCounts) typeCounts[app.status] += 1;
      const days = issueDays(app);
      if (days !== null) issued.push({ district, type: app.documentType, days });
    }
    return {
      code: v.code,
      name: v.villageName || v.code,
      district: districtNames.get(district)!,
      counts,
    };
  });

  const due = dueMonth(now);
  const late: LateVillage[] = [];
  let newest = due;
  for (const v of villages) {
    const last = v.reports.reduce<string | null>(
      (m, r) => (m === null || r.month > m ? r.month : m),
      null,
    );
    if (last !== null && last > newest) newest = last;
    if (last === null || last < due) {
      late.push({
        code: v.code,
        villageName: v.villageName || v.code,
        districtName: districtNames.get(kecamatanOf(v.code))!,
        lastClosed: last,
        monthsBehind: last === null ? null : monthsBetween(last, due),
      });
    }
  }
  late.sort(
    (a, b) =>
      (b.monthsBehind ?? Infinity) - (a.monthsBehind ?? Infinity) || (a.code < b.code ? -1 : 1),
  );

  const months = Array.from({ length: POPULATION_MONTHS }, (_, i) =>
    addMonths(newest, i - POPULATION_MONTHS + 1),
  );
  const population = districts.map((d): DistrictPopulation => {
    const members = villages.filter((v) => kecamatanOf(v.code) === d);
    const latest = members
      .map((v) => [...v.reports].sort((a, b) => (a.month < b.month ? 1 : -1))[0])
      .filter((r): r is ClosedReport => r !== undefined);
    const byMonth = months.map((month) => {
      let total: number | null = null;
      for (const v of members) {
        // A village that has not closed this month counts with its last report before it.
        const at = v.reports
          .filter((r) => r.month <= month)
          .reduce<ClosedReport | null>((m, r) => (m === null || r.month > m.month ? r : m), null);
        if (at) total = (total ?? 0) + at.male + at.female;
      }
      return total;
    });
    return {
      code: d,
      name: districtNames.get(d)!,
      reporting: latest.length,
      villages: members.length,
      male: latest.reduce((n, r) => n + r.male, 0),
      female: latest.reduce((n, r) => n + r.female, 0),
      families: latest.reduce((n, r) => n + r.families, 0),
      byMonth,
    };
  });

  return {
    byVillage: byVillage.filter((v) => Object.values(v.counts).some((n) => n > 0)),
    byDistrict: districts.map((d) => ({
      code: d,
      name: districtNames.get(d)!,
      counts: byDistrict.get(d)!,
    })),
    byType: types.map((type) => ({ type, counts: byType.get(type)! })),
    issueDaysByDistrict: issueDaysBy(
      issued.map((i) => ({ key: i.district, label: districtNames.get(i.district)!, days: i.days })),
      districts,
    ),
    issueDaysByType: issueDaysBy(
      issued.map((i) => ({ key: i.type, label: i.type, days: i.days })),
      types,
    ),
    dueMonth: due,
    late,
    villages: villages.length,
    months,
    population,
  };
}
