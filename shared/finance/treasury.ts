// The treasurer's books (Permendagri 20/2018) as pure computations over the append-only ledger:
// how each entry moves the bank account, the cash box and the taxes held; the Buku Kas Umum and
// its two subsidiary books (bank, tunai) with running balances; the Buku Pembantu Pajak; the
// Buku Pembantu Panjar with what is outstanding per kegiatan; and the balance available on an
// account at a date, which a payment may not exceed (decision 0024). Sums run in BigInt.
import type { BudgetLineDoc, CashAccount, LedgerEntryDoc, LedgerKind } from '../documents/budget';
import { sumRupiah } from './money';
import { taxName } from './taxes';

/** One line of a book: what an entry (or one half of it) moved. */
export interface MoveRow {
  entry: LedgerEntryDoc;
  /** Words for the line; the entry's own description follows on screen. */
  label: string;
  bank: number;
  tunai: number;
  /** Tax held after this line changes, per tax code. */
  taxes: Record<string, number>;
  /** A transfer between the treasurer's own accounts (mutasi kas): in and out at once. */
  transfer: boolean;
}

export const MOVE_LABELS: Record<LedgerKind, string> = {
  opening: 'Saldo awal',
  receipt: 'Penerimaan',
  'payment-ls': 'Pembayaran SPP LS',
  'payment-um': 'Panjar kegiatan (SPP UM)',
  spj: 'SPJ panjar',
  'advance-return': 'Pengembalian sisa panjar',
  'deposit-bank': 'Setor tunai ke bank',
  'withdraw-cash': 'Tarik tunai dari bank',
  'tax-deposit': 'Setoran pajak',
  reversal: 'Koreksi (pembalikan)',
};

const on = (account: CashAccount, amount: number) =>
  account === 'bank' ? { bank: amount, tunai: 0 } : { bank: 0, tunai: amount };

/** The rows an entry (not a reversal) makes, before any reversal is applied. */
function ownRows(e: LedgerEntryDoc): Omit<MoveRow, 'entry'>[] {
  const row = (part: { bank: number; tunai: number }, taxes: Record<string, number> = {}) => ({
    label: MOVE_LABELS[e.kind],
    ...part,
    taxes,
    transfer: false,
  });
  switch (e.kind) {
    case 'opening':
    case 'receipt':
    case 'advance-return':
      return [row(on(e.cashAccount, e.amount))];
    case 'payment-um':
      return [row(on(e.cashAccount, -e.amount))];
    case 'spj':
      // Moves no money (the panjar already left), but stands in the BKU as the treasurer's record.
      return [row({ bank: 0, tunai: 0 })];
    case 'payment-ls': {
      const rows = [row(on(e.cashAccount, -e.amount))];
      if (e.taxes.length > 0) {
        const held = Object.fromEntries(e.taxes.map((t) => [t.code, t.amount]));
        rows.push({
          ...row(on(e.cashAccount, sumRupiah(e.taxes.map((t) => t.amount))), held),
          label: `Potongan pajak: ${e.taxes.map((t) => taxName(t.code)).join(', ')}`,
        });
      }
      return rows;
    }
    case 'tax-deposit':
      return [row(on(e.cashAccount, -e.amount), { [e.taxCode]: -e.amount })];
    case 'deposit-bank':
      return [{ ...row({ bank: e.amount, tunai: -e.amount }), transfer: true }];
    case 'withdraw-cash':
      return [{ ...row({ bank: -e.amount, tunai: e.amount }), transfer: true }];
    default:
      return [];
  }
}

/** The rows one entry makes; a reversal undoes its original's (nothing if it has none). */
function rowsOf(entry: LedgerEntryDoc, byId: ReadonlyMap<string, LedgerEntryDoc>): MoveRow[] {
  if (entry.kind !== 'reversal') return ownRows(entry).map((r) => ({ entry, ...r }));
  const original = entry.reverses ? byId.get(entry.reverses) : undefined;
  if (!original || original.kind === 'reversal') return [];
  return ownRows(original).map((r) => ({
    entry,
    label: `${MOVE_LABELS.reversal}: ${r.label}`,
    bank: -r.bank,
    tunai: -r.tunai,
    taxes: Object.fromEntries(Object.entries(r.taxes).map(([k, v]) => [k, -v])),
    transfer: r.transfer,
  }));
}

