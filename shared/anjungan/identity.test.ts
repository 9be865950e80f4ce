import { describe, expect, it } from 'vitest';
import { lockDuration } from '../lockout';
import {
  cardUidSchema,
  chosenPinSchema,
  isObviousPin,
  RESIDENT_LOCKOUT,
  residentMay,
  residentPinSchema,
  residentRefusal,
} from './identity';
import { receiptMarkdown } from './receipt';

describe("a resident's PIN", () => {
  it('is 6 to 12 digits', () => {
    expect(residentPinSchema.safeParse('482913').success).toBe(true);
    expect(residentPinSchema.safeParse('48291').error?.issues[0]?.message).toBe(
      'PIN minimal 6 angka.',
    );
    expect(residentPinSchema.safeParse('48291a').error?.issues[0]?.message).toBe(
      'PIN hanya berisi angka.',
    );
    expect(residentPinSchema.safeParse('4829134829134').success).toBe(false);
  });

  it('chosen at first use, is not one a stranger tries first', () => {
    for (const pin of ['111111', '123456', '987654', '0123456789']) {
      expect(isObviousPin(pin), pin).toBe(true);
      expect(chosenPinSchema.safeParse(pin).success, pin).toBe(false);
    }
    expect(chosenPinSchema.safeParse('583920').success).toBe(true);
  });
});

describe("an e-KTP card's UID as the reader types it", () => {
  it('is 10 to 17 digits', () => {
    expect(cardUidSchema.safeParse('1234567890').success).toBe(true);
    expect(cardUidSchema.safeParse('12345678901234567').success).toBe(true);
    expect(cardUidSchema.safeParse('123456789').success).toBe(false);
    expect(cardUidSchema.safeParse('123456789012345678').success).toBe(false);
    expect(cardUidSchema.safeParse('04A1B2C3D4').error?.issues[0]?.message).toBe(
      'Nomor kartu e-KTP harus 10–17 angka.',
    );
  });
});

describe('what a resident may do', () => {
  it('with a card alone: a queue number and status, never a request', () => {
    expect(residentMay('card', 'queue.take')).toBe(true);
    expect(residentMay('card', 'status.view')).toBe(true);
    expect(residentMay('card', 'request.create')).toBe(false);
    expect(residentRefusal('card', 'request.create')).toMatch(/masuk dengan NIK dan PIN/);
  });

  it('with NIK and PIN: all of it', () => {
    expect(residentMay('pin', 'request.create')).toBe(true);
    expect(residentRefusal('pin', 'request.create')).toBeNull();
  });
});

describe("a resident's lock after wrong PINs", () => {
  it('waits longer with each failure past the free ones, up to an hour', () => {
    const waits = [1, 2, 3, 4, 5, 10, 20].map((f) => lockDuration(RESIDENT_LOCKOUT, f));
    expect(waits).toEqual([0, 0, 60_000, 120_000, 240_000, 3_600_000, 3_600_000]);
  });
});

describe('a thermal receipt', () => {
  it('prints the queue number at the largest size, then cuts', () => {
    const text = receiptMarkdown({
      kind: 'queue',
      villageName: 'Sukamaju',
      number: '007',
      counter: 'K1',
      ticket: '031226-007-K1',
      issuedAt: '03-12-2026 10:00',
    });
    expect(text.split('\n')).toContain('^^^^007');
    expect(text.endsWith('\n=')).toBe(true);
  });

  it("escapes a name's markup characters", () => {
    const text = receiptMarkdown({
      kind: 'request',
      villageName: 'Sukamaju',
      residentName: 'Siti | ^Aminah',
      letterName: 'Surat Keterangan Domisili',
      reference: 'request:x',
      issuedAt: '03-12-2026 10:00',
    });
    expect(text).toContain('Pemohon: Siti \\| \\^Aminah');
  });
});
