// The LRA as CSV for spreadsheets and for the regency (amounts as plain integers).
import { toCsv } from '../csv';
import type { LraReport, LraRow } from './lra';

/** The LRA as rows: a section column, then code, name, budget, realised, remaining, percent. */
export function lraRows(report: LraReport): (string | number)[][] {
  const pct = (bp: number) => (bp / 100).toFixed(2).replace('.', ',');
  const rows: (string | number)[][] = [
    ['Bagian', 'Kode', 'Uraian', 'Anggaran', 'Realisasi', 'Sisa', 'Persen'],
  ];
  const section = (name: string, list: LraRow[]) =>
    list.forEach((r) =>
      rows.push([name, r.code, r.name, r.budget, r.realised, r.remaining, pct(r.bp)]),
    );
  section('Pendapatan', report.income);
  section('Bidang', report.bidang);
  section('Sub Bidang', report.subBidang);
  section('Kegiatan', report.kegiatan);
  section('Belanja per Rekening', report.spendingAccounts);
  section('Pembiayaan', report.financing);
  section('Sumber Dana', report.fundingSources);
  for (const m of report.months)
    rows.push(
      ['Bulan', m.month, 'Pendapatan', '', m.income, '', ''],
      ['Bulan', m.month, 'Belanja', '', m.spending, '', ''],
    );
  const t = report.budget;
  const r = report.realised;
  rows.push(
    ['Jumlah', '4', 'Pendapatan', t.income, r.income, t.income - r.income, ''],
    ['Jumlah', '5', 'Belanja', t.spending, r.spending, t.spending - r.spending, ''],
    ['Jumlah', '', 'Surplus/(Defisit)', t.surplus, r.surplus, '', ''],
    ['Jumlah', '6', 'Pembiayaan Netto', t.netFinancing, r.netFinancing, '', ''],
    ['Jumlah', '', 'SiLPA', t.remainder, r.remainder, '', ''],
  );
  return rows;
}

/** The LRA as one CSV (see `lraRows`). */
export function lraCsv(report: LraReport): string {
  return toCsv(lraRows(report));
}
