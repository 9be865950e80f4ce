// The realisation ledger (buku kas): receipts on income and financing-in lines, payments (SPP LS,
// SPP UM advances, SPJ accounting for an advance) on spending and financing-out lines.
// Append-only: a mistake is corrected by a `reversal` that references the original.
// Paying beyond a line's remaining budget, or beyond the cash at hand, is refused unless an
// official overrides with a reason (recorded on the entry).
import type { BudgetLineDoc, LedgerEntryDoc, LedgerKind } from '../documents/budget';
import { ledgerEntryDocSchema } from '../documents/budget';
import { budgetInForce, lineKey, type FinanceContext, type Result } from './budget';
import { formatRupiah, sumRupiah } from './money';
import { accountClass } from './reference';
import { newDocument } from '../documents/base';

export interface LedgerEntryInput {
  budgetLineId: string;
  kind: Exclude<LedgerKind, 'reversal'>;
  date: string;
  amount: number;
  evidenceNumber: string;
  payee: string;
  description: string;
  /** For an SPJ: the advance it accounts for. */
  settles?: string | null;
  override?: { by: string; reason: string } | null;
}

export const KIND_LABELS: Record<LedgerKind, string> = {
  receipt: 'Penerimaan (TBP)',
  'payment-ls': 'Pembayaran SPP LS',
  'payment-um': 'Uang muka SPP UM',
  spj: 'SPJ uang muka',
  reversal: 'Pembalikan',
};

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

/** How an entry moves the cash at hand: receipts in, payments and advances out, SPJ none. */
function ownCash(kind: LedgerKind, amount: number): number {
  switch (kind) {
    case 'receipt':
      return amount;
    case 'payment-ls':
    case 'payment-um':
      return -amount;
    default:
      return 0;
  }
}

/** Each entry's effect on the cash at hand, a reversal undoing its original's. */
export function cashEffects(entries: readonly LedgerEntryDoc[]): Map<string, number> {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const effects = new Map<string, number>();
  for (const e of entries) {
    if (e.kind !== 'reversal') effects.set(e.id, ownCash(e.kind, e.amount));
    else {
      const original = e.reverses ? byId.get(e.reverses) : undefined;
      if (original && original.kind !== 'reversal')
        effects.set(e.id, -ownCash(original.kind, original.amount));
    }
  }
  return effects;
}

/** The cash book in its order (date, then when recorded), each entry with the balance after it. */
export function cashBook<E extends LedgerEntryDoc>(
  entries: readonly E[],
): { entry: E; cash: number; balance: number }[] {
  const effects = cashEffects(entries);
  const ordered = [...entries].sort(
    (a, b) => a.date.localeCompare(b.date) || a.createdAt.localeCompare(b.createdAt),
  );
  let balance = 0n;
  return ordered.map((entry) => {
    const cash = effects.get(entry.id) ?? 0;
    balance += BigInt(cash);
    return { entry, cash, balance: Number(balance) };
  });
}

/** The cash at hand after every entry of the year: what the treasurer can pay out now. */
export function cashAtHand(entries: readonly LedgerEntryDoc[]): number {
  return sumRupiah(cashEffects(entries).values());
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
  state: { lines: readonly BudgetLineDoc[]; entries: readonly LedgerEntryDoc[] },
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
  let settles: string | null = null;
  if (input.kind === 'spj') {
    const advance = state.entries.find((e) => e.id === input.settles && e.kind === 'payment-um');
    if (!advance) errors.settles = 'SPJ harus merujuk uang muka (SPP UM).';
    else {
      settles = advance.id;
      const reversed = state.entries.some((e) => e.reverses === advance.id);
      const accounted = sumRupiah(
        state.entries
          .filter((e) => e.kind === 'spj' && e.settles === advance.id)
          .filter((e) => !state.entries.some((r) => r.reverses === e.id))
          .map((e) => e.amount),
      );
      if (reversed || input.amount > advance.amount - accounted)
        errors.amount = 'SPJ melebihi sisa uang muka.';
      if (advance.budgetLineId !== line.id) errors.settles = 'SPJ harus pada baris uang mukanya.';
    }
  }
  let overrideBy = '';
  let overrideReason = '';
  if (!errors.amount && input.kind !== 'receipt' && input.kind !== 'spj') {
    // Beyond the line's budget or beyond the cash in the village's account: an official must
    // allow it, with a reason, and both are kept on the entry.
    const beyond: string[] = [];
    const remaining = remainingOnLine(line, state.lines, state.entries);
    if (input.amount > remaining) beyond.push(`sisa anggaran (sisa ${formatRupiah(remaining)})`);
    const cash = cashAtHand(state.entries.filter((e) => e.fiscalYear === line.fiscalYear));
    if (input.amount > cash) beyond.push(`kas yang tersedia (kas ${formatRupiah(cash)})`);
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
): Result<LedgerEntryDoc> {
  const original = entries.find((e) => e.id === entryId);
  if (!original) return { ok: false, errors: { reverses: 'Entri tidak ditemukan.' } };
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
    }),
  };
}
