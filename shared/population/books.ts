// The village's population books (Buku Administrasi Penduduk, Permendagri 47/2016) as tables:
// B.1 Buku Induk Penduduk, B.2 Buku Mutasi Penduduk, B.3 Buku Rekapitulasi Jumlah Penduduk,
// B.4 Buku Penduduk Sementara, B.5 Buku KTP dan KK. One table feeds the screen, the print (wide
// books in landscape) and the CSV/XLSX files, so the three cannot differ.
import type { PopulationEventDoc, ReportColumn } from '../documents/population';
import { REPORT_COLUMNS } from '../documents/population';
import type { ResidentDoc } from '../documents/resident';
import { EVENT_KIND_LABELS } from './events';
import { isCounted, nationalityOf, totalOf } from './register';
import { COLUMN_LABELS, type MonthlyReport } from './report';

export type Cell = string | number;

export interface BookTable {
  code: 'B1' | 'B2' | 'B3' | 'B4' | 'B5';
  title: string;
  /** Printed in landscape: the form is wider than a portrait page. */
  landscape: boolean;
  head: string[];
  rows: Cell[][];
  /** What the book does not (yet) hold, said on screen and on paper. */
  note?: string;
}

export const BOOK_TITLES: Record<BookTable['code'], string> = {
  B1: 'B.1 Buku Induk Penduduk',
  B2: 'B.2 Buku Mutasi Penduduk',
  B3: 'B.3 Buku Rekapitulasi Jumlah Penduduk',
  B4: 'B.4 Buku Penduduk Sementara',
  B5: 'B.5 Buku KTP dan KK',
};

const SEX = { L: 'L', P: 'P' } as const;
const address = (r: ResidentDoc) =>
  [r.dusun, r.rt && `RT ${r.rt}`, r.rw && `RW ${r.rw}`].filter(Boolean).join(' ');
const byKkThenName = (a: ResidentDoc, b: ResidentDoc) =>
  a.kkNumber === b.kkNumber ? a.name.localeCompare(b.name, 'id') : a.kkNumber < b.kkNumber ? -1 : 1;

/** B.1: every counted resident, by family card. */
export function bookB1(current: readonly ResidentDoc[]): BookTable {
  const rows = current
    .filter(isCounted)
    .sort(byKkThenName)
    .map((r, i) => [
      i + 1,
      r.name,
      SEX[r.sex],
      r.maritalStatus,
      r.birthPlace,
      r.birthDate ?? '',
      r.religion,
      r.education,
      r.occupation,
      nationalityOf(r),
      address(r),
      r.familyRelation,
      r.nik,
      r.kkNumber,
      '',
    ]);
  return {
    code: 'B1',
    title: BOOK_TITLES.B1,
    landscape: true,
    head: [
      'No',
      'Nama lengkap',
      'L/P',
      'Status perkawinan',
      'Tempat lahir',
      'Tanggal lahir',
      'Agama',
      'Pendidikan terakhir',
      'Pekerjaan',
      'Kewarganegaraan',
      'Alamat',
      'Kedudukan dalam keluarga',
      'NIK',
      'Nomor KK',
      'Keterangan',
    ],
    rows,
  };
}

/** B.2: the month's events — additions (born, arrived) and reductions (moved, died) — by date. */
export function bookB2(report: MonthlyReport, events: readonly PopulationEventDoc[]): BookTable {
  const byId = new Map(events.map((e) => [e.id, e]));
  const rows = report.lines.map((l, i) => {
    const e = byId.get(l.eventId);
    const adds = l.column === 'lahir' || l.column === 'datang' || l.column === 'ditemukan';
    const takes = l.column === 'pindah' || l.column === 'mati' || l.column === 'hilang';
    const note = [
      EVENT_KIND_LABELS[l.kind],
      l.sign < 0 ? `membatalkan ${e?.reverses ?? ''}` : '',
      l.late ? 'laporan terlambat' : '',
      e?.reason ?? '',
    ]
      .filter(Boolean)
      .join('; ');
    return [
      i + 1,
      l.name,
      l.nik,
      l.sex,
      l.nationality,
      adds && l.sign > 0 ? (e?.place ?? '') : '',
      adds && l.sign > 0 ? l.eventDate : '',
      takes && l.sign > 0 && l.column !== 'mati' ? (e?.place ?? '') : '',
      takes && l.sign > 0 && l.column !== 'mati' ? l.eventDate : '',
      l.column === 'mati' && l.sign > 0 ? l.eventDate : '',
      l.reportDate,
      note,
    ];
  });
  return {
    code: 'B2',
    title: `${BOOK_TITLES.B2} — ${report.month}`,
    landscape: true,
    head: [
      'No',
      'Nama lengkap',
      'NIK',
      'L/P',
      'Kewarganegaraan',
      'Datang dari / lahir di',
      'Tanggal datang / lahir',
      'Pindah ke',
      'Tanggal pindah',
      'Meninggal tanggal',
      'Tanggal lapor',
      'Keterangan',
    ],
    rows,
  };
}

