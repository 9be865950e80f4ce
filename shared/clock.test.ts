import { describe, expect, it } from 'vitest';
import { clockSkewWarning } from './clock';

describe('clockSkewWarning', () => {
  it('stays quiet within five minutes', () => {
    expect(clockSkewWarning(null)).toBeNull();
    expect(clockSkewWarning(4 * 60_000)).toBeNull();
    expect(clockSkewWarning(-4 * 60_000)).toBeNull();
  });

  it('says which way and how far the kiosk clock is off', () => {
    expect(clockSkewWarning(12 * 60_000)).toContain('terlambat 12 menit');
    expect(clockSkewWarning(-3 * 3_600_000)).toContain('terlalu cepat 3 jam');
  });
});
