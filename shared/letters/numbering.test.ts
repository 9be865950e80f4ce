import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FORMAT_PER_TYPE,
  DEFAULT_NUMBERING,
  formatLetterNumber,
  nextSerial,
  numberingProblem,
  romanMonth,
  serialGaps,
  seriesKey,
} from './numbering';

const parts = {
  letterType: 'domisili',
  villageCode: '3510172001',
  kioskId: 'k1',
  serial: 7,
  date: '2026-11-28',
};

describe('letter numbers', () => {
  it('formats the common number with the kiosk segment', () => {
    expect(formatLetterNumber(DEFAULT_NUMBERING, parts)).toBe('470/007-K1/35.10.17.2001/XI/2026');
    expect(romanMonth(4)).toBe('IV');
  });

  it('keeps two types of one classification apart in per-type series', () => {
    const perType = { ...DEFAULT_NUMBERING, series: 'letter-type' as const };
    expect(numberingProblem(perType)).toMatch(/\{type\}/);
    const s = { ...perType, format: DEFAULT_FORMAT_PER_TYPE };
    expect(formatLetterNumber(s, parts)).not.toBe(
      formatLetterNumber(s, { ...parts, letterType: 'sktm' }),
    );
    expect(seriesKey(s, 'sktm', 2026)).toBe('2026:sktm');
  });

  it('refuses a format that could collide', () => {
    expect(numberingProblem({ ...DEFAULT_NUMBERING, format: '{serial}/{year}' })).toMatch(
      /\{kiosk\}/,
    );
    expect(() =>
      formatLetterNumber({ ...DEFAULT_NUMBERING, format: '{serial}/{kiosk}' }, parts),
    ).toThrow();
  });

  it('counts per kiosk and series, restarting each year', () => {
    const issued = [
      { series: '2026', kioskId: 'k1', serial: 1 },
      { series: '2026', kioskId: 'k1', serial: 2 },
      { series: '2026', kioskId: 'k2', serial: 1 },
      { series: '2025', kioskId: 'k1', serial: 40 },
    ];
    expect(nextSerial(issued, '2026', 'k1')).toBe(3);
    expect(nextSerial(issued, '2026', 'k2')).toBe(2);
    expect(nextSerial(issued, '2027', 'k1')).toBe(1);
    expect(serialGaps(issued)).toEqual({ '2025|k1': Array.from({ length: 39 }, (_, i) => i + 1) });
  });
});
