// The realisation ledger (buku kas): receipts on income and financing-in lines, payments (SPP LS,
// SPP UM advances, SPJ accounting for an advance) on spending and financing-out lines.
// Append-only: a mistake is corrected by a `reversal` that references the original.
// Paying beyond a line's remaining budget, or beyond the bank or cash balance on its date, is
// refused unless an official overrides with a reason (recorded on the entry). The treasurer's own
// moves (saldo awal, mutasi kas, tax deposits) are `recordTreasuryMove`; a closed year takes nothing.
import type { BudgetLineDoc, CashAccount, LedgerEntryDoc, LedgerKind } from '../documents/budget';
import { ledgerEntryDocSchema } from '../documents/budget';
import { budgetInForce, lineKey, type FinanceContext, type Result } from './budget';
import { formatRupiah, sumRupiah } from './money';
import { accountClass } from './reference';
import { taxLines, taxName } from './taxes';
import { availableOn, taxesHeld } from './treasury';
import { newDocument } from '../documents/base';

/** The entries made against a budget line; the treasurer's own moves are `TreasuryMoveInput`. */
export type LineEntryKind = 'receipt' | 'payment-ls' | 'payment-um' | 'spj' | 'advance-return';

export interface LedgerEntryInput {
  budgetLineId: string;
  kind: LineEntryKind;
  date: string;
  amount: number;
  evidenceNumber: string;
  payee: string;
  description: string;
  /** For an SPJ: the advance it accounts for. */
  settles?: string | null;
  override?: { by: string; reason: string } | null;
  /** Bank (the default) or tunai. */
  cashAccount?: CashAccount;
  /** For an SPP LS payment: the taxes withheld from it, by code (rates from shared/finance/taxes). */
  taxCodes?: readonly string[];
  /** The SPP this payment pays. */
  sppId?: string;
}

/** The state a new entry is checked against. */
export interface LedgerState {
  lines: readonly BudgetLineDoc[];
  entries: readonly LedgerEntryDoc[];
  /** Fiscal years closed (tutup buku): nothing more is posted into them. */
  closedYears?: readonly number[];
}

export const KIND_LABELS: Record<LedgerKind, string> = {
  receipt: 'Penerimaan (TBP)',
  'payment-ls': 'Pembayaran SPP LS',
  'payment-um': 'Uang muka SPP UM',
  spj: 'SPJ uang muka',
  reversal: 'Pembalikan',
  opening: 'Saldo awal',
  'deposit-bank': 'Setor tunai ke bank',
  'withdraw-cash': 'Tarik tunai',
  'advance-return': 'Pengembalian sisa panjar',
  'tax-deposit': 'Setoran pajak (STS)',
};

export const ACCOUNT_WORDS: Record<CashAccount, string> = { bank: 'bank', tunai: 'kas tunai' };

/** Why nothing may be posted into `year`, or null. */
export function closedYearRefusal(year: number, state: Pick<LedgerState, 'closedYears'>) {
  return state.closedYears?.includes(year)
    ? `Tahun anggaran ${year} sudah ditutup; catat koreksi di tahun yang masih terbuka.`
    : null;
}

/** What of `advance` is not yet accounted for by live SPJs or returned, or null if not an advance. */
export function advanceOutstanding(
  advanceId: string | null | undefined,
  entries: readonly LedgerEntryDoc[],
): { advance: LedgerEntryDoc; outstanding: number } | null {
  const advance = entries.find((e) => e.id === advanceId && e.kind === 'payment-um');
  if (!advance) return null;
  if (entries.some((e) => e.reverses === advance.id)) return { advance, outstanding: 0 };
  const settled = sumRupiah(
    entries
      .filter((e) => (e.kind === 'spj' || e.kind === 'advance-return') && e.settles === advance.id)
      .filter((e) => !entries.some((r) => r.reverses === e.id))
      .map((e) => e.amount),
  );
  return { advance, outstanding: advance.amount - settled };
}

/** How an entry moves a line: realised (LRA) and outstanding advances. */
export interface Effect {
  realised: number;
  advance: number;
}

function ownEffect(kind: LedgerKind, amount: number): Effect {
  switch (kind) {
    case 'receipt':
    case 'payment-ls':
      return { realised: amount, advance: 0 };
    case 'payment-um':
      return { realised: 0, advance: amount };
    case 'spj':
      return { realised: amount, advance: -amount };
    case 'advance-return':
      return { realised: 0, advance: -amount };
    default:
      return { realised: 0, advance: 0 };
  }
}

