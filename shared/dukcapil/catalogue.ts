// The documents a village desk applies for at the regency's Dukcapil (docs/dukcapil.md): per
// document type, the national form it is filed on (Permendagri 108/2019), the form's fields and
// the requirements a desk photographs. Data, not screens: one desk form renders every type, and
// the regency can change this table without a change of code elsewhere.
import { date, select, text, type SubjectDef } from '../requests/catalogue';
import type { FieldDef } from '../requests/catalogue';

export const DUKCAPIL_DOCUMENT_TYPES = [
  'akta-kelahiran',
  'akta-kematian',
  'kk-baru',
  'kk-perubahan',
  'kk-pisah',
  'skpwni',
  'ktp-cetak',
  'ktp-cetak-ulang',
  'ktp-perubahan',
  'kia',
] as const;
export type DukcapilDocumentType = (typeof DUKCAPIL_DOCUMENT_TYPES)[number];

export const DUKCAPIL_REQUIREMENTS = {
  'surat-lahir': 'Surat keterangan kelahiran (RS/puskesmas/dokter/bidan, atau kepala desa)',
  'surat-kematian': 'Surat keterangan kematian (RS/dokter, atau kepala desa)',
  kk: 'Kartu Keluarga',
  'ktp-orang-tua': 'KTP-el ayah dan ibu',
  'buku-nikah': 'Buku nikah / akta perkawinan orang tua, atau SPTJM',
  'ktp-almarhum': 'KTP-el almarhum (dikembalikan)',
  'ktp-pelapor': 'KTP-el pelapor',
  'ktp-pindah': 'KTP-el yang pindah',
  'bukti-perubahan': 'Bukti perubahan data (ijazah, SK, buku nikah, akta cerai …)',
  'ktp-lama': 'KTP-el rusak, atau surat keterangan hilang dari kepolisian',
  'akta-kelahiran': 'Akta kelahiran anak',
  'pas-foto': 'Pas foto anak (usia 5 tahun ke atas)',
  skpwni: 'SKPWNI dari daerah asal',
} as const;
export type DukcapilRequirement = keyof typeof DUKCAPIL_REQUIREMENTS;

export interface RequirementDef {
  code: DukcapilRequirement;
  /** A required item must have a photo before the application is sent. */
  required: boolean;
}

export interface DukcapilDocumentDef {
  code: DukcapilDocumentType;
  name: string;
  /** The national form(s) the application is filed on. */
  form: string;
  /** The people on the form beyond the applicant (pelapor), entered by NIK and name. */
  subjects: readonly SubjectDef[];
  fields: readonly FieldDef[];
  requirements: readonly RequirementDef[];
  /** Whether Dukcapil issues a new family card with it, so the register takes a KK number. */
  issuesKk: boolean;
}

const need = (code: DukcapilRequirement, required = true): RequirementDef => ({ code, required });
const person = (role: string, label: string, required = true): SubjectDef => ({
  role,
  label,
  required,
});

const SEX = ['Laki-laki', 'Perempuan'];
const KK_FIELD = text('nomorKk', 'Nomor KK', true, 16);
const REPORTER = person('pelapor', 'Pelapor');

