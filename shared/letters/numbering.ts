// Letter numbers: `[classification]/[serial]-[kiosk]/[village code dotted]/[Roman month]/[year]`,
// e.g. `470/007-K1/35.10.17.2001/XI/2026`. The kiosk segment is what makes two offline kiosks of
// one village unable to collide: each kiosk owns its own serial line inside every series, and only
// ever reads its own letters to find the next serial, which it always has locally (it wrote them).
// Serials restart each year; a series is the whole village or one letter type
// (decision 0007).
import { LETTER_TYPES } from '../letter-types';

export interface NumberingSettings {
  /** Tokens: {classification} {serial} {kiosk} {type} {village} {month} {year}. */
  format: string;
  /** One series for all letters, or one per letter type. */
  series: 'village' | 'letter-type';
  serialDigits: number;
}

export const DEFAULT_FORMAT = '{classification}/{serial}-{kiosk}/{village}/{month}/{year}';
export const DEFAULT_FORMAT_PER_TYPE =
  '{classification}/{serial}-{kiosk}/{type}/{village}/{month}/{year}';

export const DEFAULT_NUMBERING: NumberingSettings = {
  format: DEFAULT_FORMAT,
  series: 'village',
  serialDigits: 3,
};

/**
 * Why a format cannot be used, or null. Without {serial}, {kiosk} and {year} two kiosks or two
 * years could produce the same number; with one series per type, {type} keeps two types that
 * share a classification apart.
 */
export function numberingProblem(settings: NumberingSettings): string | null {
  const need = ['{serial}', '{kiosk}', '{year}'];
  if (settings.series === 'letter-type') need.push('{type}');
  const missing = need.filter((t) => !settings.format.includes(t));
  if (missing.length) return `Format nomor surat harus memuat ${missing.join(', ')}.`;
  if (!Number.isInteger(settings.serialDigits) || settings.serialDigits < 1) {
    return 'Jumlah digit nomor urut tidak sah.';
  }
  return null;
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

export function romanMonth(month: number): string {
  const r = ROMAN[month - 1];
  if (!r) throw new RangeError(`month ${month}`);
  return r;
}

/** `3510172001` → `35.10.17.2001`. */
export function dottedVillageCode(code: string): string {
  return `${code.slice(0, 2)}.${code.slice(2, 4)}.${code.slice(4, 6)}.${code.slice(6)}`;
}

/** The series a letter belongs to: `<year>` or `<year>:<letter type>`. */
export function seriesKey(settings: NumberingSettings, letterType: string, year: number): string {
  return settings.series === 'village' ? `${year}` : `${year}:${letterType}`;
}

/** The next serial of this kiosk in this series: one after the highest it has issued. */
export function nextSerial(
  issued: readonly { series: string; kioskId: string; serial: number }[],
  series: string,
  kioskId: string,
): number {
  let max = 0;
  for (const l of issued) {
    if (l.series === series && l.kioskId === kioskId && l.serial > max) max = l.serial;
  }
  return max + 1;
}

export interface NumberParts {
  letterType: string;
  villageCode: string;
  kioskId: string;
  serial: number;
  /** Issue date `YYYY-MM-DD`. */
  date: string;
}

export function formatLetterNumber(settings: NumberingSettings, parts: NumberParts): string {
  const problem = numberingProblem(settings);
  if (problem) throw new Error(problem);
  const [year, month] = parts.date.split('-').map(Number);
  const type = LETTER_TYPES.find((t) => t.code === parts.letterType);
  const values: Record<string, string> = {
    classification: type?.classification ?? '470',
    serial: String(parts.serial).padStart(settings.serialDigits, '0'),
    kiosk: parts.kioskId.toUpperCase(),
    type: parts.letterType.toUpperCase(),
    village: dottedVillageCode(parts.villageCode),
    month: romanMonth(month!),
    year: String(year),
  };
  return settings.format.replace(/\{(\w+)\}/g, (all, key: string) => values[key] ?? all);
}

/** Serials missing from 1..max per kiosk and series (empty when the series has no gaps). */
export function serialGaps(
  issued: readonly { series: string; kioskId: string; serial: number }[],
): Record<string, number[]> {
  const lines = new Map<string, Set<number>>();
  for (const l of issued) {
    const key = `${l.series}|${l.kioskId}`;
    if (!lines.has(key)) lines.set(key, new Set());
    lines.get(key)!.add(l.serial);
  }
  const gaps: Record<string, number[]> = {};
  for (const [key, serials] of lines) {
    const max = Math.max(...serials);
    const missing: number[] = [];
    for (let s = 1; s <= max; s++) if (!serials.has(s)) missing.push(s);
    if (missing.length) gaps[key] = missing;
  }
  return gaps;
}
