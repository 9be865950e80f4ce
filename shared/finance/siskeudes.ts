// Interchange with Siskeudes, the desktop system villages use today. Export: the budget in the
// layout of Siskeudes' RAB detail table (Ta_RABRinci) and the realisation as one row per cash-book
// entry, so a regency can load both next to Siskeudes data. Import: a village's APBDes from a CSV
// export of Ta_RABRinci — all or nothing, with a reason for every rejected row.
// Columns read and written are documented in docs/decisions/0005-village-finance.md.
import type { BudgetLineDoc, LedgerEntryDoc } from '../documents/budget';
import {
  budgetInForce,
  createBudgetLine,
  latestVersion,
  lineKey,
  type FinanceContext,
} from './budget';
import { parseCsv, toCsv } from '../csv';
import { entryEffects } from './ledger';
import { sumRupiah } from './money';
import { accountClass } from './reference';

/** Siskeudes' Kd_Keg for rows that have no kegiatan (income and financing). */
const NO_KEGIATAN = '00.00.00.';

export const BUDGET_COLUMNS = [
  'Tahun',
  'Kd_Desa',
  'Kd_Keg',
  'Kd_Rincian',
  'SumberDana',
  'Uraian',
  'JmlSatuan',
  'Satuan',
  'HrgSatuan',
  'Anggaran',
] as const;

export const REALISATION_COLUMNS = [
  'Tahun',
  'Kd_Desa',
  'Tgl_Bukti',
  'No_Bukti',
  'Jenis',
  'Kd_Keg',
  'Kd_Rincian',
  'SumberDana',
  'Nilai',
  'Realisasi',
  'Keterangan',
  'Ref_Bukti',
] as const;

/**
 * The cash-book entry's kind as Siskeudes' penatausahaan names its documents: TBP (tanda bukti
 * penerimaan), SPP LS and UM (panjar), SPJ of a panjar, and JU (jurnal umum) for a correction.
 */
export const SISKEUDES_JENIS: Record<LedgerEntryDoc['kind'], string> = {
  receipt: 'TBP',
  'payment-ls': 'LS',
  'payment-um': 'UM',
  spj: 'SPJ',
  reversal: 'JU',
  // The treasury's own moves (decision 0024): saldo awal, mutasi kas, a panjar's unspent part
  // received back, and a withheld tax paid in (SSP).
  opening: 'SA',
  'deposit-bank': 'MTS',
  'withdraw-cash': 'MTS',
  'advance-return': 'TBP',
  'tax-deposit': 'SSP',
};

const formatDesa = (code: string) =>
  `${code.slice(0, 2)}.${code.slice(2, 4)}.${code.slice(4, 6)}.${code.slice(6)}`;

/** The budget in force (or the latest draft) as Ta_RABRinci rows. */
export function exportBudgetCsv(
  lines: readonly BudgetLineDoc[],
  fiscalYear: number,
  villageCode: string,
): string {
  const rows: (string | number)[][] = [[...BUDGET_COLUMNS]];
  for (const l of budgetInForce(lines, fiscalYear).lines)
    rows.push([
      fiscalYear,
      formatDesa(villageCode),
      l.kegiatanCode || NO_KEGIATAN,
      `${l.accountCode}.`,
      l.fundingSource,
      l.description,
      l.volume ?? 1,
      l.unit,
      l.unitPrice ?? l.amount,
      l.amount,
    ]);
  return toCsv(rows);
}