const bookOrder = (a: LedgerEntryDoc, b: LedgerEntryDoc) =>
  a.date.localeCompare(b.date) ||
  a.createdAt.localeCompare(b.createdAt) ||
  a.id.localeCompare(b.id);

/** Every entry's rows in book order (date, then when recorded), a reversal undoing its original. */
export function moveRows(entries: readonly LedgerEntryDoc[]): MoveRow[] {
  const byId = new Map(entries.map((e) => [e.id, e]));
  return [...entries].sort(bookOrder).flatMap((e) => rowsOf(e, byId));
}

export type BookName = 'umum' | 'bank' | 'tunai';

export interface BookLine {
  entry: LedgerEntryDoc;
  label: string;
  in: number;
  out: number;
  balance: number;
}

export interface Book {
  lines: BookLine[];
  totalIn: number;
  totalOut: number;
  balance: number;
}

/**
 * The Buku Kas Umum (bank and cash together; a transfer shows as in and out) or one subsidiary
 * book (only the lines that touch that account), each line with the balance after it.
 */
export function treasuryBook(entries: readonly LedgerEntryDoc[], name: BookName): Book {
  let balance = 0n;
  let totalIn = 0n;
  let totalOut = 0n;
  const lines: BookLine[] = [];
  for (const r of moveRows(entries)) {
    const delta = name === 'umum' ? r.bank + r.tunai : r[name];
    let inn: number;
    let out: number;
    if (name === 'umum' && r.transfer) {
      const moved = Math.abs(r.bank);
      [inn, out] = [moved, moved];
    } else {
      if (delta === 0 && name !== 'umum') continue;
      [inn, out] = delta >= 0 ? [delta, 0] : [0, -delta];
    }
    balance += BigInt(delta);
    totalIn += BigInt(inn);
    totalOut += BigInt(out);
    lines.push({ entry: r.entry, label: r.label, in: inn, out, balance: Number(balance) });
  }
  return {
    lines,
    totalIn: Number(totalIn),
    totalOut: Number(totalOut),
    balance: Number(balance),
  };
}

/**
 * What may leave `account` on `date`: the balance after every entry up to that date, and never
 * more than the lowest balance any later entry leaves (a back-dated payment may not take money
 * a later payment already spent).
 */
export function availableOn(
  entries: readonly LedgerEntryDoc[],
  account: CashAccount,
  date: string,
): number {
  // Entries are recorded mostly in date order: sum those up to the date without sorting, and
  // sort only the few dated after it.
  const byId = new Map(entries.map((e) => [e.id, e]));
  const delta = (e: LedgerEntryDoc) =>
    rowsOf(e, byId).reduce((sum, r) => sum + BigInt(r[account]), 0n);
  let atDate = 0n;
  const later: LedgerEntryDoc[] = [];
  for (const e of entries) {
    if (e.date <= date) atDate += delta(e);
    else later.push(e);
  }
  let balance = atDate;
  let lowest = atDate;
  for (const e of later.sort(bookOrder)) {
    balance += delta(e);
    if (balance < lowest) lowest = balance;
  }
  return Number(lowest);
}

/** Tax held now, per tax code (withheld minus deposited). */
export function taxesHeld(entries: readonly LedgerEntryDoc[]): Record<string, number> {
  const held: Record<string, bigint> = {};
  for (const r of moveRows(entries))
    for (const [code, v] of Object.entries(r.taxes)) held[code] = (held[code] ?? 0n) + BigInt(v);
  return Object.fromEntries(Object.entries(held).map(([k, v]) => [k, Number(v)]));
}

export interface TaxBookLine {
  entry: LedgerEntryDoc;
  code: string;
  withheld: number;
  deposited: number;
  /** All taxes held after this line. */
  balance: number;
}

