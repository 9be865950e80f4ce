// The letter types of the service desk as data: who the letter is about (subjects drawn from the
// register), the extra fields each adds (with validation), and the documents the resident brings
// (syarat). One form renders every type; nothing here is a screen.
import { LETTER_TYPES, type LetterTypeCode } from '../letter-types';
import { isTemporaryNik, parseNik } from '../nik';

export const REQUIREMENTS = {
  'pengantar-rt': 'Surat pengantar RT/RW',
  kk: 'Fotokopi Kartu Keluarga',
  ktp: 'Fotokopi KTP',
  'akta-nikah': 'Fotokopi akta/buku nikah',
  'akta-lahir': 'Fotokopi akta kelahiran',
  'surat-faskes': 'Surat keterangan rumah sakit/puskesmas/klinik',
  'surat-datang': 'Surat keterangan pindah datang',
  'akta-cerai': 'Fotokopi akta cerai',
} as const;
export type RequirementCode = keyof typeof REQUIREMENTS;

export type FieldKind = 'text' | 'textarea' | 'date' | 'time' | 'rupiah' | 'select';

export interface FieldDef {
  key: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  maxLength: number;
  options?: readonly string[];
}

export interface SubjectDef {
  /** `applicant` is the resident at the desk; other roles are entered by NIK. */
  role: string;
  label: string;
  required: boolean;
}

export interface RequestType {
  code: LetterTypeCode;
  name: string;
  classification: string;
  subjects: readonly SubjectDef[];
  fields: readonly FieldDef[];
  requirements: readonly RequirementCode[];
}

export const text = (key: string, label: string, required = false, maxLength = 120): FieldDef => ({
  key,
  label,
  kind: 'text',
  required,
  maxLength,
});
const area = (key: string, label: string, required = false): FieldDef => ({
  key,
  label,
  kind: 'textarea',
  required,
  maxLength: 500,
});
export const date = (key: string, label: string, required = false): FieldDef => ({
  key,
  label,
  kind: 'date',
  required,
  maxLength: 10,
});
const time = (key: string, label: string, required = false): FieldDef => ({
  key,
  label,
  kind: 'time',
  required,
  maxLength: 5,
});
export const select = (
  key: string,
  label: string,
  options: readonly string[],
  required = false,
): FieldDef => ({ key, label, kind: 'select', required, maxLength: 60, options });

const applicant: SubjectDef = { role: 'applicant', label: 'Pemohon', required: true };
const subject = (role: string, label: string, required = true): SubjectDef => ({
  role,
  label,
  required,
});
const RELATIONS = ['Suami', 'Istri', 'Ayah', 'Ibu', 'Anak', 'Saudara', 'Tetangga', 'Lainnya'];
const BASIC: RequirementCode[] = ['pengantar-rt', 'kk', 'ktp'];

/** Per type, beyond the shared `Keperluan` (purpose) every letter prints. */
const DETAILS: Record<LetterTypeCode, Omit<RequestType, 'code' | 'name' | 'classification'>> = {
  domisili: { subjects: [applicant], fields: [], requirements: BASIC },
  sktm: {
    subjects: [{ ...applicant, label: 'Kepala keluarga' }],
    fields: [area('tanggungan', 'Anggota keluarga yang ditanggung')],
    requirements: BASIC,
  },
  usaha: {
    subjects: [applicant],
    fields: [
      text('namaUsaha', 'Nama usaha', true),
      text('jenisUsaha', 'Jenis usaha'),
      text('alamatUsaha', 'Alamat usaha', false, 200),
    ],
    requirements: BASIC,
  },
  'domisili-usaha': {
    subjects: [applicant],
    fields: [text('namaUsaha', 'Nama usaha'), text('alamatUsaha', 'Alamat usaha', false, 200)],
    requirements: BASIC,
  },
  pengantar: {
    subjects: [applicant],
    fields: [area('keterangan', 'Keterangan', true)],
    requirements: BASIC,
  },
  penduduk: { subjects: [applicant], fields: [], requirements: BASIC },
  skck: {
    subjects: [applicant],
    fields: [area('keterangan', 'Keterangan', true)],
    requirements: [...BASIC, 'akta-lahir'],
  },
  keramaian: {
    subjects: [applicant],
    fields: [
      text('jenisAcara', 'Jenis acara', true),
      date('tanggalAcara', 'Tanggal acara'),
      text('tempatAcara', 'Tempat acara', false, 200),
    ],
    requirements: BASIC,
  },
  kehilangan: {
    subjects: [applicant],
    fields: [
      text('barang', 'Barang yang hilang', true),
      area('rincian', 'Rincian barang', true),
      area('keterangan', 'Keterangan kejadian', true),
    ],
    requirements: BASIC,
  },
  kelahiran: {
    subjects: [
      subject('baby', 'Bayi', false),
      subject('mother', 'Ibu'),
      subject('father', 'Ayah', false),
      { ...applicant, label: 'Pelapor' },
      subject('witness1', 'Saksi 1'),
      subject('witness2', 'Saksi 2'),
    ],
    fields: [
      select('hubunganPelapor', 'Hubungan pelapor', RELATIONS, true),
      date('tanggalLahir', 'Tanggal lahir'),
      time('jamLahir', 'Jam lahir'),
      text('tempatLahir', 'Tempat lahir'),
    ],
    requirements: ['pengantar-rt', 'kk', 'ktp', 'akta-nikah', 'surat-faskes'],
  },
  kematian: {
    subjects: [
      subject('deceased', 'Yang meninggal'),
      { ...applicant, label: 'Pelapor' },
      subject('witness1', 'Saksi 1'),
      subject('witness2', 'Saksi 2'),
    ],
    fields: [
      select('hubunganPelapor', 'Hubungan pelapor', RELATIONS, true),
      date('tanggalMeninggal', 'Tanggal meninggal'),
      time('jamMeninggal', 'Jam meninggal'),
      text('tempatMeninggal', 'Tempat meninggal'),
      text('sebab', 'Sebab meninggal'),
    ],
    requirements: ['pengantar-rt', 'kk', 'ktp', 'surat-faskes'],
  },
  pindah: {
    subjects: [applicant],
    fields: [
      text('alamatTujuan', 'Alamat tujuan', true, 200),
      text('alasan', 'Alasan pindah', true),
      select('jenisPindah', 'Jenis kepindahan', [
        'Kepala keluarga',
        'Kepala keluarga dan seluruh anggota',
        'Kepala keluarga dan sebagian anggota',
        'Anggota keluarga',
      ]),
      area('anggotaPindah', 'Anggota keluarga yang ikut pindah (NIK)'),
    ],
    requirements: BASIC,
  },
  nikah: {
    subjects: [
      { ...applicant, label: 'Calon pengantin' },
      subject('partner', 'Calon pasangan'),
      subject('father', 'Ayah', false),
      subject('mother', 'Ibu', false),
      subject('guardian', 'Wali', false),
    ],
    fields: [
      select('statusPerkawinan', 'Status', ['Jejaka', 'Perawan', 'Duda', 'Janda']),
      date('rencanaTanggal', 'Rencana tanggal nikah'),
      text('rencanaTempat', 'Rencana tempat nikah', false, 200),
    ],
    requirements: ['pengantar-rt', 'kk', 'ktp', 'akta-lahir'],
  },
  'beda-identitas': {
    subjects: [applicant],
    fields: [
      text('dokumen', 'Dokumen yang berbeda'),
      area('dataBerbeda', 'Data yang berbeda', true),
    ],
    requirements: BASIC,
  },
  'ktp-proses': { subjects: [applicant], fields: [], requirements: ['pengantar-rt', 'kk'] },
  'penghasilan-ortu': {
    subjects: [{ ...applicant, label: 'Orang tua' }],
    fields: [
      text('namaAnak', 'Nama anak'),
      text('sekolah', 'Sekolah/perguruan tinggi'),
      {
        key: 'penghasilan',
        label: 'Penghasilan per bulan (Rp)',
        kind: 'rupiah',
        required: true,
        maxLength: 15,
      },
    ],
    requirements: BASIC,
  },
};

