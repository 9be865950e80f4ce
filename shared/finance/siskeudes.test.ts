// Siskeudes interchange: a budget exported and imported again comes back the same; a malformed
// file is rejected as a whole, with a reason for each bad row.
import { describe, expect, it } from 'vitest';
import { createIdGenerator } from '../ids';
import { adoptBudget, createBudgetLine, type FinanceContext } from './budget';
import { parseCsv } from '../csv';
import { recordEntry } from './ledger';
import { exportBudgetCsv, exportRealisationCsv, importSiskeudesBudget } from './siskeudes';

const code = '3510992001';
const ctx = (): FinanceContext => ({
  villageCode: code,
  kioskId: 'k1',
  ids: createIdGenerator(code, 'k1'),
});

const GOOD = [
  'Tahun;Kd_Desa;Kd_Keg;Kd_Rincian;SumberDana;Uraian;JmlSatuan;Satuan;HrgSatuan;Anggaran',
  '2026;35.10.99.2001.;00.00.00.;4.2.1.;DDS;Dana Desa;1;tahun;800000000;800000000',
  '2026;35.10.99.2001.;00.00.00.;4.2.3.;ADD;Alokasi Dana Desa;;;;400.000.000',
  '2026;35.10.99.2001.;35.10.99.2001.01.01.01.;5.1.1.;ADD;Siltap Kepala Desa;12;bulan;3000000;36000000',
  '2026;35.10.99.2001.;01.01.04.;5.2.1.;ADD;ATK;10;rim;55000;550000.00',
  '2026;35.10.99.2001.;01.01.04.;5.2.1.;ADD;Tinta;"2";botol;100000;200000',
  '"2026";35.10.99.2001.;02.03.01.;5.3.5.;DDS;"Jalan; rabat beton";1;paket;500000000;500000000',
].join('\r\n');

describe('Siskeudes import', () => {
  it('reads a Ta_RABRinci export into draft lines, merging detail rows of one line', () => {
    const result = importSiskeudesBudget(
      GOOD,
      { fiscalYear: 2026, villageCode: code, existing: [] },
      ctx(),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.rejected));
    expect(result.rowsRead).toBe(6);
    expect(result.lines).toHaveLength(5);
    const atk = result.lines.find((l) => l.accountCode === '5.2.1')!;
    expect(atk).toMatchObject({ amount: 750_000, description: 'ATK; Tinta', volume: null });
    const siltap = result.lines.find((l) => l.accountCode === '5.1.1')!;
    expect(siltap).toMatchObject({
      kegiatanCode: '01.01.01.',
      volume: 12,
      unitPrice: 3_000_000,
      stage: 'draft',
    });
    expect(result.lines.find((l) => l.accountCode === '5.3.5')!.description).toBe(
      'Jalan; rabat beton',
    );
  });

  it('rejects a malformed file as a whole, with line-level reasons', () => {
    const bad =
      GOOD +
      '\r\n2026;35.10.99.2001.;09.09.09.;5.9.9.;d-1;;1;x;10;11\r\n2025;;00.00.00.;4.1.1.;PAD;Sewa;;;;12,5';
    const result = importSiskeudesBudget(
      bad,
      { fiscalYear: 2026, villageCode: code, existing: [] },
      ctx(),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.rejected.map((r) => r.line)).toEqual([8, 9]);
    const reasons8 = result.rejected[0]!.reasons.join(' ');
    expect(reasons8).toMatch(/Kode rekening/);
    expect(reasons8).toMatch(/Sumber dana/);
    expect(reasons8).toMatch(/Uraian/);
    expect(reasons8).toMatch(/tidak sama dengan Anggaran/);
    expect(result.rejected[1]!.reasons.join(' ')).toMatch(
      /Tahun 2025 bukan 2026.*bukan rupiah bulat/,
    );
    expect(
      importSiskeudesBudget(
        'Tahun;Uraian\r\n2026;x',
        { fiscalYear: 2026, villageCode: code, existing: [] },
        ctx(),
      ),
    ).toMatchObject({ ok: false, rejected: [{ line: 1 }] });
  });

  it('exports what it imports, and the realisation with signed effects', () => {
    const c = ctx();
    const imported = importSiskeudesBudget(
      GOOD,
      { fiscalYear: 2026, villageCode: code, existing: [] },
      c,
    );
    if (!imported.ok) throw new Error('import failed');
    const lines = adoptBudget(imported.lines, 2026, c);
    if (!lines.ok) throw new Error('adopt failed');
    const csv = exportBudgetCsv(lines.value, 2026, code);
    const again = importSiskeudesBudget(
      csv,
      { fiscalYear: 2026, villageCode: code, existing: [] },
      c,
    );
    if (!again.ok) throw new Error(JSON.stringify(again.rejected));
    const strip = (ls: typeof imported.lines) =>
      ls
        .map((l) => [l.kegiatanCode, l.accountCode, l.fundingSource, l.amount, l.description])
        .sort();
    expect(strip(again.lines)).toEqual(strip(imported.lines));
    const road = lines.value.find((l) => l.accountCode === '5.3.5')!;
    const dd = lines.value.find((l) => l.accountCode === '4.2.1')!;
    const cashIn = recordEntry(
      {
        budgetLineId: dd.id,
        kind: 'receipt',
        date: '2026-05-01',
        amount: 5000,
        evidenceNumber: 'T1',
        payee: '',
        description: 'Dana Desa tahap 1',
      },
      { lines: lines.value, entries: [] },
      'Bendahara',
      c,
    );
    if (!cashIn.ok) throw new Error('receipt failed');
    const pay = recordEntry(
      {
        budgetLineId: road.id,
        kind: 'payment-ls',
        date: '2026-05-02',
        amount: 1000,
        evidenceNumber: 'B1',
        payee: 'CV',
        description: 'x',
      },
      { lines: lines.value, entries: [cashIn.value] },
      'Bendahara',
      c,
    );
    if (!pay.ok) throw new Error('pay failed');
    const rows = parseCsv(
      exportRealisationCsv(lines.value, [cashIn.value, pay.value], 2026, code),
    ).map((r) => r.cells);
    expect(rows[1]![4]).toBe('TBP');
    expect(rows[2]).toEqual([
      '2026',
      '35.10.99.2001',
      '2026-05-02',
      'B1',
      'LS',
      '02.03.01.',
      '5.3.5.',
      'DDS',
      '1000',
      '1000',
      'x',
      '',
    ]);
  });

  it('refuses to import into a year whose budget is adopted', () => {
    const c = ctx();
    const line = createBudgetLine(
      {
        fiscalYear: 2026,
        kegiatanCode: '',
        accountCode: '4.2.1',
        fundingSource: 'DDS',
        description: 'DD',
        amount: 1,
      },
      [],
      c,
    );
    if (!line.ok) throw new Error('line');
    const adopted = adoptBudget([line.value], 2026, c);
    if (!adopted.ok) throw new Error('adopt');
    expect(
      importSiskeudesBudget(
        GOOD,
        { fiscalYear: 2026, villageCode: code, existing: adopted.value },
        c,
      ).ok,
    ).toBe(false);
  });
});