/** The monthly report's table: start, each change, end — by nationality and sex, with families. */
export function reportTable(report: MonthlyReport): BookTable {
  const row = (label: string, c: MonthlyReport['start'], families: Cell = '') => [
    label,
    c.lWni,
    c.pWni,
    c.lWna,
    c.pWna,
    c.lWni + c.lWna,
    c.pWni + c.pWna,
    totalOf(c),
    families,
  ];
  return {
    code: 'B3',
    title: `Laporan Bulanan Penduduk — ${report.month}`,
    landscape: false,
    head: ['Uraian', 'WNI L', 'WNI P', 'WNA L', 'WNA P', 'Jumlah L', 'Jumlah P', 'Jumlah', 'KK'],
    rows: [
      row('Penduduk awal bulan', report.start, report.startFamilies),
      ...REPORT_COLUMNS.map((c: ReportColumn) => row(COLUMN_LABELS[c], report.columns[c])),
      row('Penduduk akhir bulan', report.end, report.endFamilies),
    ],
  };
}

/** B.3: the recapitulation of the village's numbers for the month (the monthly report's figures). */
export function bookB3(report: MonthlyReport): BookTable {
  return { ...reportTable(report), code: 'B3', title: `${BOOK_TITLES.B3} — ${report.month}` };
}

/** B.4: temporary residents. Balai does not record them yet, so the book is its form, empty. */
export function bookB4(): BookTable {
  return {
    code: 'B4',
    title: BOOK_TITLES.B4,
    landscape: true,
    head: [
      'No',
      'Nama lengkap',
      'L/P',
      'Nomor identitas',
      'Tempat/tanggal lahir',
      'Pekerjaan',
      'Kewarganegaraan',
      'Datang dari',
      'Maksud kedatangan',
      'Nama dan alamat yang didatangi',
      'Datang tanggal',
      'Pergi tanggal',
      'Keterangan',
    ],
    rows: [],
    note: 'Penduduk sementara belum dicatat di Balai; buku ini dicetak sebagai formulir kosong.',
  };
}

/** B.5: the KK and KTP-el holders, family by family (KTP-el from age 17 or married). */
export function bookB5(current: readonly ResidentDoc[], today: string): BookTable {
  const adult = (r: ResidentDoc) =>
    !!r.birthDate &&
    (Number(today.slice(0, 4)) -
      Number(r.birthDate.slice(0, 4)) -
      (today.slice(5) < r.birthDate.slice(5) ? 1 : 0) >=
      17 ||
      !/belum/i.test(r.maritalStatus));
  const rows = current
    .filter(isCounted)
    .sort(byKkThenName)
    .map((r, i) => [
      i + 1,
      r.kkNumber,
      r.name,
      r.nik,
      r.sex,
      [r.birthPlace, r.birthDate ?? ''].filter(Boolean).join(', '),
      r.religion,
      r.education,
      r.occupation,
      address(r),
      r.maritalStatus,
      r.familyRelation,
      nationalityOf(r),
      adult(r) ? 'wajib KTP-el' : '',
    ]);
  return {
    code: 'B5',
    title: BOOK_TITLES.B5,
    landscape: true,
    head: [
      'No',
      'Nomor KK',
      'Nama lengkap',
      'NIK',
      'L/P',
      'Tempat/tanggal lahir',
      'Agama',
      'Pendidikan',
      'Pekerjaan',
      'Alamat',
      'Status perkawinan',
      'Hubungan keluarga',
      'Kewarganegaraan',
      'Keterangan',
    ],
    rows,
  };
}

/** A book as the rows of a CSV or XLSX file: title, header, rows. */
export function bookRows(book: BookTable): Cell[][] {
  return [[book.title], book.head, ...book.rows, ...(book.note ? [[book.note]] : [])];
}
