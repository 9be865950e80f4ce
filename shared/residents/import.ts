// Importing a resident extract (CSV from Dukcapil/SIAK or OpenSID): the columns are recognised by
// name (docs/resident-import.md), every row is checked, and the file is taken whole or not at all:
// any wrong row means nothing is imported, and each wrong line is reported with its reason.
import { parseCsv, toCsv, type CsvRecord } from '../csv';
import { parseDateInput } from '../dates';
import {
  EDUCATION_LEVELS,
  FAMILY_RELATIONS,
  MARITAL_STATUSES,
  OCCUPATIONS,
  RELIGIONS,
  canonicalName,
  type CodeList,
} from './civil-codes';
import type { ResidentDoc } from '../documents/resident';
import { isTemporaryNik, nikMismatches, parseNik, type Sex } from '../nik';
import { duplicateNikMessage, nameKey, type NikHolder } from './local';
import { newDocument, type Author } from '../documents/base';

type Field =
  | 'nik'
  | 'kkNumber'
  | 'name'
  | 'birthPlace'
  | 'birthDate'
  | 'sex'
  | 'religion'
  | 'maritalStatus'
  | 'familyRelation'
  | 'education'
  | 'occupation'
  | 'nationality'
  | 'dusun'
  | 'rw'
  | 'rt'
  | 'status';

/** Accepted header names per field, normalised (lower case, letters and digits only). */
export const COLUMN_NAMES: Record<Field, readonly string[]> = {
  nik: ['nik', 'nomorindukkependudukan'],
  kkNumber: ['nokk', 'nomorkk', 'kk', 'nokartukeluarga', 'nomorkartukeluarga'],
  name: ['nama', 'namalgkp', 'namalengkap', 'namapenduduk'],
  birthPlace: ['tempatlahir', 'tmptlhr', 'tmplahir'],
  birthDate: ['tanggallahir', 'tgllhr', 'tgllahir'],
  sex: ['jeniskelamin', 'jenisklmin', 'jk', 'sex', 'lp'],
  religion: ['agama'],
  maritalStatus: ['statusperkawinan', 'statkwn', 'statuskawin', 'kawin'],
  familyRelation: ['hubungankeluarga', 'stathbkel', 'shdk', 'hubungandalamkeluarga', 'kklevel'],
  education: ['pendidikan', 'pddkakh', 'pendidikanterakhir', 'pendidikankk'],
  occupation: ['pekerjaan', 'jenispkrjn'],
  nationality: ['kewarganegaraan', 'warganegara', 'wni'],
  dusun: ['dusun', 'namadusun', 'namadsn'],
  rw: ['rw', 'norw'],
  rt: ['rt', 'nort'],
  status: ['status', 'statusdasar', 'statuspenduduk'],
};

const REQUIRED: Field[] = ['nik', 'name'];

/**
 * The file a village fills when it has no SIAK extract: SIAK's column names, one example row (a
 * made-up resident, to be overwritten), `;`-separated as Indonesian spreadsheets save.
 */
export function importTemplateCsv(): string {
  return toCsv([
    [
      'NIK',
      'NO_KK',
      'NAMA_LGKP',
      'TMPT_LHR',
      'TGL_LHR',
      'JENIS_KLMIN',
      'AGAMA',
      'STAT_KWN',
      'STAT_HBKEL',
      'PDDK_AKH',
      'JENIS_PKRJN',
      'DUSUN',
      'NO_RW',
      'NO_RT',
    ],
    [
      '3510171708450001',
      '3510170101090001',
      'Budi Santoso',
      'Banyuwangi',
      '17-08-1945',
      'L',
      'Islam',
      'Kawin',
      'Kepala Keluarga',
      'SLTA/Sederajat',
      'Petani/Pekebun',
      'Krajan',
      '1',
      '2',
    ],
  ]);
}

const normalise = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, '');

export interface RowProblem {
  line: number;
  message: string;
}

export interface ImportPlan {
  /** Which column each recognised field came from. */
  columns: Partial<Record<Field, string>>;
  /** Columns the file has that Balai does not read (e.g. `ALAMAT`): shown, not dropped in silence. */
  unknownColumns: string[];
  docs: ResidentDoc[];
  /** Warnings that do not stop the import (NIK disagreeing with the row's birth date or sex). */
  warnings: RowProblem[];
  /** Any problem here means nothing is imported. */
  problems: RowProblem[];
}

function parseSex(value: string): Sex | null | 'bad' {
  const v = value.trim().toUpperCase();
  if (!v) return null;
  if (['L', 'LK', 'LAKI-LAKI', 'LAKI LAKI', 'LAKI', '1', 'PRIA'].includes(v)) return 'L';
  if (['P', 'PR', 'PEREMPUAN', 'WANITA', '2'].includes(v)) return 'P';
  return 'bad';
}

function parseStatus(value: string): ResidentDoc['status'] | 'bad' {
  const v = value.trim().toLowerCase();
  if (!v || ['hidup', 'aktif', '1', 'living'].includes(v)) return 'living';
  if (['pindah', '3', 'moved'].includes(v)) return 'moved';
  if (['mati', 'meninggal', '2', 'deceased'].includes(v)) return 'deceased';
  return 'bad';
}

type ImportOptions = {
  /** The register's residents by NIK: a row with one of these NIKs is refused, naming its holder. */
  existing?: ReadonlyMap<string, NikHolder>;
  now?: Date;
};

/** A coded element (agama, pekerjaan…) as the list names it; unknown text is kept as written. */
function coded(list: CodeList, value: string, max: number): string {
  return (canonicalName(list, value) ?? value).slice(0, max);
}