/** Each entry's effect, a reversal taking the negative of the entry it cancels. */
export function entryEffects(entries: readonly LedgerEntryDoc[]): Map<string, Effect> {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const effects = new Map<string, Effect>();
  for (const e of entries) {
    if (e.kind === 'reversal') {
      const original = e.reverses ? byId.get(e.reverses) : undefined;
      if (!original || original.kind === 'reversal') continue;
      const o = ownEffect(original.kind, original.amount);
      effects.set(e.id, { realised: -o.realised, advance: -o.advance });
    } else {
      effects.set(e.id, ownEffect(e.kind, e.amount));
    }
  }
  return effects;
}

/** What is committed against a line key: realised plus advances not yet accounted for. */
export function committedByKey(
  lines: readonly BudgetLineDoc[],
  entries: readonly LedgerEntryDoc[],
): Map<string, number> {
  const keyOf = new Map(lines.map((l) => [l.id, lineKey(l)]));
  const effects = entryEffects(entries);
  const parts = new Map<string, number[]>();
  for (const e of entries) {
    const key = keyOf.get(e.budgetLineId);
    const effect = effects.get(e.id);
    if (!key || !effect) continue;
    const list = parts.get(key) ?? [];
    list.push(effect.realised, effect.advance);
    parts.set(key, list);
  }
  return new Map([...parts].map(([k, v]) => [k, sumRupiah(v)]));
}

/** The line's budget in force minus what is committed on it. */
export function remainingOnLine(
  line: BudgetLineDoc,
  lines: readonly BudgetLineDoc[],
  entries: readonly LedgerEntryDoc[],
): number {
  const inForce = budgetInForce(lines, line.fiscalYear);
  const key = lineKey(line);
  const budget = sumRupiah(inForce.lines.filter((l) => lineKey(l) === key).map((l) => l.amount));
  return budget - (committedByKey(lines, entries).get(key) ?? 0);
}

function base(ctx: FinanceContext, fiscalYear: number) {
  const now = ctx.now ? ctx.now() : new Date().toISOString();
  return {
    ...newDocument('ledger', ctx, now),
    fiscalYear,
  };
}