/** One row per cash-book entry; `Realisasi` is its signed effect on the LRA. */
export function exportRealisationCsv(
  lines: readonly BudgetLineDoc[],
  entries: readonly LedgerEntryDoc[],
  fiscalYear: number,
  villageCode: string,
): string {
  const lineOf = new Map(lines.map((l) => [l.id, l]));
  const ofYear = entries.filter((e) => e.fiscalYear === fiscalYear);
  const effects = entryEffects(ofYear);
  const evidenceOf = new Map(ofYear.map((e) => [e.id, e.evidenceNumber]));
  const rows: (string | number)[][] = [[...REALISATION_COLUMNS]];
  for (const e of ofYear) {
    const l = lineOf.get(e.budgetLineId);
    if (!l) continue;
    rows.push([
      fiscalYear,
      formatDesa(villageCode),
      e.date,
      e.evidenceNumber,
      SISKEUDES_JENIS[e.kind],
      l.kegiatanCode || NO_KEGIATAN,
      `${l.accountCode}.`,
      l.fundingSource,
      e.amount,
      effects.get(e.id)?.realised ?? 0,
      e.description,
      e.reverses
        ? (evidenceOf.get(e.reverses) ?? '')
        : e.settles
          ? (evidenceOf.get(e.settles) ?? '')
          : '',
    ]);
  }
  return toCsv(rows);
}

export interface ImportRejection {
  /** 1-based line of the file (the header is line 1). */
  line: number;
  reasons: string[];
}

export type ImportResult =
  | { ok: true; lines: BudgetLineDoc[]; rowsRead: number }
  | { ok: false; rejected: ImportRejection[]; rowsRead: number };

/** Whole rupiah from Siskeudes' text: "1500000", "1.500.000", "1500000.00", "1500000,00". */
function parseAmount(text: string): number | null {
  let t = text.trim().replace(/^Rp\.?\s*/i, '');
  t = t.replace(/[.,]00$/, '');
  if (/^\d{1,3}(\.\d{3})+$/.test(t)) t = t.replace(/\./g, '');
  if (!/^\d{1,16}$/.test(t)) return null;
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : null;
}

/**
 * Read a Ta_RABRinci CSV into draft budget lines of `fiscalYear` (version 1, or the amendment
 * being prepared). Several detail rows of one kegiatan + account + funding source become one
 * line (amounts added; the volume × price detail is kept when there is a single row). Any
 * rejected row rejects the whole file.
 */
