// The finance domain: integer money, the budget's stages, the ledger's rules, and the LRA on a
// generated year of 5,000 entries checked against an independent recomputation.
import { describe, expect, it } from 'vitest';
import type { BudgetLineDoc, LedgerEntryDoc } from '../documents/budget';
import { createIdGenerator } from '../ids';
import {
  adoptBudget,
  budgetInForce,
  createBudgetLine,
  editBudgetLine,
  startAmendment,
  type FinanceContext,
} from './budget';
import { recordEntry, remainingOnLine, reverseEntry } from './ledger';
import { treasuryBook } from './treasury';
import { computeLra } from './lra';
import { basisPoints, formatBasisPoints, formatRupiah, parseRupiah, sumRupiah } from './money';
import { financeValidateSnippet, financeWriteRefusal } from './rules';
import { applyReferenceUpdates, isKegiatan, kegiatanChoices, KEGIATAN_LIST } from './reference';

const code = '3510992001';
function ctx(): FinanceContext {
  let t = Date.UTC(2026, 0, 1);
  return { villageCode: code, kioskId: 'k1', ids: createIdGenerator(code, 'k1', () => t++) };
}
function must<T>(r: { ok: true; value: T } | { ok: false; errors: Record<string, string> }): T {
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

/** A small adopted budget: two income lines, two spending lines. */
function smallBudget(c: FinanceContext) {
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
  add('', '4.2.3', 'ADD', 400_000_000);
  add('01.01.01.', '5.1.1', 'ADD', 300_000_000);
  add('02.03.01.', '5.3.5', 'DDS', 700_000_000);
  return lines;
}

/** Dana Desa received into the book, so that payments have cash to come from. */
function cashIn(
  lines: readonly BudgetLineDoc[],
  entries: readonly LedgerEntryDoc[],
  c: FinanceContext,
  amount = 1_000_000_000,
) {
  const income = lines.find((l) => l.accountCode === '4.2.1')!;
  return must(
    recordEntry(
      {
        budgetLineId: income.id,
        kind: 'receipt',
        date: '2026-01-15',
        amount,
        evidenceNumber: `TBP-${entries.length + 1}`,
        payee: '',
        description: 'Dana Desa',
      },
      { lines, entries },
      'Bendahara',
      c,
    ),
  );
}

describe('money', () => {
  it('adds, rounds percentages in basis points, formats in Indonesian', () => {
    expect(sumRupiah([1, 2, 3])).toBe(6);
    expect(() => sumRupiah([0.5])).toThrow();
    expect(basisPoints(1, 3)).toBe(3333);
    expect(basisPoints(2, 3)).toBe(6667);
    expect(basisPoints(1, 8)).toBe(1250);
    expect(basisPoints(1, 20000)).toBe(1); // 0.5 bp rounds half up
    expect(basisPoints(5, 0)).toBe(0);
    expect(formatBasisPoints(1250)).toBe('12,50%');
    expect(formatRupiah(1_500_000)).toBe('Rp1.500.000');
    expect(parseRupiah('Rp 1.500.000')).toBe(1_500_000);
    expect(parseRupiah('1,5')).toBeNull();
  });
});

describe('the budget', () => {
  it('is written as drafts, adopted and then locked, and amended as a new version', () => {
    const c = ctx();
    const draft = smallBudget(c);
    expect(draft.every((l) => l.stage === 'draft' && l.budgetVersion === 1)).toBe(true);
    const edited = must(editBudgetLine(draft[0]!, { amount: 900_000_000 }, c));
    expect(edited.amount).toBe(900_000_000);
    const detail = must(
      createBudgetLine(
        {
          fiscalYear: 2026,
          kegiatanCode: '01.01.04.',
          accountCode: '5.2.1',
          fundingSource: 'ADD',
          description: 'ATK',
          amount: null,
          volume: 12,
          unit: 'rim',
          unitPrice: 55_000,
        },
        draft,
        c,
      ),
    );
    expect(detail.amount).toBe(660_000);
    expect(
      createBudgetLine(
        {
          fiscalYear: 2026,
          kegiatanCode: '',
          accountCode: '5.2.1',
          fundingSource: 'ADD',
          description: 'x',
          amount: 1,
        },
        draft,
        c,
      ).ok,
    ).toBe(false);

    const adopted = must(adoptBudget(draft, 2026, c));
    expect(adopted.every((l) => l.stage === 'adopted')).toBe(true);
    expect(editBudgetLine(adopted[0]!, { amount: 1 }, c).ok).toBe(false);
    expect(financeWriteRefusal({ ...adopted[0]!, amount: 1 }, adopted[0]!)).toBe('locked');
    expect(financeWriteRefusal(adopted[0]!, draft[0]!)).toBeNull();
    expect(
      createBudgetLine(
        {
          fiscalYear: 2026,
          kegiatanCode: '',
          accountCode: '4.1.1',
          fundingSource: 'PAD',
          description: 'x',
          amount: 1,
        },
        adopted,
        c,
      ).ok,
    ).toBe(false);

    const amendment = must(startAmendment(adopted, 2026, c));
    expect(amendment.every((l) => l.budgetVersion === 2 && l.stage === 'amendment')).toBe(true);
    const all = [...adopted, ...amendment];
    expect(budgetInForce(all, 2026)).toMatchObject({ version: 1, adopted: true });
    const changed = must(editBudgetLine(amendment[3]!, { amount: 650_000_000 }, c));
    const v2 = [...adopted, ...amendment.slice(0, 3), changed];
    const adoptedV2 = must(adoptBudget(v2, 2026, c));
    const inForce = budgetInForce([...adopted, ...adoptedV2], 2026);
    expect(inForce.version).toBe(2);
    expect(inForce.lines.find((l) => l.accountCode === '5.3.5')!.amount).toBe(650_000_000);
    // The adopted first version stays readable.
    expect(adopted.find((l) => l.accountCode === '5.3.5')!.amount).toBe(700_000_000);
  });

  it('refuses to adopt a deficit not covered by financing', () => {
    const c = ctx();
    const lines = smallBudget(c).slice(2);
    expect(adoptBudget(lines, 2026, c).ok).toBe(false);
  });
});

describe('the ledger', () => {
  it('records payments within the budget, refuses beyond it without an override, and reverses', () => {
    const c = ctx();
    const lines = must(adoptBudget(smallBudget(c), 2026, c));
    const road = lines.find((l) => l.accountCode === '5.3.5')!;
    const entries: LedgerEntryDoc[] = [];
    entries.push(cashIn(lines, entries, c));
    const pay = (amount: number, override?: { by: string; reason: string }) =>
      recordEntry(
        {
          budgetLineId: road.id,
          kind: 'payment-ls',
          date: '2026-03-02',
          amount,
          evidenceNumber: `BKU-${entries.length + 1}`,
          payee: 'CV Maju',
          description: 'Jalan',
          override: override ?? null,
        },
        { lines, entries },
        'Bendahara',
        c,
      );
    entries.push(must(pay(600_000_000)));
    expect(remainingOnLine(road, lines, entries)).toBe(100_000_000);
    expect(pay(150_000_000).ok).toBe(false);
    const over = must(pay(150_000_000, { by: 'Kepala Desa', reason: 'Kenaikan harga aspal' }));
    expect(over.overrideReason).toBe('Kenaikan harga aspal');
    entries.push(over);
    const reversal = must(
      reverseEntry(over.id, 'Salah catat', '2026-03-03', entries, 'Bendahara', c),
    );
    entries.push(reversal);
    expect(reverseEntry(over.id, 'lagi', '2026-03-03', entries, 'Bendahara', c).ok).toBe(false);
    expect(remainingOnLine(road, lines, entries)).toBe(100_000_000);
    expect(financeWriteRefusal({ ...over, amount: 1 }, over)).toBe('appendOnly');
    const lra = computeLra(lines, entries, 2026);
    expect(lra.realised.spending).toBe(600_000_000);
    expect(lra.bidang.find((r) => r.code === '02')).toMatchObject({
      budget: 700_000_000,
      realised: 600_000_000,
      bp: 8571,
    });
  });

  it('keeps advances (UM) outside realisation until an SPJ accounts for them', () => {
    const c = ctx();
    const lines = must(adoptBudget(smallBudget(c), 2026, c));
    const pay = lines.find((l) => l.accountCode === '5.1.1')!;
    const entries: LedgerEntryDoc[] = [cashIn(lines, [], c)];
    const um = must(
      recordEntry(
        {
          budgetLineId: pay.id,
          kind: 'payment-um',
          date: '2026-02-01',
          amount: 10_000_000,
          evidenceNumber: 'UM-1',
          payee: 'Kaur',
          description: '',
        },
        { lines, entries },
        'Bendahara',
        c,
      ),
    );
    entries.push(um);
    expect(computeLra(lines, entries, 2026)).toMatchObject({
      outstandingAdvances: 10_000_000,
      realised: { spending: 0 },
    });
    entries.push(
      must(
        recordEntry(
          {
            budgetLineId: pay.id,
            kind: 'spj',
            date: '2026-02-10',
            amount: 9_000_000,
            evidenceNumber: 'SPJ-1',
            payee: 'Kaur',
            description: '',
            settles: um.id,
          },
          { lines, entries },
          'Bendahara',
          c,
        ),
      ),
    );
    expect(computeLra(lines, entries, 2026)).toMatchObject({
      outstandingAdvances: 1_000_000,
      realised: { spending: 9_000_000 },
    });
    expect(reverseEntry(um.id, 'x', '2026-02-11', entries, 'B', c).ok).toBe(false);
  });
});

describe('the cash at hand', () => {
  it('refuses a payment beyond the cash in the book unless an official allows it, and runs a balance', () => {
    const c = ctx();
    const lines = must(adoptBudget(smallBudget(c), 2026, c));
    const road = lines.find((l) => l.accountCode === '5.3.5')!;
    const entries: LedgerEntryDoc[] = [cashIn(lines, [], c, 100_000_000)];
    const pay = (amount: number, override: { by: string; reason: string } | null = null) =>
      recordEntry(
        {
          budgetLineId: road.id,
          kind: 'payment-ls',
          date: '2026-03-02',
          amount,
          evidenceNumber: `BKU-${entries.length}`,
          payee: 'CV Maju',
          description: '',
          override,
        },
        { lines, entries },
        'Bendahara',
        c,
      );
    entries.push(must(pay(60_000_000)));
    expect(treasuryBook(entries, 'umum').balance).toBe(40_000_000);
    expect(pay(50_000_000)).toEqual({
      ok: false,
      errors: {
        amount:
          'Melebihi saldo bank pada tanggal itu (saldo Rp40.000.000); perlu persetujuan pejabat dengan alasan.',
      },
    });
    const allowed = must(
      pay(50_000_000, { by: 'Kepala Desa', reason: 'Talangan sebelum DD tahap 2' }),
    );
    expect(allowed.overrideBy).toBe('Kepala Desa');
    entries.push(allowed);
    entries.push(must(reverseEntry(allowed.id, 'Batal', '2026-03-03', entries, 'Bendahara', c)));
    expect(treasuryBook(entries, 'umum').lines.map((r) => r.balance)).toEqual([
      100_000_000, 40_000_000, -10_000_000, 40_000_000,
    ]);
  });
});

describe('the regency rule', () => {
  it('is generated from the same constants', () => {
    const snippet = financeValidateSnippet();
    expect(snippet).toContain('["ledger","year-closing"]');
    expect(snippet).toContain('["adopted"]');
  });
});

// --- A generated year, recomputed independently -------------------------------------------

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('a generated year of 5,000 entries', () => {
  it('gives totals, percentages and balances that match an independent recomputation exactly', () => {
    const c = ctx();
    const rand = rng(20260101);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    const draft: BudgetLineDoc[] = [];
    const spendingAccounts = ['5.1.1', '5.2.1', '5.2.2', '5.2.5', '5.3.4', '5.3.5'];
    const sources = ['DDS', 'ADD', 'PAD', 'PBK'];
    const keg = KEGIATAN_LIST.map(([k]) => k);
    let spendTotal = 0;
    while (draft.length < 120) {
      const r = createBudgetLine(
        {
          fiscalYear: 2026,
          kegiatanCode: pick(keg),
          accountCode: pick(spendingAccounts),
          fundingSource: pick(sources),
          description: 'baris',
          amount: 1_000_000 + Math.floor(rand() * 90_000_000),
        },
        draft,
        c,
      );
      if (r.ok) {
        draft.push(r.value);
        spendTotal += r.value.amount;
      }
    }
    for (const [acc, src] of [
      ['4.2.1', 'DDS'],
      ['4.2.3', 'ADD'],
      ['4.1.1', 'PAD'],
      ['6.1.1', 'DLL'],
      ['6.2.1', 'DLL'],
    ] as const)
      draft.push(
        must(
          createBudgetLine(
            {
              fiscalYear: 2026,
              kegiatanCode: '',
              accountCode: acc,
              fundingSource: src,
              description: 'x',
              amount: acc === '6.2.1' ? 50_000_000 : Math.ceil(spendTotal / 3) + 17,
            },
            draft,
            c,
          ),
        ),
      );
    const lines = must(adoptBudget(draft, 2026, c));
    const entries: LedgerEntryDoc[] = [];
    // The rules only look at the entries of the line concerned; index them so generation is fast.
    const ofLine = new Map<string, LedgerEntryDoc[]>();
    const push = (e: LedgerEntryDoc) => {
      entries.push(e);
      ofLine.set(e.budgetLineId, [...(ofLine.get(e.budgetLineId) ?? []), e]);
    };
    while (entries.length < 5000) {
      const roll = rand();
      const month = String(1 + Math.floor(rand() * 12)).padStart(2, '0');
      const date = `2026-${month}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
      if (roll < 0.08 && entries.length > 0) {
        const target = pick(entries);
        const r = reverseEntry(
          target.id,
          'koreksi',
          date,
          ofLine.get(target.budgetLineId)!,
          'Bendahara',
          c,
        );
        if (r.ok) push(r.value);
        continue;
      }
      const line = pick(lines);
      const isIn = line.accountCode.startsWith('4') || line.accountCode.startsWith('6.1');
      const r = recordEntry(
        {
          budgetLineId: line.id,
          kind: isIn ? 'receipt' : 'payment-ls',
          date,
          amount: 1 + Math.floor(rand() * 3_000_000),
          evidenceNumber: `B-${entries.length}`,
          payee: 'Penerima',
          description: '',
          override: rand() < 0.5 ? { by: 'Kepala Desa', reason: 'persetujuan uji beban' } : null,
        },
        { lines, entries: ofLine.get(line.id) ?? [] },
        'Bendahara',
        c,
      );
      if (r.ok) push(r.value);
    }
    const lra = computeLra(lines, entries, 2026);

    // Independent: sign each entry directly, look lines up by id, sum with plain integers.
    const lineOf = new Map(lines.map((l) => [l.id, l]));
    const entryOf = new Map(entries.map((e) => [e.id, e]));
    const signed = entries.map((e) => ({
      line: lineOf.get(e.budgetLineId)!,
      month: e.date.slice(5, 7),
      amount: e.kind === 'reversal' ? -entryOf.get(e.reverses!)!.amount : e.amount,
    }));
    const total = (pred: (s: (typeof signed)[number]) => boolean) =>
      signed.filter(pred).reduce((a, s) => a + s.amount, 0);
    const budgetOf = (pred: (l: BudgetLineDoc) => boolean) =>
      lines.filter(pred).reduce((a, l) => a + l.amount, 0);
    const isSpend = (code: string) => code[0] === '5';
    expect(lra.realised.income).toBe(total((s) => s.line.accountCode[0] === '4'));
    expect(lra.realised.spending).toBe(total((s) => isSpend(s.line.accountCode)));
    expect(lra.realised.financingIn).toBe(total((s) => s.line.accountCode.startsWith('6.1')));
    expect(lra.budget.spending).toBe(budgetOf((l) => isSpend(l.accountCode)));
    expect(lra.realised.remainder).toBe(
      lra.realised.income -
        lra.realised.spending +
        lra.realised.financingIn -
        lra.realised.financingOut,
    );
    const checkBp = (row: { realised: number; budget: number; bp: number }) => {
      // bp is the nearest integer to realised*10000/budget: |realised*10000 − bp*budget| ≤ budget/2.
      const diff = BigInt(row.realised) * 10000n - BigInt(row.bp) * BigInt(row.budget);
      expect((diff < 0n ? -diff : diff) * 2n <= BigInt(row.budget)).toBe(true);
    };
    for (const row of lra.bidang) {
      expect(row.realised).toBe(
        total((s) => isSpend(s.line.accountCode) && s.line.kegiatanCode.slice(0, 2) === row.code),
      );
      expect(row.budget).toBe(
        budgetOf((l) => isSpend(l.accountCode) && l.kegiatanCode.slice(0, 2) === row.code),
      );
      expect(row.remaining).toBe(row.budget - row.realised);
      checkBp(row);
    }
    for (const row of [
      ...lra.subBidang,
      ...lra.kegiatan,
      ...lra.spendingAccounts,
      ...lra.income,
      ...lra.fundingSources,
    ])
      checkBp(row);
    for (const row of lra.kegiatan)
      expect(row.realised).toBe(
        total((s) => isSpend(s.line.accountCode) && s.line.kegiatanCode === row.code),
      );
    for (const row of lra.spendingAccounts) {
      const [k, a] = row.code.split('|');
      expect(row.realised).toBe(
        total((s) => s.line.kegiatanCode === k && s.line.accountCode === a),
      );
    }
    for (const row of lra.fundingSources) {
      const [side, src] = row.code.split(':');
      expect(row.realised).toBe(
        total(
          (s) =>
            s.line.fundingSource === src && s.line.accountCode[0] === (side === 'P' ? '4' : '5'),
        ),
      );
    }
    for (const m of lra.months) {
      expect(m.spending).toBe(total((s) => s.month === m.month && isSpend(s.line.accountCode)));
      expect(m.income).toBe(total((s) => s.month === m.month && s.line.accountCode[0] === '4'));
    }
    expect(lra.months.reduce((a, m) => a + m.spending, 0)).toBe(lra.realised.spending);
    expect(entries.length).toBe(5000);
    expect(entries.filter((e) => e.kind === 'reversal').length).toBeGreaterThan(200);
  });
});

describe('reference updates from the regency', () => {
  it('add a kegiatan for new lines, retire one, and rebuild idempotently', () => {
    const c = ctx();
    const input = {
      fiscalYear: 2026,
      kegiatanCode: '02.03.99.',
      accountCode: '5.3.5',
      fundingSource: 'DDS',
      description: 'Jalan baru',
      amount: 1,
    };
    expect(createBudgetLine(input, [], c).ok).toBe(false);
    try {
      applyReferenceUpdates([
        { kind: 'kegiatan', code: '02.03.99.', name: 'Kegiatan baru kabupaten', active: true },
        { kind: 'kegiatan', code: '01.01.01.', name: 'Siltap', active: false },
      ]);
      expect(createBudgetLine(input, [], c).ok).toBe(true);
      expect(isKegiatan('01.01.01.')).toBe(false);
      expect(kegiatanChoices().some(([k]) => k === '02.03.99.')).toBe(true);
    } finally {
      applyReferenceUpdates([]);
    }
    expect(isKegiatan('01.01.01.')).toBe(true);
    expect(isKegiatan('02.03.99.')).toBe(false);
  });
});
