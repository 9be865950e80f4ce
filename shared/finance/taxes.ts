// Taxes the village treasurer withholds and deposits (Buku Pembantu Pajak), with their rates as
// reference data: shipped here, updated by the regency through `reference` documents of kind
// `tax` (a rate in basis points), laid over by `applyTaxUpdates` (called by `applyReferenceUpdates`). A tax is withheld from the
// gross amount of an SPP LS payment, rounded half up to the rupiah.
import type { TaxLine } from '../documents/budget';

export interface TaxRate {
  code: string;
  name: string;
  /** Basis points of the base: 1100 = 11%. */
  rate: number;
  active: boolean;
}

/**
 * The shipped rates. PPN: 12% on a base of 11/12 of the price (PMK 131/2024), i.e. 11% of the
 * price; PPh 21 5% (the lowest progressive bracket for a non-employee's fee), PPh 22 1,5%
 * (purchases by a government treasurer), PPh 23 2% (services), pajak daerah 10% (PBJT on food and
 * lodging, the common case at a village).
 */
const SHIPPED: TaxRate[] = [
  { code: 'PPN', name: 'Pajak Pertambahan Nilai', rate: 1100, active: true },
  { code: 'PPH21', name: 'PPh Pasal 21', rate: 500, active: true },
  { code: 'PPH22', name: 'PPh Pasal 22', rate: 150, active: true },
  { code: 'PPH23', name: 'PPh Pasal 23', rate: 200, active: true },
  { code: 'PD', name: 'Pajak Daerah', rate: 1000, active: true },
];

let rates = new Map(SHIPPED.map((t) => [t.code, t]));

/** Rebuild the rates: the shipped ones with the regency's updates over them, in time order. */
export function applyTaxUpdates(
  updates: readonly { code: string; name: string; rate?: number | null; active: boolean }[],
): void {
  rates = new Map(SHIPPED.map((t) => [t.code, t]));
  for (const u of updates) {
    const known = rates.get(u.code);
    rates.set(u.code, {
      code: u.code,
      name: u.name || known?.name || u.code,
      rate: u.rate ?? known?.rate ?? 0,
      active: u.active,
    });
  }
}

/** The taxes a payment may withhold now, in the shipped order then the regency's. */
export function taxChoices(): TaxRate[] {
  return [...rates.values()].filter((t) => t.active);
}

export function taxName(code: string): string {
  return rates.get(code)?.name ?? code;
}

/** `base × rate / 10000`, rounded half up to the rupiah, in BigInt. */
export function withheld(base: number, rate: number): number {
  return Number((BigInt(base) * BigInt(rate) * 2n + 10000n) / 20000n);
}

/** The tax lines for `codes` on a payment of `base`, or the unknown code. */
export function taxLines(codes: readonly string[], base: number): TaxLine[] | { unknown: string } {
  const lines: TaxLine[] = [];
  for (const code of codes) {
    const t = rates.get(code);
    if (!t || !t.active) return { unknown: code };
    lines.push({ code, rate: t.rate, base, amount: withheld(base, t.rate) });
  }
  return lines;
}