/** The Buku Pembantu Pajak: each withholding and deposit, with what is held after it. */
export function taxBook(entries: readonly LedgerEntryDoc[]): {
  lines: TaxBookLine[];
  totalWithheld: number;
  totalDeposited: number;
  held: Record<string, number>;
} {
  let balance = 0n;
  let totalWithheld = 0n;
  let totalDeposited = 0n;
  const lines: TaxBookLine[] = [];
  for (const r of moveRows(entries))
    for (const [code, v] of Object.entries(r.taxes)) {
      // A withholding adds, a deposit takes away; a reversal of either counts the other way.
      const deposit = r.entry.kind === 'tax-deposit' || (r.entry.kind === 'reversal' && v > 0);
      const withheldPart = deposit ? 0 : v;
      const depositedPart = deposit ? -v : 0;
      balance += BigInt(v);
      totalWithheld += BigInt(withheldPart);
      totalDeposited += BigInt(depositedPart);
      lines.push({
        entry: r.entry,
        code,
        withheld: withheldPart,
        deposited: depositedPart,
        balance: Number(balance),
      });
    }
  return {
    lines,
    totalWithheld: Number(totalWithheld),
    totalDeposited: Number(totalDeposited),
    held: taxesHeld(entries),
  };
}

export interface Advance {
  entry: LedgerEntryDoc;
  kegiatanCode: string;
  given: number;
  accounted: number;
  returned: number;
  outstanding: number;
}

/**
 * The Buku Pembantu Panjar: every advance not reversed, with its SPJ and returns (those not
 * reversed), what is still outstanding, and the outstanding per kegiatan.
 */
export function panjarBook(
  entries: readonly LedgerEntryDoc[],
  lines: readonly BudgetLineDoc[],
): { advances: Advance[]; byKegiatan: { kegiatanCode: string; outstanding: number }[] } {
  const reversed = new Set(entries.map((e) => e.reverses).filter((r): r is string => !!r));
  const kegiatanOf = new Map(lines.map((l) => [l.id, l.kegiatanCode]));
  const live = entries.filter((e) => !reversed.has(e.id));
  const advances = live
    .filter((e) => e.kind === 'payment-um')
    .sort((a, b) => a.date.localeCompare(b.date) || a.createdAt.localeCompare(b.createdAt))
    .map((entry) => {
      const of = (kind: LedgerKind) =>
        sumRupiah(
          live.filter((e) => e.kind === kind && e.settles === entry.id).map((e) => e.amount),
        );
      const accounted = of('spj');
      const returned = of('advance-return');
      return {
        entry,
        kegiatanCode: kegiatanOf.get(entry.budgetLineId) ?? '',
        given: entry.amount,
        accounted,
        returned,
        outstanding: entry.amount - accounted - returned,
      };
    });
  const per = new Map<string, number[]>();
  for (const a of advances)
    per.set(a.kegiatanCode, [...(per.get(a.kegiatanCode) ?? []), a.outstanding]);
  const byKegiatan = [...per]
    .map(([kegiatanCode, v]) => ({ kegiatanCode, outstanding: sumRupiah(v) }))
    .sort((a, b) => a.kegiatanCode.localeCompare(b.kegiatanCode));
  return { advances, byKegiatan };
}

/** What a year leaves at its end: bank, cash, taxes held and advances outstanding. */
export function yearEndBalances(
  entries: readonly LedgerEntryDoc[],
  lines: readonly BudgetLineDoc[],
): { bank: number; tunai: number; taxesHeld: number; advancesOutstanding: number } {
  const rows = moveRows(entries);
  return {
    bank: sumRupiah(rows.map((r) => r.bank)),
    tunai: sumRupiah(rows.map((r) => r.tunai)),
    taxesHeld: sumRupiah(Object.values(taxesHeld(entries))),
    advancesOutstanding: sumRupiah(panjarBook(entries, lines).advances.map((a) => a.outstanding)),
  };
}