export function importSiskeudesBudget(
  text: string,
  options: { fiscalYear: number; villageCode: string; existing: readonly BudgetLineDoc[] },
  ctx: FinanceContext,
): ImportResult {
  const records = parseCsv(text);
  const rejected: ImportRejection[] = [];
  const header = (records[0]?.cells ?? []).map((h) => h.trim().toLowerCase());
  const col = (name: string) => header.indexOf(name.toLowerCase());
  const required = ['Tahun', 'Kd_Keg', 'Kd_Rincian', 'SumberDana', 'Uraian', 'Anggaran'];
  const missing = required.filter((c) => col(c) === -1);
  if (missing.length > 0)
    return {
      ok: false,
      rowsRead: Math.max(0, records.length - 1),
      rejected: [{ line: 1, reasons: [`Kolom tidak ada: ${missing.join(', ')}.`] }],
    };
  const working = latestVersion(options.existing, options.fiscalYear);
  if (working.lines.some((l) => l.stage === 'adopted'))
    return {
      ok: false,
      rowsRead: records.length - 1,
      rejected: [
        {
          line: 1,
          reasons: [`APBDes ${options.fiscalYear} sudah ditetapkan; impor hanya ke rancangan.`],
        },
      ],
    };
  const get = (row: string[], name: string) =>
    col(name) === -1 ? '' : (row[col(name)] ?? '').trim();
  interface Group {
    firstLine: number;
    kegiatanCode: string;
    accountCode: string;
    fundingSource: string;
    descriptions: string[];
    amounts: number[];
    detail: { volume: number; unit: string; unitPrice: number } | null;
    rows: number;
  }
  const groups = new Map<string, Group>();
  const desa = options.villageCode;
  for (const { cells: row, line } of records.slice(1)) {
    const reasons: string[] = [];
    if (Number(get(row, 'Tahun')) !== options.fiscalYear)
      reasons.push(`Tahun ${get(row, 'Tahun') || '(kosong)'} bukan ${options.fiscalYear}.`);
    const kdDesa = get(row, 'Kd_Desa').replace(/\.$/, '');
    if (kdDesa && kdDesa.replace(/\./g, '') !== desa)
      reasons.push(`Kd_Desa ${kdDesa} bukan desa ini.`);
    let keg = get(row, 'Kd_Keg');
    // Some exports prefix Kd_Keg with the village code.
    for (const prefix of [`${formatDesa(desa)}.`, `${desa}.`])
      if (keg.startsWith(prefix)) keg = keg.slice(prefix.length);
    if (keg === NO_KEGIATAN || keg === '') keg = '';
    const account = get(row, 'Kd_Rincian').replace(/\.$/, '');
    const source = get(row, 'SumberDana').toUpperCase();
    const amount = parseAmount(get(row, 'Anggaran'));
    if (amount === null) reasons.push(`Anggaran "${get(row, 'Anggaran')}" bukan rupiah bulat.`);
    const vol = get(row, 'JmlSatuan');
    const price = get(row, 'HrgSatuan');
    let detail: Group['detail'] = null;
    if (vol && price) {
      const v = /^\d+$/.test(vol) ? Number(vol) : null;
      const p = parseAmount(price);
      if (v !== null && p !== null && amount !== null) {
        if (v * p !== amount)
          reasons.push(`JmlSatuan × HrgSatuan (${v} × ${p}) tidak sama dengan Anggaran ${amount}.`);
        else detail = { volume: v, unit: get(row, 'Satuan'), unitPrice: p };
      }
    }
    // Check the row on its own with the domain rules (codes, source, description).
    const probe = createBudgetLine(
      {
        fiscalYear: options.fiscalYear,
        kegiatanCode: accountClass(account) === 'spending' ? keg : keg === '' ? '' : keg,
        accountCode: account,
        fundingSource: source,
        description: get(row, 'Uraian'),
        amount: amount ?? 0,
      },
      [],
      ctx,
    );
    if (!probe.ok) reasons.push(...Object.values(probe.errors));
    if (reasons.length > 0) {
      rejected.push({ line, reasons });
      continue;
    }
    const key = lineKey({ kegiatanCode: keg, accountCode: account, fundingSource: source });
    const group = groups.get(key) ?? {
      firstLine: line,
      kegiatanCode: keg,
      accountCode: account,
      fundingSource: source,
      descriptions: [],
      amounts: [],
      detail,
      rows: 0,
    };
    group.rows++;
    group.descriptions.push(get(row, 'Uraian'));
    group.amounts.push(amount!);
    if (group.rows > 1) group.detail = null;
    groups.set(key, group);
  }
  const lines: BudgetLineDoc[] = [];
  if (rejected.length === 0) {
    // Groups have distinct keys, so each new line is checked against the stored lines only.
    for (const g of groups.values()) {
      const description = [...new Set(g.descriptions)].join('; ').slice(0, 300);
      const made = createBudgetLine(
        {
          fiscalYear: options.fiscalYear,
          kegiatanCode: g.kegiatanCode,
          accountCode: g.accountCode,
          fundingSource: g.fundingSource,
          description,
          amount: sumRupiah(g.amounts),
          volume: g.detail?.volume ?? null,
          unit: g.detail?.unit ?? '',
          unitPrice: g.detail?.unitPrice ?? null,
        },
        options.existing,
        ctx,
      );
      if (!made.ok) rejected.push({ line: g.firstLine, reasons: Object.values(made.errors) });
      else lines.push(made.value);
    }
  }
  if (records.length < 2)
    rejected.push({ line: 1, reasons: ['Berkas tidak berisi baris anggaran.'] });
  if (rejected.length > 0)
    return { ok: false, rejected, rowsRead: Math.max(0, records.length - 1) };
  return { ok: true, lines, rowsRead: records.length - 1 };
}
