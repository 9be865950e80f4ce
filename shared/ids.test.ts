import { describe, expect, it } from 'vitest';
import { createIdGenerator, parseId } from './ids';

describe('createIdGenerator', () => {
  it('issues strictly increasing IDs even when the clock stands still or goes back', () => {
    const times = [1000, 1000, 1000, 900, 2000, 1500];
    const gen = createIdGenerator('3510992001', 'k1', () => times.shift()!);
    const ids = Array.from({ length: 6 }, () => gen.next('request'));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(6);
  });

  it('keeps two kiosks apart even with identical clocks', () => {
    const a = createIdGenerator('3510992001', 'k1', () => 42);
    const b = createIdGenerator('3510992001', 'k2', () => 42);
    expect(a.next('request')).not.toBe(b.next('request'));
  });

  it('round-trips type, village and kiosk', () => {
    const id = createIdGenerator('3510992001', 'meja-2').next('ledger');
    expect(parseId(id)).toEqual({ type: 'ledger', villageCode: '3510992001', kioskId: 'meja-2' });
    expect(parseId('request:xyz:3510992001:k1')).toBeNull();
  });
});