export function planImport(text: string, author: Author, options: ImportOptions = {}): ImportPlan {
  return planImportRecords(parseCsv(text), author, options);
}

/** The plan for records read from a CSV or a spreadsheet (`line` = the file's line or row). */
export function planImportRecords(
  records: readonly CsvRecord[],
  author: Author,
  options: ImportOptions = {},
): ImportPlan {
  const plan: ImportPlan = {
    columns: {},
    unknownColumns: [],
    docs: [],
    warnings: [],
    problems: [],
  };
  const header = records[0];
  if (!header) {
    plan.problems.push({ line: 1, message: 'Berkas kosong.' });
    return plan;
  }
  const index: Partial<Record<Field, number>> = {};
  header.cells.forEach((raw, i) => {
    const name = normalise(raw);
    let known = false;
    for (const [field, names] of Object.entries(COLUMN_NAMES) as [Field, readonly string[]][]) {
      if (names.includes(name) && index[field] === undefined) {
        index[field] = i;
        plan.columns[field] = raw.trim();
        known = true;
      }
    }
    if (!known && raw.trim()) plan.unknownColumns.push(raw.trim());
  });
  const missing = REQUIRED.filter((f) => index[f] === undefined);
  if (missing.length) {
    const labels = { nik: 'NIK', name: 'NAMA' } as Record<Field, string>;
    plan.problems.push({
      line: 1,
      message: `Kolom wajib tidak ditemukan: ${missing.map((f) => labels[f]).join(', ')}. Kolom yang ada: ${header.cells.map((c) => c.trim()).join(', ')}.`,
    });
    return plan;
  }
  const seen = new Map<string, number>();
  const at = (options.now ?? new Date()).toISOString();
  for (const record of records.slice(1)) {
    const get = (f: Field) =>
      index[f] === undefined ? '' : (record.cells[index[f]!] ?? '').trim();
    const problems: string[] = [];
    if (record.cells.length !== header.cells.length) {
      problems.push(`jumlah kolom ${record.cells.length}, seharusnya ${header.cells.length}`);
    }
    const nik = get('nik').replace(/[\s']/g, '');
    const parsed = parseNik(nik);
    if (!isTemporaryNik(nik) && !parsed.ok) problems.push(parsed.message);
    const earlier = seen.get(nik);
    if (nik && earlier !== undefined) problems.push(`NIK ${nik} sudah ada di baris ${earlier}`);
    else if (nik) seen.set(nik, record.line);
    const holder = nik ? options.existing?.get(nik) : undefined;
    if (holder) problems.push(duplicateNikMessage(nik, holder));
    const name = get('name').replace(/\s+/g, ' ');
    if (!name) problems.push('nama kosong');
    else if (name.length > 120) problems.push('nama lebih dari 120 huruf');
    const kk = get('kkNumber').replace(/[\s']/g, '');
    if (kk && !/^[1-9]\d{15}$/.test(kk))
      problems.push(`nomor KK "${kk}" harus 16 angka, tidak diawali 0`);
    const birthDate = parseDateInput(get('birthDate'));
    if (birthDate === 'bad') problems.push(`tanggal lahir "${get('birthDate')}" tidak sah`);
    let sex = parseSex(get('sex'));
    if (sex === 'bad') problems.push(`jenis kelamin "${get('sex')}" harus L atau P`);
    if (sex === null) sex = parsed.ok ? parsed.sex : null;
    if (sex === null && !problems.length) problems.push('jenis kelamin kosong');
    const status = parseStatus(get('status'));
    if (status === 'bad') problems.push(`status "${get('status')}" tidak dikenal`);
    const rt = get('rt').replace(/^0+(?=\d)/, '');
    const rw = get('rw').replace(/^0+(?=\d)/, '');
    if (!/^\d{0,3}$/.test(rt)) problems.push(`RT "${get('rt')}" harus angka`);
    if (!/^\d{0,3}$/.test(rw)) problems.push(`RW "${get('rw')}" harus angka`);

    if (problems.length) {
      const msg = problems.map((p) => p.replace(/\.$/, '')).join('; ');
      plan.problems.push({
        line: record.line,
        message: msg.charAt(0).toUpperCase() + msg.slice(1) + '.',
      });
      continue;
    }
    const doc: ResidentDoc = {
      ...newDocument('resident-local', author, at),
      nik,
      kkNumber: kk,
      name,
      nameKey: nameKey(name),
      birthPlace: get('birthPlace').slice(0, 80),
      birthDate: birthDate as string | null,
      sex: sex as Sex,
      religion: coded(RELIGIONS, get('religion'), 40),
      maritalStatus: coded(MARITAL_STATUSES, get('maritalStatus'), 40),
      familyRelation: coded(FAMILY_RELATIONS, get('familyRelation'), 40),
      education: coded(EDUCATION_LEVELS, get('education'), 60),
      occupation: coded(OCCUPATIONS, get('occupation'), 80),
      nationality: (get('nationality') || 'WNI').slice(0, 10),
      dusun: get('dusun').slice(0, 60),
      rw,
      rt,
      status: status as ResidentDoc['status'],
      corrects: null,
    };
    for (const w of nikMismatches(nik, { birthDate: doc.birthDate ?? undefined, sex: doc.sex })) {
      plan.warnings.push({ line: record.line, message: w });
    }
    plan.docs.push(doc);
  }
  if (records.length === 1) plan.problems.push({ line: 1, message: 'Berkas tidak berisi data.' });
  return plan;
}