/** A new receipt or payment, or the reasons it is refused. */
export function recordEntry(
  input: LedgerEntryInput,
  state: LedgerState,
  recordedBy: string,
  ctx: FinanceContext,
): Result<LedgerEntryDoc> {
  const errors: Record<string, string> = {};
  const line = state.lines.find((l) => l.id === input.budgetLineId);
  if (!line) return { ok: false, errors: { budgetLineId: 'Pilih baris anggaran.' } };
  const inForce = budgetInForce(state.lines, line.fiscalYear);
  if (!inForce.adopted || !inForce.lines.some((l) => l.id === line.id))
    errors.budgetLineId = 'Realisasi hanya pada baris APBDes yang berlaku (sudah ditetapkan).';
  const cls = accountClass(line.accountCode);
  const isIn = cls === 'income' || cls === 'financing-in';
  if (input.kind === 'receipt' && !isIn)
    errors.kind = 'Penerimaan hanya pada rekening pendapatan atau penerimaan pembiayaan.';
  if (input.kind !== 'receipt' && isIn)
    errors.kind = 'Pembayaran hanya pada rekening belanja atau pengeluaran pembiayaan.';
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0)
    errors.amount = 'Jumlah harus rupiah bulat lebih dari nol.';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.date) || Number(input.date.slice(0, 4)) !== line.fiscalYear)
    errors.date = `Tanggal harus di tahun anggaran ${line.fiscalYear}.`;
  if (!input.evidenceNumber.trim()) errors.evidenceNumber = 'Nomor bukti wajib diisi.';
  if (input.kind !== 'receipt' && !input.payee.trim()) errors.payee = 'Penerima wajib diisi.';
  if (!recordedBy.trim()) errors.recordedBy = 'Petugas pencatat wajib diisi.';
  const closed = closedYearRefusal(line.fiscalYear, state);
  if (closed) errors.fiscalYear = closed;
  const cashAccount = input.cashAccount ?? 'bank';
  let settles: string | null = null;
  if (input.kind === 'spj' || input.kind === 'advance-return') {
    const what = input.kind === 'spj' ? 'SPJ' : 'Pengembalian sisa panjar';
    const found = advanceOutstanding(input.settles, state.entries);
    if (!found) errors.settles = `${what} harus merujuk uang muka (SPP UM).`;
    else {
      settles = found.advance.id;
      if (input.amount > found.outstanding)
        errors.amount = `${what} melebihi sisa uang muka (sisa ${formatRupiah(found.outstanding)}).`;
      if (found.advance.budgetLineId !== line.id)
        errors.settles = `${what} harus pada baris uang mukanya.`;
    }
  }
  const codes = input.taxCodes ?? [];
  const taxes = codes.length > 0 ? taxLines(codes, input.amount) : [];
  if (!Array.isArray(taxes))
    errors.taxes = `Pajak ${taxes.unknown} tidak dikenal atau tidak berlaku.`;
  else if (taxes.length > 0 && input.kind !== 'payment-ls')
    errors.taxes = 'Potongan pajak hanya pada pembayaran SPP LS.';
  else if (!errors.amount && sumRupiah(taxes.map((t) => t.amount)) >= input.amount)
    errors.taxes = 'Potongan pajak tidak boleh sebesar atau melebihi pembayaran.';
  let overrideBy = '';
  let overrideReason = '';
  if (
    !errors.amount &&
    !errors.date &&
    Array.isArray(taxes) &&
    (input.kind === 'payment-ls' || input.kind === 'payment-um')
  ) {
    // Beyond the line's budget or beyond the bank or cash balance on that date: an official must
    // allow it, with a reason, and both are kept on the entry.
    const beyond: string[] = [];
    const remaining = remainingOnLine(line, state.lines, state.entries);
    if (input.amount > remaining) beyond.push(`sisa anggaran (sisa ${formatRupiah(remaining)})`);
    const available = availableOn(
      state.entries.filter((e) => e.fiscalYear === line.fiscalYear),
      cashAccount,
      input.date,
    );
    const outflow = input.amount - sumRupiah(taxes.map((t) => t.amount));
    if (outflow > available)
      beyond.push(
        `saldo ${ACCOUNT_WORDS[cashAccount]} pada tanggal itu (saldo ${formatRupiah(available)})`,
      );
    if (beyond.length > 0) {
      const o = input.override;
      if (!o || !o.by.trim() || o.reason.trim().length < 10)
        errors.amount = `Melebihi ${beyond.join(' dan ')}; perlu persetujuan pejabat dengan alasan.`;
      else {
        overrideBy = o.by.trim();
        overrideReason = o.reason.trim();
      }
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: ledgerEntryDocSchema.parse({
      ...base(ctx, line.fiscalYear),
      budgetLineId: line.id,
      kind: input.kind,
      date: input.date,
      amount: input.amount,
      evidenceNumber: input.evidenceNumber.trim(),
      payee: input.payee.trim(),
      description: input.description.trim(),
      recordedBy: recordedBy.trim(),
      reverses: null,
      settles,
      overrideBy,
      overrideReason,
      cashAccount,
      taxes: Array.isArray(taxes) ? taxes : [],
      taxCode: '',
      sppId: input.sppId ?? '',
    }),
  };
}

/** A reversal of `entryId`: same line and amount, counted the other way, dated `date`. */
export function reverseEntry(
  entryId: string,
  reason: string,
  date: string,
  entries: readonly LedgerEntryDoc[],
  recordedBy: string,
  ctx: FinanceContext,
  closedYears: readonly number[] = [],
): Result<LedgerEntryDoc> {
  const original = entries.find((e) => e.id === entryId);
  if (!original) return { ok: false, errors: { reverses: 'Entri tidak ditemukan.' } };
  const closed = closedYearRefusal(original.fiscalYear, { closedYears });
  if (closed) return { ok: false, errors: { fiscalYear: closed } };
  if (original.kind === 'reversal')
    return { ok: false, errors: { reverses: 'Pembalikan tidak dapat dibalik lagi.' } };
  if (entries.some((e) => e.reverses === entryId))
    return { ok: false, errors: { reverses: 'Entri ini sudah dibalik.' } };
  if (
    original.kind === 'payment-um' &&
    entries.some((e) => e.settles === entryId && !entries.some((r) => r.reverses === e.id))
  )
    return { ok: false, errors: { reverses: 'Balik dahulu SPJ atas uang muka ini.' } };
  if (!reason.trim())
    return { ok: false, errors: { description: 'Alasan pembalikan wajib diisi.' } };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number(date.slice(0, 4)) !== original.fiscalYear)
    return {
      ok: false,
      errors: { date: `Tanggal harus di tahun anggaran ${original.fiscalYear}.` },
    };
  if (!recordedBy.trim())
    return { ok: false, errors: { recordedBy: 'Petugas pencatat wajib diisi.' } };
  return {
    ok: true,
    value: ledgerEntryDocSchema.parse({
      ...base(ctx, original.fiscalYear),
      budgetLineId: original.budgetLineId,
      kind: 'reversal',
      date,
      amount: original.amount,
      evidenceNumber: original.evidenceNumber,
      payee: original.payee,
      description: reason.trim(),
      recordedBy: recordedBy.trim(),
      reverses: original.id,
      settles: null,
      overrideBy: '',
      overrideReason: '',
      cashAccount: original.cashAccount,
    }),
  };
}

