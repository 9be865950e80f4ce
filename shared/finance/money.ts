// Whole-rupiah arithmetic (docs/PRINCIPLES.md §7). Sums run in BigInt and come back as safe integers;
// percentages are integer basis points (1/100 of a percent), rounded half up, never floats.

export type Rupiah = number;

export function assertRupiah(value: number, what = 'amount'): Rupiah {
  if (!Number.isSafeInteger(value)) throw new Error(`${what} must be whole rupiah (${value}).`);
  return value;
}

function toSafe(total: bigint): Rupiah {
  if (total > BigInt(Number.MAX_SAFE_INTEGER) || total < -BigInt(Number.MAX_SAFE_INTEGER))
    throw new Error('Rupiah total out of range.');
  return Number(total);
}

export function sumRupiah(values: Iterable<number>): Rupiah {
  let total = 0n;
  for (const v of values) total += BigInt(assertRupiah(v));
  return toSafe(total);
}

export function mulRupiah(volume: number, unitPrice: number): Rupiah {
  return toSafe(BigInt(assertRupiah(volume, 'volume')) * BigInt(assertRupiah(unitPrice)));
}

/** part / whole in basis points, rounded half away from zero; 0 when whole is 0. */
export function basisPoints(part: number, whole: number): number {
  if (whole === 0) return 0;
  const p = BigInt(assertRupiah(part)) * 10000n;
  const w = BigInt(assertRupiah(whole));
  const negative = p < 0n !== w < 0n;
  const ap = p < 0n ? -p : p;
  const aw = w < 0n ? -w : w;
  const q = (ap * 2n + aw) / (aw * 2n);
  return Number(negative ? -q : q);
}

/** 1234 → "12,34%" (Indonesian decimal comma). */
export function formatBasisPoints(bp: number): string {
  const sign = bp < 0 ? '-' : '';
  const abs = Math.abs(bp);
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}%`;
}

const rupiahFormat = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });

/** 1500000 → "Rp1.500.000" */
export function formatRupiah(value: number): string {
  const text = rupiahFormat.format(Math.abs(value));
  return `${value < 0 ? '-' : ''}Rp${text}`;
}

/** Parse "1.500.000", "1500000" or "Rp 1.500.000" into whole rupiah; null if not whole rupiah. */
export function parseRupiah(text: string): Rupiah | null {
  const cleaned = text.replace(/^\s*Rp\.?\s*/i, '').replace(/[.\s]/g, '');
  if (!/^-?\d{1,16}$/.test(cleaned)) return null;
  const value = Number(cleaned);
  return Number.isSafeInteger(value) ? value : null;
}
