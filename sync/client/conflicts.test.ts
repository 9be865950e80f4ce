import { describe, expect, it } from 'vitest';
import { pickWinner } from './conflicts';

describe('pickWinner', () => {
  const a = { updatedAt: '2026-11-28T10:00:00.000Z', kioskId: 'k1' };
  const b = { updatedAt: '2026-11-28T10:00:01.000Z', kioskId: 'k1' };

  it('keeps the later edit', () => {
    expect(pickWinner(a, b, 'x', 'y')).toBe('remote');
    expect(pickWinner(b, a, 'x', 'y')).toBe('local');
  });

  it('gives the same answer on both sides of a tie', () => {
    const k2 = { ...a, kioskId: 'k2' };
    expect(pickWinner(a, k2, 'x', 'y')).toBe('remote');
    expect(pickWinner(k2, a, 'y', 'x')).toBe('local');
    expect(pickWinner(a, a, 'x', 'y')).toBe('remote');
    expect(pickWinner(a, a, 'y', 'x')).toBe('local');
  });
});
