// The realisation report (Laporan Realisasi Anggaran): budget in force against what was realised,
// per bidang, sub-bidang, kegiatan and account, per funding source and per month, with totals and
// the balance. Integer rupiah throughout; percentages in basis points.
import type { BudgetLineDoc, LedgerEntryDoc } from '../documents/budget';
import { budgetInForce, budgetTotals, lineKey, type BudgetTotals } from './budget';
import { entryEffects } from './ledger';
import { basisPoints } from './money';
import {
  accountClass,
  accountName,
  bidangName,
  bidangOf,
  FUNDING_SOURCES,
  kegiatanName,
  subBidangOf,
} from './reference';

export interface LraRow {
  code: string;
  name: string;
  budget: number;
  realised: number;
  remaining: number;
  /** realised / budget in basis points (10000 = 100%). */
  bp: number;
}

export interface LraReport {
  fiscalYear: number;
  version: number;
  adopted: boolean;
  /** Income accounts (jenis and deeper). */
  income: LraRow[];
  bidang: LraRow[];
  subBidang: LraRow[];
  kegiatan: LraRow[];
  /** Spending per kegiatan + account: `BB.SS.KK.|5.2.1`. */
  spendingAccounts: LraRow[];
  financing: LraRow[];
  fundingSources: LraRow[];
  /** Realised per month (`01`..`12`): income, spending. */
  months: {
    month: string;
    income: number;
    spending: number;
    financingIn: number;
    financingOut: number;
  }[];
  budget: BudgetTotals;
  realised: BudgetTotals;
  /** Advances paid (SPP UM) not yet accounted for by SPJ. */
  outstandingAdvances: number;
}

class Accumulator {
  private rows = new Map<string, { name: string; budget: bigint; realised: bigint }>();
  add(code: string, name: string, budget: number, realised: number) {
    const row = this.rows.get(code) ?? { name, budget: 0n, realised: 0n };
    row.budget += BigInt(budget);
    row.realised += BigInt(realised);
    this.rows.set(code, row);
  }
  list(): LraRow[] {
    return [...this.rows.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([code, r]) => {
        const budget = Number(r.budget);
        const realised = Number(r.realised);
        return {
          code,
          name: r.name,
          budget,
          realised,
          remaining: budget - realised,
          bp: basisPoints(realised, budget),
        };
      });
  }
}

export function computeLra(
  allLines: readonly BudgetLineDoc[],
  allEntries: readonly LedgerEntryDoc[],
  fiscalYear: number,
): LraReport {
  const inForce = budgetInForce(allLines, fiscalYear);
  const entries = allEntries.filter((e) => e.fiscalYear === fiscalYear);
  const effects = entryEffects(entries);
  const lineById = new Map(allLines.map((l) => [l.id, l]));
  // Realised per line key (entries follow their line across versions).
  const realisedByKey = new Map<string, bigint>();
  const monthly = new Map<
    string,
    { income: bigint; spending: bigint; financingIn: bigint; financingOut: bigint }
  >();
  let advances = 0n;
  const realisedLines: { accountCode: string; amount: number }[] = [];
  for (const e of entries) {
    const line = lineById.get(e.budgetLineId);
    const effect = effects.get(e.id);
    if (!line || !effect) continue;
    const key = lineKey(line);
    realisedByKey.set(key, (realisedByKey.get(key) ?? 0n) + BigInt(effect.realised));
    advances += BigInt(effect.advance);
    const month = e.date.slice(5, 7);
    const m = monthly.get(month) ?? { income: 0n, spending: 0n, financingIn: 0n, financingOut: 0n };
    const cls = accountClass(line.accountCode);
    if (cls === 'income') m.income += BigInt(effect.realised);
    if (cls === 'spending') m.spending += BigInt(effect.realised);
    if (cls === 'financing-in') m.financingIn += BigInt(effect.realised);
    if (cls === 'financing-out') m.financingOut += BigInt(effect.realised);
    monthly.set(month, m);
  }
  // Every key with a budget in force or a realisation; realisation on a key dropped by an
  // amendment still shows, against a budget of 0.
  const keys = new Map<string, { line: BudgetLineDoc; budget: number }>();
  for (const l of inForce.lines) {
    const k = lineKey(l);
    keys.set(k, { line: l, budget: (keys.get(k)?.budget ?? 0) + l.amount });
  }
  for (const e of entries) {
    const line = lineById.get(e.budgetLineId);
    if (line && !keys.has(lineKey(line))) keys.set(lineKey(line), { line, budget: 0 });
  }
  const income = new Accumulator();
  const bidang = new Accumulator();
  const subBidang = new Accumulator();
  const kegiatan = new Accumulator();
  const spendingAccounts = new Accumulator();
  const financing = new Accumulator();
  const sources = new Accumulator();
  for (const [key, { line, budget }] of keys) {
    const realised = Number(realisedByKey.get(key) ?? 0n);
    realisedLines.push({ accountCode: line.accountCode, amount: realised });
    const cls = accountClass(line.accountCode);
    const acc = line.accountCode;
    if (cls === 'income') income.add(acc, accountName(acc), budget, realised);
    else if (cls === 'spending') {
      const k = line.kegiatanCode;
      bidang.add(bidangOf(k), bidangName(bidangOf(k)), budget, realised);
      subBidang.add(subBidangOf(k), bidangName(subBidangOf(k)), budget, realised);
      kegiatan.add(k, kegiatanName(k), budget, realised);
      spendingAccounts.add(`${k}|${acc}`, accountName(acc), budget, realised);
    } else financing.add(acc, accountName(acc), budget, realised);
    if (cls === 'income' || cls === 'spending')
      sources.add(
        `${cls === 'income' ? 'P' : 'B'}:${line.fundingSource}`,
        `${cls === 'income' ? 'Pendapatan' : 'Belanja'} ${FUNDING_SOURCES[line.fundingSource] ?? line.fundingSource}`,
        budget,
        realised,
      );
  }
  const months = [...monthly.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([month, m]) => ({
      month,
      income: Number(m.income),
      spending: Number(m.spending),
      financingIn: Number(m.financingIn),
      financingOut: Number(m.financingOut),
    }));
  return {
    fiscalYear,
    version: inForce.version,
    adopted: inForce.adopted,
    income: income.list(),
    bidang: bidang.list(),
    subBidang: subBidang.list(),
    kegiatan: kegiatan.list(),
    spendingAccounts: spendingAccounts.list(),
    financing: financing.list(),
    fundingSources: sources.list(),
    months,
    budget: budgetTotals(inForce.lines),
    realised: budgetTotals(realisedLines),
    outstandingAdvances: Number(advances),
  };
}
