// The treasurer's books: a walk through a year as a treasurer keeps it (saldo awal, Dana Desa into
// the bank, tarik tunai, an SPP LS with PPN and PPh withheld, a panjar with its SPJ and return, the
// tax deposit), the refusals (over the balance on its date, beyond a panjar, a closed year), and a
// generated year of 1,500 entries whose books are checked against an independent recomputation.
import { describe, expect, it } from 'vitest';
import type { BudgetLineDoc, LedgerEntryDoc } from '../documents/budget';
import { createIdGenerator } from '../ids';
import { adoptBudget, createBudgetLine, type FinanceContext } from './budget';
import { recordEntry, recordTreasuryMove, reverseEntry, type LedgerState } from './ledger';
import { taxLines, withheld } from './taxes';
import { availableOn, panjarBook, taxBook, treasuryBook, yearEndBalances } from './treasury';

const code = '3510992001';
function ctx(): FinanceContext {
  let t = Date.UTC(2026, 0, 1);
  return { villageCode: code, kioskId: 'k1', ids: createIdGenerator(code, 'k1', () => t++) };
}
function must<T>(r: { ok: true; value: T } | { ok: false; errors: Record<string, string> }): T {
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

function budget(c: FinanceContext): BudgetLineDoc[] {
  const lines: BudgetLineDoc[] = [];
  const add = (kegiatanCode: string, accountCode: string, fundingSource: string, amount: number) =>
    lines.push(
      must(
        createBudgetLine(
          {
            fiscalYear: 2026,
            kegiatanCode,
            accountCode,
            fundingSource,
            description: 'uji',
            amount,
          },
          lines,
          c,
        ),
      ),
    );
  add('', '4.2.1', 'DDS', 800_000_000);
  add('01.01.01.', '5.1.1', 'ADD', 300_000_000);
  add('02.03.01.', '5.3.5', 'DDS', 700_000_000);
  add('', '6.1.1', 'DLL', 200_000_000);
  return must(adoptBudget(lines, 2026, c));
}

describe('a treasurer’s year', () => {
  const c = ctx();
  const lines = budget(c);
  const [dd, siltap, road] = lines;
  const entries: LedgerEntryDoc[] = [];
  const state = (): LedgerState => ({ lines, entries });
  const move = (input: Parameters<typeof recordTreasuryMove>[0]) =>
    recordTreasuryMove(input, state(), 'Bendahara', c);
  const entry = (input: Parameters<typeof recordEntry>[0]) =>
    recordEntry(input, state(), 'Bendahara', c);
  const base = { evidenceNumber: 'x', description: '', payee: 'CV Maju' };

  it('keeps bank and cash apart, with taxes, panjar and deposits', () => {
    entries.push(
      must(
        move({
          kind: 'opening',
          fiscalYear: 2026,
          date: '2026-01-01',
          amount: 15_000_000,
          cashAccount: 'bank',
          evidenceNumber: 'SA-1',
          description: 'SiLPA 2025',
        }),
      ),
      must(
        move({
          kind: 'opening',
          fiscalYear: 2026,
          date: '2026-01-01',
          amount: 500_000,
          cashAccount: 'tunai',
          evidenceNumber: 'SA-2',
          description: 'SiLPA 2025',
        }),
      ),
    );
    // A second saldo awal for the same account is refused.
    expect(
      move({
        kind: 'opening',
        fiscalYear: 2026,
        date: '2026-01-02',
        amount: 1,
        cashAccount: 'bank',
        evidenceNumber: 'SA-3',
        description: '',
      }),
    ).toEqual({
      ok: false,
      errors: { kind: 'Saldo awal bank tahun 2026 sudah dicatat.' },
    });
    entries.push(
      must(
        entry({
          ...base,
          budgetLineId: dd!.id,
          kind: 'receipt',
          date: '2026-02-10',
          amount: 240_000_000,
          cashAccount: 'bank',
        }),
      ),
    );
    // Tarik tunai beyond the bank's balance on its date is refused; within it, recorded.
    expect(
      move({
        kind: 'withdraw-cash',
        fiscalYear: 2026,
        date: '2026-02-09',
        amount: 20_000_000,
        evidenceNumber: 'M-1',
        description: '',
      }),
    ).toEqual({
      ok: false,
      errors: { amount: 'Melebihi saldo bank pada tanggal itu (saldo Rp15.000.000).' },
    });
    entries.push(
      must(
        move({
          kind: 'withdraw-cash',
          fiscalYear: 2026,
          date: '2026-02-11',
          amount: 20_000_000,
          evidenceNumber: 'M-1',
          description: '',
        }),
      ),
    );
    // A cash payment beyond the cash box is refused without the head's override.
    expect(
      entry({
        ...base,
        budgetLineId: siltap!.id,
        kind: 'payment-ls',
        date: '2026-02-12',
        amount: 30_000_000,
        cashAccount: 'tunai',
      }),
    ).toEqual({
      ok: false,
      errors: {
        amount:
          'Melebihi saldo kas tunai pada tanggal itu (saldo Rp20.500.000); perlu persetujuan pejabat dengan alasan.',
      },
    });
    // An SPP LS paid from the bank with PPN and PPh 22 withheld: the supplier gets the net.
    const paid = must(
      entry({
        ...base,
        budgetLineId: road!.id,
        kind: 'payment-ls',
        date: '2026-03-01',
        amount: 111_000_000,
        cashAccount: 'bank',
        taxCodes: ['PPN', 'PPH22'],
      }),
    );
    expect(paid.taxes.map((t) => [t.code, t.amount])).toEqual([
      ['PPN', 12_210_000],
      ['PPH22', 1_665_000],
    ]);
    entries.push(paid);
    // A panjar in cash, its SPJ, and the unspent part returned.
    const um = must(
      entry({
        ...base,
        budgetLineId: siltap!.id,
        kind: 'payment-um',
        date: '2026-03-05',
        amount: 10_000_000,
        cashAccount: 'tunai',
        payee: 'Kasi Pemerintahan',
      }),
    );
    entries.push(um);
    entries.push(
      must(
        entry({
          ...base,
          budgetLineId: siltap!.id,
          kind: 'spj',
          date: '2026-03-20',
          amount: 8_500_000,
          settles: um.id,
        }),
      ),
    );
    expect(
      entry({
        ...base,
        budgetLineId: siltap!.id,
        kind: 'advance-return',
        date: '2026-03-21',
        amount: 2_000_000,
        settles: um.id,
        cashAccount: 'tunai',
      }),
    ).toEqual({
      ok: false,
      errors: { amount: 'Pengembalian sisa panjar melebihi sisa uang muka (sisa Rp1.500.000).' },
    });
    entries.push(
      must(
        entry({
          ...base,
          budgetLineId: siltap!.id,
          kind: 'advance-return',
          date: '2026-03-21',
          amount: 1_500_000,
          settles: um.id,
          cashAccount: 'tunai',
        }),
      ),
    );
    // The PPN deposited (STS); more than was withheld is refused.
    expect(
      move({
        kind: 'tax-deposit',
        fiscalYear: 2026,
        date: '2026-03-25',
        amount: 12_210_001,
        taxCode: 'PPN',
        cashAccount: 'bank',
        evidenceNumber: 'STS-1',
        description: '',
      }),
    ).toEqual({
      ok: false,
      errors: {
        amount: 'Setoran melebihi pajak Pajak Pertambahan Nilai yang dipungut (Rp12.210.000).',
      },
    });
    entries.push(
      must(
        move({
          kind: 'tax-deposit',
          fiscalYear: 2026,
          date: '2026-03-25',
          amount: 12_210_000,
          taxCode: 'PPN',
          cashAccount: 'bank',
          evidenceNumber: 'STS-1',
          description: '',
        }),
      ),
    );

    const bank = treasuryBook(entries, 'bank');
    const tunai = treasuryBook(entries, 'tunai');
    const bku = treasuryBook(entries, 'umum');
    expect(bank.balance).toBe(
      15_000_000 + 240_000_000 - 20_000_000 - 111_000_000 + 13_875_000 - 12_210_000,
    );
    expect(tunai.balance).toBe(500_000 + 20_000_000 - 10_000_000 + 1_500_000);
    expect(bku.balance).toBe(bank.balance + tunai.balance);
    // The transfer shows in and out in the BKU, and each book's balance runs line by line.
    for (const book of [bank, tunai, bku]) {
      let run = 0;
      for (const l of book.lines) expect(l.balance).toBe((run += l.in - l.out));
      expect(book.totalIn - book.totalOut).toBe(book.balance);
    }
    const taxes = taxBook(entries);
    expect(taxes.held).toEqual({ PPN: 0, PPH22: 1_665_000 });
    expect([taxes.totalWithheld, taxes.totalDeposited]).toEqual([13_875_000, 12_210_000]);
    const panjar = panjarBook(entries, lines);
    expect(panjar.advances.map((a) => [a.given, a.accounted, a.returned, a.outstanding])).toEqual([
      [10_000_000, 8_500_000, 1_500_000, 0],
    ]);
    expect(yearEndBalances(entries, lines)).toEqual({
      bank: bank.balance,
      tunai: tunai.balance,
      taxesHeld: 1_665_000,
      advancesOutstanding: 0,
    });
  });

  it('refuses a posting into a closed year, and its reversal', () => {
    const closed = { lines, entries, closedYears: [2026] };
    expect(
      recordEntry(
        { ...base, budgetLineId: dd!.id, kind: 'receipt', date: '2026-12-30', amount: 1 },
        closed,
        'B',
        c,
      ),
    ).toEqual({
      ok: false,
      errors: {
        fiscalYear: 'Tahun anggaran 2026 sudah ditutup; catat koreksi di tahun yang masih terbuka.',
      },
    });
    expect(reverseEntry(entries[2]!.id, 'salah', '2026-12-30', entries, 'B', c, [2026]).ok).toBe(
      false,
    );
  });

  it('refuses a back-dated payment that would take money a later one already spent', () => {
    // 15,000,000 at the start; everything later leaves less on a later date.
    expect(availableOn(entries, 'bank', '2026-01-05')).toBe(
      Math.min(15_000_000, ...treasuryBook(entries, 'bank').lines.map((l) => l.balance)),
    );
  });
});

describe('tax withholding', () => {
  it('rounds half up to the rupiah from the rate in basis points', () => {
    expect(withheld(1_000_001, 150)).toBe(15_000); // 15,000.015
    expect(withheld(100, 150)).toBe(2); // 1.5 → 2
    expect(taxLines(['XYZ'], 100)).toEqual({ unknown: 'XYZ' });
  });
});

describe('a generated year of 1,500 entries', () => {
  it('gives every book’s lines and totals as an independent recomputation does', () => {
    const c = ctx();
    const lines = budget(c);
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const entries: LedgerEntryDoc[] = [];
    const day = () =>
      `2026-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
    const ok = (r: { ok: boolean; value?: LedgerEntryDoc }) => r.ok && entries.push(r.value!);
    ok(
      recordTreasuryMove(
        {
          kind: 'opening',
          fiscalYear: 2026,
          date: '2026-01-01',
          amount: 50_000_000,
          cashAccount: 'bank',
          evidenceNumber: 'SA',
          description: '',
        },
        { lines, entries },
        'B',
        c,
      ),
    );
    const override = { by: 'Kepala Desa', reason: 'uji beban setahun' };
    while (entries.length < 1500) {
      const roll = rand();
      const amount = 1 + Math.floor(rand() * 5_000_000);
      const cashAccount = rand() < 0.5 ? ('bank' as const) : ('tunai' as const);
      const date = day();
      const st = { lines, entries };
      if (roll < 0.25)
        ok(
          recordEntry(
            {
              budgetLineId: lines[0]!.id,
              kind: 'receipt',
              date,
              amount,
              cashAccount,
              evidenceNumber: 'T',
              payee: '',
              description: '',
            },
            st,
            'B',
            c,
          ),
        );
      else if (roll < 0.5)
        ok(
          recordEntry(
            {
              budgetLineId: lines[2]!.id,
              kind: 'payment-ls',
              date,
              amount,
              cashAccount: 'bank',
              evidenceNumber: 'L',
              payee: 'P',
              description: '',
              taxCodes: rand() < 0.5 ? ['PPN', 'PPH23'] : [],
              override,
            },
            st,
            'B',
            c,
          ),
        );
      else if (roll < 0.6)
        ok(
          recordEntry(
            {
              budgetLineId: lines[1]!.id,
              kind: 'payment-um',
              date,
              amount,
              cashAccount: 'bank',
              evidenceNumber: 'U',
              payee: 'P',
              description: '',
              override,
            },
            st,
            'B',
            c,
          ),
        );
      else if (roll < 0.7) {
        const um = entries.filter((e) => e.kind === 'payment-um');
        const target = um[Math.floor(rand() * um.length)];
        if (target)
          ok(
            recordEntry(
              {
                budgetLineId: target.budgetLineId,
                kind: rand() < 0.5 ? 'spj' : 'advance-return',
                date,
                amount: Math.ceil(amount / 10),
                cashAccount,
                settles: target.id,
                evidenceNumber: 'S',
                payee: 'P',
                description: '',
              },
              st,
              'B',
              c,
            ),
          );
      } else if (roll < 0.8)
        ok(
          recordTreasuryMove(
            {
              kind: rand() < 0.5 ? 'deposit-bank' : 'withdraw-cash',
              fiscalYear: 2026,
              date,
              amount: Math.ceil(amount / 5),
              evidenceNumber: 'M',
              description: '',
            },
            st,
            'B',
            c,
          ),
        );
      else if (roll < 0.85)
        ok(
          recordTreasuryMove(
            {
              kind: 'tax-deposit',
              fiscalYear: 2026,
              date,
              amount: Math.ceil(amount / 50),
              taxCode: rand() < 0.5 ? 'PPN' : 'PPH23',
              cashAccount: 'bank',
              evidenceNumber: 'STS',
              description: '',
            },
            st,
            'B',
            c,
          ),
        );
      else {
        const target = entries[Math.floor(rand() * entries.length)]!;
        ok(reverseEntry(target.id, 'koreksi', date, entries, 'B', c));
      }
    }

    // Independent: each entry's signed effect on bank and cash, written out kind by kind.
    const byId = new Map(entries.map((e) => [e.id, e]));
    const taxSum = (e: LedgerEntryDoc) => e.taxes.reduce((a, t) => a + t.amount, 0);
    const own = (e: LedgerEntryDoc): [number, number, number] => {
      const s = (n: number): [number, number] => (e.cashAccount === 'bank' ? [n, 0] : [0, n]);
      switch (e.kind) {
        case 'opening':
        case 'receipt':
        case 'advance-return':
          return [...s(e.amount), 0];
        case 'payment-um':
          return [...s(-e.amount), 0];
        case 'payment-ls':
          return [...s(-e.amount + taxSum(e)), taxSum(e)];
        case 'tax-deposit':
          return [...s(-e.amount), -e.amount];
        case 'deposit-bank':
          return [e.amount, -e.amount, 0];
        case 'withdraw-cash':
          return [-e.amount, e.amount, 0];
        default:
          return [0, 0, 0];
      }
    };
    const effect = (e: LedgerEntryDoc): [number, number, number] =>
      e.kind === 'reversal'
        ? (own(byId.get(e.reverses!)!).map((v) => -v) as [number, number, number])
        : own(e);
    const totals = entries
      .map(effect)
      .reduce((a, v) => [a[0] + v[0], a[1] + v[1], a[2] + v[2]], [0, 0, 0]);
    expect(treasuryBook(entries, 'bank').balance).toBe(totals[0]);
    expect(treasuryBook(entries, 'tunai').balance).toBe(totals[1]);
    expect(treasuryBook(entries, 'umum').balance).toBe(totals[0] + totals[1]);
    const tb = taxBook(entries);
    expect(tb.totalWithheld - tb.totalDeposited).toBe(totals[2]);
    expect(Object.values(tb.held).reduce((a, b) => a + b, 0)).toBe(totals[2]);
    // Every kind appeared, so the recomputation covered each rule.
    expect([...new Set(entries.map((e) => e.kind))].sort()).toEqual([
      'advance-return',
      'deposit-bank',
      'opening',
      'payment-ls',
      'payment-um',
      'receipt',
      'reversal',
      'spj',
      'tax-deposit',
      'withdraw-cash',
    ]);
    const umOut = entries.filter(
      (e) => e.kind === 'payment-um' && !entries.some((r) => r.reverses === e.id),
    );
    const settled = (id: string) =>
      entries
        .filter((e) => e.settles === id && !entries.some((r) => r.reverses === e.id))
        .reduce((a, e) => a + e.amount, 0);
    expect(panjarBook(entries, lines).advances.reduce((a, x) => a + x.outstanding, 0)).toBe(
      umOut.reduce((a, e) => a + e.amount - settled(e.id), 0),
    );
  });
});