/** The treasurer's own moves: saldo awal, mutasi kas both ways, the deposit of a withheld tax. */
export interface TreasuryMoveInput {
  kind: 'opening' | 'deposit-bank' | 'withdraw-cash' | 'tax-deposit';
  fiscalYear: number;
  date: string;
  amount: number;
  /** For saldo awal and a tax deposit: the account (a transfer's accounts follow its kind). */
  cashAccount?: CashAccount;
  evidenceNumber: string;
  description: string;
  /** For a tax deposit: the tax deposited. */
  taxCode?: string;
}

/** A new saldo awal, mutasi kas or tax deposit, or the reasons it is refused. */
export function recordTreasuryMove(
  input: TreasuryMoveInput,
  state: LedgerState,
  recordedBy: string,
  ctx: FinanceContext,
): Result<LedgerEntryDoc> {
  const errors: Record<string, string> = {};
  const year = input.fiscalYear;
  const ofYear = state.entries.filter((e) => e.fiscalYear === year);
  const cashAccount: CashAccount =
    input.kind === 'deposit-bank'
      ? 'tunai'
      : input.kind === 'withdraw-cash'
        ? 'bank'
        : (input.cashAccount ?? 'bank');
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0)
    errors.amount = 'Jumlah harus rupiah bulat lebih dari nol.';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.date) || Number(input.date.slice(0, 4)) !== year)
    errors.date = `Tanggal harus di tahun anggaran ${year}.`;
  if (!input.evidenceNumber.trim()) errors.evidenceNumber = 'Nomor bukti wajib diisi.';
  if (!recordedBy.trim()) errors.recordedBy = 'Petugas pencatat wajib diisi.';
  const closed = closedYearRefusal(year, state);
  if (closed) errors.fiscalYear = closed;
  const reversed = new Set(ofYear.map((e) => e.reverses));
  if (
    input.kind === 'opening' &&
    ofYear.some((e) => e.kind === 'opening' && e.cashAccount === cashAccount && !reversed.has(e.id))
  )
    errors.kind = `Saldo awal ${ACCOUNT_WORDS[cashAccount]} tahun ${year} sudah dicatat.`;
  const taxCode = input.kind === 'tax-deposit' ? (input.taxCode ?? '') : '';
  if (input.kind === 'tax-deposit' && !errors.amount) {
    const held = taxesHeld(ofYear)[taxCode] ?? 0;
    if (!taxCode) errors.taxCode = 'Pilih pajak yang disetor.';
    else if (input.amount > held)
      errors.amount = `Setoran melebihi pajak ${taxName(taxCode)} yang dipungut (${formatRupiah(held)}).`;
  }
  if (input.kind !== 'opening' && !errors.amount && !errors.date) {
    // Money that is not there cannot leave: no override for the treasurer's own moves.
    const available = availableOn(ofYear, cashAccount, input.date);
    if (input.amount > available)
      errors.amount = `Melebihi saldo ${ACCOUNT_WORDS[cashAccount]} pada tanggal itu (saldo ${formatRupiah(available)}).`;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: ledgerEntryDocSchema.parse({
      ...base(ctx, year),
      budgetLineId: '',
      kind: input.kind,
      date: input.date,
      amount: input.amount,
      evidenceNumber: input.evidenceNumber.trim(),
      payee: '',
      description: input.description.trim(),
      recordedBy: recordedBy.trim(),
      reverses: null,
      cashAccount,
      taxCode,
    }),
  };
}
