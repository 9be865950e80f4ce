// A year of BENCH_TREASURY_ENTRIES (20,000) ledger entries as a busy treasurer keeps them — saldo
// awal, receipts, SPP LS payments with taxes withheld, panjar with SPJ and returns, mutasi kas,
// tax deposits, reversals — and the Buku Kas Umum with its running balances computed in Debian's
// Chromium from the stored documents (shared/finance/treasury-tables.ts, what the screen shows),
// then laid out as the HTML table. Every book's totals are checked against an independent
// recomputation in Node, to the rupiah. Rounds 7, order rotated; every run and the median, in ms.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { LedgerEntryDoc } from '../../shared/documents/budget';
import { ledgerEntryDocSchema } from '../../shared/documents/budget';
import { newDocument } from '../../shared/documents/base';
import { createIdGenerator } from '../../shared/ids';
import { taxLines } from '../../shared/finance/taxes';
import { taxBook, treasuryBook } from '../../shared/finance/treasury';
import { chromiumAvailable, launchKioskBrowser } from '../support/chromium';

const ROUNDS = 7;
const code = '3510992001';

/** A year of entries, made directly as documents in date order (the rules are tested elsewhere). */
function makeYear(count: number): LedgerEntryDoc[] {
  let t = Date.UTC(2026, 0, 1);
  const author = {
    villageCode: code,
    kioskId: 'k1',
    ids: createIdGenerator(code, 'k1', () => t++),
  };
  let seed = 2026;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const entries: LedgerEntryDoc[] = [];
  const advances: LedgerEntryDoc[] = [];
  const add = (
    fields: Partial<LedgerEntryDoc> & Pick<LedgerEntryDoc, 'kind' | 'amount'>,
    i: number,
  ) => {
    const day = Math.floor((i / count) * 364);
    const date = new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10);
    const doc = ledgerEntryDocSchema.parse({
      ...newDocument('ledger', author, new Date(t).toISOString()),
      fiscalYear: 2026,
      budgetLineId: 'budget:line',
      date,
      evidenceNumber: `B-${i}`,
      payee: 'Penerima',
      description: '',
      recordedBy: 'Bendahara',
      reverses: null,
      ...fields,
    });
    entries.push(doc);
    return doc;
  };
  add({ kind: 'opening', amount: 150_000_000, cashAccount: 'bank', budgetLineId: '' }, 0);
  add({ kind: 'opening', amount: 5_000_000, cashAccount: 'tunai', budgetLineId: '' }, 0);
  for (let i = 2; entries.length < count; i++) {
    const roll = rand();
    const amount = 10_000 + Math.floor(rand() * 5_000_000);
    const cashAccount = rand() < 0.7 ? ('bank' as const) : ('tunai' as const);
    if (roll < 0.2) add({ kind: 'receipt', amount, cashAccount }, i);
    else if (roll < 0.5) {
      const taxes = rand() < 0.4 ? taxLines(['PPN', 'PPH22'], amount) : [];
      add({ kind: 'payment-ls', amount, cashAccount, taxes: Array.isArray(taxes) ? taxes : [] }, i);
    } else if (roll < 0.6) advances.push(add({ kind: 'payment-um', amount, cashAccount }, i));
    else if (roll < 0.7 && advances.length > 0) {
      const um = advances.shift()!;
      add({ kind: 'spj', amount: Math.floor(um.amount * 0.8), settles: um.id }, i);
      add(
        {
          kind: 'advance-return',
          amount: um.amount - Math.floor(um.amount * 0.8),
          settles: um.id,
          cashAccount,
        },
        i,
      );
    } else if (roll < 0.8)
      add(
        {
          kind: rand() < 0.5 ? 'deposit-bank' : 'withdraw-cash',
          amount,
          cashAccount: 'bank',
          budgetLineId: '',
        },
        i,
      );
    else if (roll < 0.85)
      add(
        {
          kind: 'tax-deposit',
          amount: 1_000,
          taxCode: 'PPN',
          cashAccount: 'bank',
          budgetLineId: '',
        },
        i,
      );
    else {
      const target = entries[Math.floor(rand() * entries.length)]!;
      if (
        target.kind !== 'reversal' &&
        target.kind !== 'payment-um' &&
        !entries.some((e) => e.reverses === target.id)
      )
        add(
          {
            kind: 'reversal',
            amount: target.amount,
            reverses: target.id,
            budgetLineId: target.budgetLineId,
          },
          i,
        );
    }
  }
  return entries;
}

