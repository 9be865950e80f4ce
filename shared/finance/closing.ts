// Closing a fiscal year (tutup buku): what the year leaves on the bank and in cash is carried into
// the next as its saldo awal, and a `year-closing` document records the balances, the taxes still
// held and the advances still outstanding. After it nothing is posted into the year (ledger.ts);
// a correction is a reversing entry in the open year.
import type { BudgetLineDoc, LedgerEntryDoc, YearClosingDoc } from '../documents/budget';
import { ledgerEntryDocSchema, yearClosingDocSchema } from '../documents/budget';
import { newDocument } from '../documents/base';
import type { FinanceContext, Result } from './budget';
import { formatRupiah } from './money';
import { yearEndBalances } from './treasury';

export function closeYear(
  year: number,
  state: {
    lines: readonly BudgetLineDoc[];
    entries: readonly LedgerEntryDoc[];
    closedYears: readonly number[];
    /** The next year's entries: its saldo awal must not be recorded already. */
    nextEntries: readonly LedgerEntryDoc[];
  },
  closedOn: string,
  by: string,
  ctx: FinanceContext,
): Result<{ closing: YearClosingDoc; openings: LedgerEntryDoc[] }> {
  if (state.closedYears.includes(year))
    return { ok: false, errors: { fiscalYear: `Tahun anggaran ${year} sudah ditutup.` } };
  if (!by.trim()) return { ok: false, errors: { by: 'Nama petugas wajib diisi.' } };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(closedOn) || closedOn < `${year}-12-31`)
    return {
      ok: false,
      errors: { closedOn: `Buku ${year} ditutup paling awal 31 Desember ${year}.` },
    };
  const reversed = new Set(state.nextEntries.map((e) => e.reverses));
  if (state.nextEntries.some((e) => e.kind === 'opening' && !reversed.has(e.id)))
    return {
      ok: false,
      errors: {
        fiscalYear: `Saldo awal ${year + 1} sudah dicatat; balik dahulu sebelum menutup ${year}.`,
      },
    };
  const balances = yearEndBalances(state.entries, state.lines);
  if (balances.bank < 0 || balances.tunai < 0)
    return {
      ok: false,
      errors: {
        amount: `Saldo akhir tidak boleh negatif (bank ${formatRupiah(balances.bank)}, tunai ${formatRupiah(balances.tunai)}).`,
      },
    };
  const now = ctx.now ? ctx.now() : new Date().toISOString();
  const closing = yearClosingDocSchema.parse({
    ...newDocument('year-closing', ctx, now),
    fiscalYear: year,
    closedOn,
    closedBy: by.trim(),
    ...balances,
  });
  const openings = (['bank', 'tunai'] as const)
    .filter((account) => balances[account] > 0)
    .map((account) =>
      ledgerEntryDocSchema.parse({
        ...newDocument('ledger', ctx, now),
        fiscalYear: year + 1,
        budgetLineId: '',
        kind: 'opening',
        date: `${year + 1}-01-01`,
        amount: balances[account],
        evidenceNumber: `SA-${year + 1}-${account.toUpperCase()}`,
        payee: '',
        description: `Saldo akhir ${year} (SiLPA) dibawa ke ${year + 1}`,
        recordedBy: by.trim(),
        reverses: null,
        cashAccount: account,
      }),
    );
  return { ok: true, value: { closing, openings } };
}
