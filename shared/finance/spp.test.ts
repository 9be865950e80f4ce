// The SPP: numbered per kiosk and year so two kiosks never collide, its stages only in order, its
// content fixed once drawn up (the kiosk's rule and the regency's are one), the amount in words.
import { describe, expect, it } from 'vitest';
import type { BudgetLineDoc, SppDoc } from '../documents/budget';
import { createIdGenerator } from '../ids';
import { adoptBudget, createBudgetLine, type FinanceContext } from './budget';
import { recordEntry } from './ledger';
import { financeWriteRefusal } from './rules';
import { advanceSpp, amountInWords, drawUpSpp } from './spp';

const code = '3510992001';
const ctxOf = (kioskId: string): FinanceContext => {
  let t = Date.UTC(2026, 0, 1);
  return { villageCode: code, kioskId, ids: createIdGenerator(code, kioskId, () => t++) };
};
function must<T>(r: { ok: true; value: T } | { ok: false; errors: Record<string, string> }): T {
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

const k1 = ctxOf('k1');
const draft: BudgetLineDoc[] = [];
for (const [kegiatanCode, accountCode, fundingSource] of [
  ['', '4.2.1', 'DDS'],
  ['02.03.01.', '5.3.5', 'DDS'],
] as const)
  draft.push(
    must(
      createBudgetLine(
        {
          fiscalYear: 2026,
          kegiatanCode,
          accountCode,
          fundingSource,
          description: 'x',
          amount: 500_000_000,
        },
        draft,
        k1,
      ),
    ),
  );
const lines = must(adoptBudget(draft, 2026, k1));
const input = {
  sppKind: 'LS' as const,
  budgetLineId: lines[1]!.id,
  date: '2026-03-01',
  amount: 111_000_000,
  payee: 'CV Maju',
  description: 'Semen dan besi',
  cashAccount: 'bank' as const,
  taxCodes: ['PPN', 'PPH22'],
};

describe('the SPP', () => {
  it('numbers a line of serials per kiosk: two kiosks offline never give one number twice', () => {
    const spps: SppDoc[] = [];
    for (const c of [k1, ctxOf('k2'), k1, ctxOf('k2')])
      spps.push(must(drawUpSpp(input, { lines, entries: [], spps }, 'Kasi Pembangunan', c)));
    expect(spps.map((s) => s.number)).toEqual([
      '001/SPP/K1/35.10.99.2001/2026',
      '001/SPP/K2/35.10.99.2001/2026',
      '002/SPP/K1/35.10.99.2001/2026',
      '002/SPP/K2/35.10.99.2001/2026',
    ]);
    expect(spps[0]!.taxes.map((t) => t.amount)).toEqual([12_210_000, 1_665_000]);
  });

  it('goes through its stages in order, each appended, paid only with its Buku Kas entry', () => {
    const spp = must(drawUpSpp(input, { lines, entries: [], spps: [] }, 'Kasi', k1));
    expect(advanceSpp(spp, 'approved', 'Kades', '2026-03-02T00:00:00Z')).toEqual({
      ok: false,
      errors: {
        stage: `SPP ${spp.number} belum sampai tahap itu; berikutnya: Diverifikasi sekretaris.`,
      },
    });
    const checked = must(advanceSpp(spp, 'checked', 'Sekdes', '2026-03-02T00:00:00Z'));
    const approved = must(advanceSpp(checked, 'approved', 'Kades', '2026-03-02T01:00:00Z'));
    expect(advanceSpp(approved, 'paid', 'Bendahara', '2026-03-03T00:00:00Z').ok).toBe(false);
    const receipt = must(
      recordEntry(
        {
          budgetLineId: lines[0]!.id,
          kind: 'receipt',
          date: '2026-02-01',
          amount: 200_000_000,
          evidenceNumber: 'TBP-1',
          payee: '',
          description: '',
        },
        { lines, entries: [] },
        'Bendahara',
        k1,
      ),
    );
    const entry = must(
      recordEntry(
        {
          budgetLineId: spp.budgetLineId,
          kind: 'payment-ls',
          date: '2026-03-03',
          amount: spp.amount,
          evidenceNumber: spp.number,
          payee: spp.payee,
          description: '',
          taxCodes: ['PPN', 'PPH22'],
          sppId: spp.id,
        },
        { lines, entries: [receipt] },
        'Bendahara',
        k1,
      ),
    );
    const paid = must(advanceSpp(approved, 'paid', 'Bendahara', '2026-03-03T00:00:00Z', entry));
    expect(paid.stages.map((s) => s.stage)).toEqual(['drawn', 'checked', 'approved', 'paid']);
    expect(paid.stages[3]!.entryId).toBe(entry.id);
    // The kiosk's rule (the regency's is generated from the same constants).
    expect(financeWriteRefusal(checked, spp)).toBeNull();
    expect(financeWriteRefusal(approved, spp)).toBe('sppStages'); // two stages at once
    expect(financeWriteRefusal({ ...checked, amount: 1 }, spp)).toBe('sppStages');
    expect(financeWriteRefusal(spp, checked)).toBe('sppStages'); // a stage taken away
  });

  it('writes the amount in words', () => {
    expect(amountInWords(111_000_000)).toBe('Seratus sebelas juta rupiah');
    expect(amountInWords(1_250_500)).toBe('Satu juta dua ratus lima puluh ribu lima ratus rupiah');
  });
});