/** The same totals, by hand: each kind's effect written out, reversals looked up. */
function independent(entries: readonly LedgerEntryDoc[]) {
  const byId = new Map(entries.map((e) => [e.id, e]));
  let bank = 0;
  let tunai = 0;
  let taxes = 0;
  const own = (e: LedgerEntryDoc, sign: number) => {
    const held = e.taxes.reduce((a, x) => a + x.amount, 0);
    const on = (n: number) => (e.cashAccount === 'bank' ? (bank += sign * n) : (tunai += sign * n));
    if (e.kind === 'opening' || e.kind === 'receipt' || e.kind === 'advance-return') on(e.amount);
    if (e.kind === 'payment-um') on(-e.amount);
    if (e.kind === 'payment-ls') {
      on(held - e.amount);
      taxes += sign * held;
    }
    if (e.kind === 'tax-deposit') {
      on(-e.amount);
      taxes -= sign * e.amount;
    }
    if (e.kind === 'deposit-bank' || e.kind === 'withdraw-cash') {
      const toBank = e.kind === 'deposit-bank' ? 1 : -1;
      bank += sign * toBank * e.amount;
      tunai -= sign * toBank * e.amount;
    }
  };
  for (const e of entries) {
    if (e.kind === 'reversal') own(byId.get(e.reverses!)!, -1);
    else own(e, 1);
  }
  return { bank, tunai, taxes };
}

export async function bench(): Promise<object> {
  if (!chromiumAvailable()) return { skipped: 'no Chromium at /usr/bin/chromium' };
  const count = Number(process.env.BENCH_TREASURY_ENTRIES ?? 20_000);
  const entries = makeYear(count);
  const hand = independent(entries);
  const books = {
    bank: treasuryBook(entries, 'bank').balance,
    tunai: treasuryBook(entries, 'tunai').balance,
    umum: treasuryBook(entries, 'umum').balance,
    taxes: Object.values(taxBook(entries).held).reduce((a, b) => a + b, 0),
  };
  const matches =
    books.bank === hand.bank &&
    books.tunai === hand.tunai &&
    books.umum === hand.bank + hand.tunai &&
    books.taxes === hand.taxes;
  if (!matches)
    throw new Error(`books ${JSON.stringify(books)} ≠ recomputed ${JSON.stringify(hand)}`);
  const bundle = await build({
    stdin: {
      contents: `export { treasuryTable } from './shared/finance/treasury-tables';`,
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'treasury',
    target: 'es2022',
  });
  const work = await mkdtemp(join(tmpdir(), 'balai-bench-treasury-'));
  const browser = await launchKioskBrowser(work);
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    await page.evaluate((data) => {
      (globalThis as unknown as { entries: unknown }).entries = data;
    }, entries);
    const run = (withTable: boolean) =>
      page.evaluate((withTable) => {
        type T = typeof import('../../shared/finance/treasury-tables');
        const t = (globalThis as unknown as { treasury: T }).treasury;
        const e = (globalThis as unknown as { entries: LedgerEntryDoc[] }).entries;
        const started = performance.now();
        const table = t.treasuryTable('umum', e, []);
        if (withTable) {
          // The screen's table, laid out: rows as HTML, then forced layout.
          const html = table.rows
            .map((r) => `<tr>${r.map((v) => `<td>${v}</td>`).join('')}</tr>`)
            .join('');
          document.body.innerHTML = `<table><tbody>${html}</tbody></table>`;
          void document.body.offsetHeight;
        }
        const ms = performance.now() - started;
        return { ms, rows: table.rows.length, balance: table.totals[0]![5] };
      }, withTable);
    const computeRuns: number[] = [];
    const openRuns: number[] = [];
    let rows = 0;
    await run(true); // warm-up
    for (let r = 0; r < ROUNDS; r++) {
      for (const withTable of r % 2 ? [false, true] : [true, false]) {
        const out = await run(withTable);
        if (out.balance !== hand.bank + hand.tunai)
          throw new Error('BKU balance differs in Chromium');
        (withTable ? openRuns : computeRuns).push(Math.round(out.ms * 10) / 10);
        rows = out.rows;
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const result = {
      entries: entries.length,
      bkuRows: rows,
      totalsMatchRecomputation: matches,
      bkuComputeMs: { runs: computeRuns, median: median(computeRuns) },
      bkuComputeAndLayoutMs: { runs: openRuns, median: median(openRuns) },
      targetMs: 200,
    };
    console.log(
      `treasury books, ${entries.length} entries: BKU ${result.bkuComputeMs.median} ms computed, ` +
        `${result.bkuComputeAndLayoutMs.median} ms with its ${rows}-row table laid out; totals match`,
    );
    return result;
  } finally {
    await browser.close();
    await rm(work, { recursive: true, force: true });
  }
}
