// CSV for spreadsheets and for the regency: RFC 4180 quoting, `;` separators (what Excel with
// Indonesian regional settings opens directly), CRLF line ends, amounts as plain integers.
import type { LraReport, LraRow } from './lra';

export const CSV_SEPARATOR = ';';

export function csvField(value: string | number): string {
  const text = String(value);
  return /[;",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly (readonly (string | number)[])[]): string {
  return rows.map((r) => r.map(csvField).join(CSV_SEPARATOR)).join('\r\n') + '\r\n';
}

/** Split CSV text into rows of fields (quotes, doubled quotes, `;` or `,` separators). */
export function parseCsv(text: string, separator?: string): string[][] {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.slice(0, body.search(/\r?\n|$/));
  const sep = separator ?? (firstLine.split(';').length >= firstLine.split(',').length ? ';' : ',');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"') {
        if (body[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

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