const DEFS: readonly DukcapilDocumentDef[] = [
  {
    code: 'akta-kelahiran',
    name: 'Akta kelahiran (dan KK dengan anak ditambahkan)',
    form: 'F-2.01',
    subjects: [
      REPORTER,
      person('ayah', 'Ayah', false),
      person('ibu', 'Ibu'),
      person('saksi1', 'Saksi 1'),
      person('saksi2', 'Saksi 2'),
    ],
    fields: [
      text('namaAnak', 'Nama anak', true),
      select('jenisKelamin', 'Jenis kelamin', SEX, true),
      text('tempatLahir', 'Tempat lahir', true, 80),
      date('tanggalLahir', 'Tanggal lahir', true),
      text('jamLahir', 'Jam lahir'),
      select(
        'tempatDilahirkan',
        'Tempat dilahirkan',
        ['RS/RB', 'Puskesmas', 'Polindes', 'Rumah', 'Lainnya'],
        true,
      ),
      select(
        'penolong',
        'Penolong kelahiran',
        ['Dokter', 'Bidan/perawat', 'Dukun', 'Lainnya'],
        true,
      ),
      text('kelahiranKe', 'Kelahiran ke-', false, 2),
      KK_FIELD,
    ],
    requirements: [need('surat-lahir'), need('kk'), need('ktp-orang-tua'), need('buku-nikah')],
    issuesKk: true,
  },
  {
    code: 'akta-kematian',
    name: 'Akta kematian (dan KK dengan anggota dihapus)',
    form: 'F-2.01',
    subjects: [
      REPORTER,
      person('almarhum', 'Yang meninggal'),
      person('saksi1', 'Saksi 1'),
      person('saksi2', 'Saksi 2'),
    ],
    fields: [
      date('tanggalKematian', 'Tanggal kematian', true),
      text('tempatKematian', 'Tempat kematian', true, 80),
      text('sebab', 'Sebab kematian', true),
      select(
        'yangMenerangkan',
        'Yang menerangkan',
        ['Dokter', 'Tenaga kesehatan', 'Kepolisian', 'Lainnya'],
        true,
      ),
      KK_FIELD,
    ],
    requirements: [need('surat-kematian'), need('kk'), need('ktp-almarhum'), need('ktp-pelapor')],
    issuesKk: true,
  },
  {
    code: 'kk-baru',
    name: 'KK baru (keluarga baru)',
    form: 'F-1.01, F-1.02',
    subjects: [person('kepala', 'Kepala keluarga')],
    fields: [
      text('alamat', 'Alamat', true, 200),
      text('rt', 'RT', true, 3),
      text('rw', 'RW', true, 3),
      text('alasan', 'Alasan', true, 200),
    ],
    requirements: [need('buku-nikah'), need('kk'), need('skpwni', false)],
    issuesKk: true,
  },
  {
    code: 'kk-perubahan',
    name: 'KK perubahan data',
    form: 'F-1.06',
    subjects: [person('kepala', 'Kepala keluarga')],
    fields: [
      KK_FIELD,
      text('elemen', 'Elemen data yang berubah', true, 200),
      text('dataBaru', 'Data baru', true, 200),
    ],
    requirements: [need('kk'), need('bukti-perubahan')],
    issuesKk: true,
  },
  {
    code: 'kk-pisah',
    name: 'KK pisah (pecah KK)',
    form: 'F-1.01, F-1.02',
    subjects: [person('kepala', 'Kepala keluarga baru')],
    fields: [
      KK_FIELD,
      text('anggota', 'Anggota yang pisah (NIK, dipisah koma)', true, 300),
      text('alamat', 'Alamat baru', true, 200),
    ],
    requirements: [need('kk'), need('buku-nikah', false)],
    issuesKk: true,
  },
  {
    code: 'skpwni',
    name: 'SKPWNI (surat keterangan pindah)',
    form: 'F-1.03',
    subjects: [person('kepala', 'Kepala keluarga')],
    fields: [
      KK_FIELD,
      text('alamatTujuan', 'Alamat tujuan', true, 200),
      text('alasan', 'Alasan pindah', true, 200),
      text('anggota', 'Anggota yang pindah (NIK, dipisah koma)', true, 300),
    ],
    requirements: [need('kk'), need('ktp-pindah')],
    issuesKk: true,
  },
  {
    code: 'ktp-cetak',
    name: 'KTP-el cetak (sudah rekam)',
    form: 'F-1.02',
    subjects: [],
    fields: [KK_FIELD],
    requirements: [need('kk')],
    issuesKk: false,
  },
  {
    code: 'ktp-cetak-ulang',
    name: 'KTP-el cetak ulang (rusak/hilang)',
    form: 'F-1.02',
    subjects: [],
    fields: [KK_FIELD, select('alasan', 'Alasan', ['Rusak', 'Hilang'], true)],
    requirements: [need('kk'), need('ktp-lama')],
    issuesKk: false,
  },
  {
    code: 'ktp-perubahan',
    name: 'KTP-el perubahan data',
    form: 'F-1.06',
    subjects: [],
    fields: [
      KK_FIELD,
      text('elemen', 'Elemen data yang berubah', true, 200),
      text('dataBaru', 'Data baru', true, 200),
    ],
    requirements: [need('kk'), need('bukti-perubahan')],
    issuesKk: false,
  },
  {
    code: 'kia',
    name: 'KIA (kartu identitas anak)',
    form: 'F-1.02',
    subjects: [person('anak', 'Anak')],
    fields: [KK_FIELD],
    requirements: [need('kk'), need('akta-kelahiran'), need('pas-foto', false)],
    issuesKk: false,
  },
];

export const DUKCAPIL_DOCUMENTS: ReadonlyMap<DukcapilDocumentType, DukcapilDocumentDef> = new Map(
  DEFS.map((d) => [d.code, d]),
);

export function dukcapilDocument(code: DukcapilDocumentType): DukcapilDocumentDef {
  return DUKCAPIL_DOCUMENTS.get(code)!;
}

/** The short name a list shows: "Akta kelahiran", "KK baru" … */
export function shortName(code: DukcapilDocumentType): string {
  return dukcapilDocument(code).name.replace(/ \(.*\)$/, '');
}
