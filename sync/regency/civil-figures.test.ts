import { describe, expect, it } from 'vitest';
import { addMonths, dueMonth, median, percentile } from './civil-figures';
import { axisTicks } from './svg-chart';

describe('the figures behind the regency charts', () => {
  it('takes the median and the nearest-rank 90th percentile', () => {
    expect(median([])).toBe(0);
    expect(median([30, 2, 10])).toBe(10);
    expect(median([2, 10])).toBe(6);
    expect(percentile([2, 10, 30], 90)).toBe(30);
    // 10 values: the 9th smallest has 90 % at or below it.
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 100], 90)).toBe(9);
  });

  it('moves months across years', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2025-12', 1)).toBe('2026-01');
    expect(addMonths('2026-03', -14)).toBe('2025-01');
  });

  it('asks for last month only after the deadline day, in WIB', () => {
    // 10 March 23:00 WIB: still the deadline day, so January is due.
    expect(dueMonth(new Date('2026-03-10T16:00:00Z'))).toBe('2026-01');
    // 11 March 00:30 WIB (10 March 17:30 UTC): February is due.
    expect(dueMonth(new Date('2026-03-10T17:30:00Z'))).toBe('2026-02');
    expect(dueMonth(new Date('2026-01-20T00:00:00Z'))).toBe('2025-12');
  });

  it('puts round numbers on an axis', () => {
    expect(axisTicks(0, 57)).toEqual([0, 20, 40, 60]);
    expect(axisTicks(0, 4)).toEqual([0, 1, 2, 3, 4]);
    expect(axisTicks(54_250, 54_769)).toEqual([54_200, 54_400, 54_600, 54_800]);
    // Never finer than shown: a count of 1 is 0–1, a few seconds are 0–0.1 days.
    expect(axisTicks(0, 1, 1)).toEqual([0, 1]);
    expect(axisTicks(0, 0.0004, 0.1)).toEqual([0, 0.1]);
  });
});