export const REQUEST_TYPES: readonly RequestType[] = LETTER_TYPES.map((t) => ({
  ...t,
  ...DETAILS[t.code],
}));

export function requestType(code: string): RequestType | undefined {
  return REQUEST_TYPES.find((t) => t.code === code);
}

export interface Subject {
  role: string;
  nik: string;
  name: string;
}

export interface RequestDetails {
  fields: Record<string, string>;
  subjects: readonly Subject[];
}

/** Messages in Bahasa Indonesia, keyed `field.<key>` or `subject.<role>`; empty when all is right. */
export function validateDetails(
  type: Pick<RequestType, 'fields' | 'subjects'>,
  details: RequestDetails,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const f of type.fields) {
    const value = (details.fields[f.key] ?? '').trim();
    const key = `field.${f.key}`;
    if (!value) {
      if (f.required) errors[key] = `${f.label} wajib diisi.`;
      continue;
    }
    if (value.length > f.maxLength) {
      errors[key] = `${f.label} terlalu panjang (maks. ${f.maxLength} huruf).`;
    } else if (f.kind === 'date' && !validIsoDate(value)) {
      errors[key] = `${f.label} harus tanggal yang sah (TTTT-BB-HH).`;
    } else if (f.kind === 'time' && !/^([01]\d|2[0-3])[.:][0-5]\d$/.test(value)) {
      errors[key] = `${f.label} harus jam yang sah (JJ:MM).`;
    } else if (f.kind === 'rupiah' && !/^\d{1,15}$/.test(value.replace(/\./g, ''))) {
      errors[key] = `${f.label} harus angka rupiah tanpa desimal.`;
    } else if (f.kind === 'select' && f.options && !f.options.includes(value)) {
      errors[key] = `Pilih ${f.label.toLowerCase()} dari daftar.`;
    }
  }
  for (const s of type.subjects) {
    if (s.role === 'applicant') continue;
    const given = details.subjects.find((x) => x.role === s.role);
    const key = `subject.${s.role}`;
    const nik = given?.nik.replace(/\s+/g, '') ?? '';
    if (!nik && !given?.name.trim()) {
      if (s.required) errors[key] = `${s.label}: NIK dan nama wajib diisi.`;
      continue;
    }
    if (!given?.name.trim()) errors[key] = `${s.label}: nama wajib diisi.`;
    else if (nik && !isTemporaryNik(nik)) {
      const parsed = parseNik(nik);
      if (!parsed.ok) errors[key] = `${s.label}: ${parsed.message}`;
    } else if (!nik && s.required) errors[key] = `${s.label}: NIK wajib diisi.`;
  }
  return errors;
}

function validIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The required documents not ticked, as labels. */
export function missingRequirements(type: RequestType, ticked: readonly string[]): string[] {
  return type.requirements.filter((r) => !ticked.includes(r)).map((r) => REQUIREMENTS[r]);
}
