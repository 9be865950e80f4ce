// Each treasurer's book as one table — header, lines, totals — read by the screen, the print, the
// CSV and the XLSX alike, so what is shown is what is exported.
import type { BudgetLineDoc, LedgerEntryDoc } from '../documents/budget';
import { formatLongDate } from '../dates';
import { panjarBook, taxBook, treasuryBook, type BookName } from './treasury';
import { taxName } from './taxes';
import { kegiatanName } from './reference';

export const TREASURY_BOOKS = {
  umum: 'Buku Kas Umum',
  bank: 'Buku Pembantu Bank',
  tunai: 'Buku Pembantu Kas Tunai',
  pajak: 'Buku Pembantu Pajak',
  panjar: 'Buku Pembantu Panjar',
} as const;
export type TreasuryBookId = keyof typeof TREASURY_BOOKS;

export interface BookTable {
  header: string[];
  /** Which columns hold rupiah. */
  money: boolean[];
  rows: (string | number)[][];
  /** The closing lines (Jumlah, saldo, outstanding per kegiatan). */
  totals: (string | number)[][];
}

/** A year has at most 366 dates and a book thousands of lines: format each date once. */
function dateFormatter(): (iso: string) => string {
  const seen = new Map<string, string>();
  return (iso) => {
    let text = seen.get(iso);
    if (text === undefined) seen.set(iso, (text = formatLongDate(iso)));
    return text;
  };
}

const describe = (e: LedgerEntryDoc, label: string) =>
  [label, e.payee, e.description].filter((s) => s.trim()).join(' — ');

function cashTable(entries: readonly LedgerEntryDoc[], name: BookName): BookTable {
  const book = treasuryBook(entries, name);
  const formatDate = dateFormatter();
  return {
    header: ['Tanggal', 'No. Bukti', 'Uraian', 'Penerimaan', 'Pengeluaran', 'Saldo'],
    money: [false, false, false, true, true, true],
    rows: book.lines.map((l) => [
      formatDate(l.entry.date),
      l.entry.evidenceNumber,
      describe(l.entry, name === 'umum' ? `${l.label} (${l.entry.cashAccount})` : l.label),
      l.in || '',
      l.out || '',
      l.balance,
    ]),
    totals: [['', '', 'Jumlah', book.totalIn, book.totalOut, book.balance]],
  };
}

export function treasuryTable(
  id: TreasuryBookId,
  entries: readonly LedgerEntryDoc[],
  lines: readonly BudgetLineDoc[],
): BookTable {
  if (id === 'umum' || id === 'bank' || id === 'tunai') return cashTable(entries, id);
  if (id === 'pajak') {
    const book = taxBook(entries);
    return {
      header: ['Tanggal', 'No. Bukti', 'Pajak', 'Uraian', 'Pemotongan', 'Penyetoran', 'Saldo'],
      money: [false, false, false, false, true, true, true],
      rows: book.lines.map((l) => [
        formatLongDate(l.entry.date),
        l.entry.evidenceNumber,
        taxName(l.code),
        describe(l.entry, ''),
        l.withheld || '',
        l.deposited || '',
        l.balance,
      ]),
      totals: [
        [
          '',
          '',
          '',
          'Jumlah',
          book.totalWithheld,
          book.totalDeposited,
          book.totalWithheld - book.totalDeposited,
        ],
        ...Object.entries(book.held).map(([code, v]) => [
          '',
          '',
          taxName(code),
          'Belum disetor',
          '',
          '',
          v,
        ]),
      ],
    };
  }
  const book = panjarBook(entries, lines);
  return {
    header: [
      'Tanggal',
      'No. Bukti',
      'Kegiatan',
      'Penerima',
      'Panjar',
      'SPJ',
      'Dikembalikan',
      'Sisa',
    ],
    money: [false, false, false, false, true, true, true, true],
    rows: book.advances.map((a) => [
      formatLongDate(a.entry.date),
      a.entry.evidenceNumber,
      `${a.kegiatanCode} ${kegiatanName(a.kegiatanCode)}`,
      a.entry.payee,
      a.given,
      a.accounted,
      a.returned,
      a.outstanding,
    ]),
    totals: book.byKegiatan.map((k) => [
      '',
      '',
      `${k.kegiatanCode} ${kegiatanName(k.kegiatanCode)}`,
      'Sisa panjar kegiatan',
      '',
      '',
      '',
      k.outstanding,
    ]),
  };
}
