// The letters a village office issues, as data: the service desk offers them, the register
// counts them, the numbering uses their archive classification. Later fields (subjects, extra
// fields, required documents) are added here, never as one screen per type.

export interface LetterType {
  code: string;
  name: string;
  /** Archive classification code used in the letter number. */
  classification: string;
}

export const LETTER_TYPES = [
  { code: 'domisili', name: 'Surat Keterangan Domisili', classification: '470' },
  { code: 'sktm', name: 'Surat Keterangan Tidak Mampu (SKTM)', classification: '470' },
  { code: 'usaha', name: 'Surat Keterangan Usaha (SKU)', classification: '500' },
  { code: 'domisili-usaha', name: 'Surat Keterangan Domisili Usaha', classification: '510' },
  { code: 'pengantar', name: 'Surat Pengantar', classification: '145' },
  { code: 'penduduk', name: 'Surat Keterangan Penduduk', classification: '470' },
  { code: 'skck', name: 'Pengantar SKCK', classification: '145' },
  { code: 'keramaian', name: 'Pengantar Izin Keramaian', classification: '145' },
  { code: 'kehilangan', name: 'Pengantar Laporan Kehilangan', classification: '145' },
  { code: 'kelahiran', name: 'Surat Keterangan Kelahiran', classification: '472' },
  { code: 'kematian', name: 'Surat Keterangan Kematian', classification: '472' },
  { code: 'pindah', name: 'Surat Keterangan Pindah', classification: '474' },
  { code: 'nikah', name: 'Pengantar Nikah', classification: '472' },
  { code: 'beda-identitas', name: 'Surat Keterangan Beda Identitas', classification: '471.1' },
  { code: 'ktp-proses', name: 'Surat Keterangan KTP dalam Proses', classification: '471.1' },
  {
    code: 'penghasilan-ortu',
    name: 'Surat Keterangan Penghasilan Orang Tua',
    classification: '470',
  },
] as const satisfies readonly LetterType[];

export type LetterTypeCode = (typeof LETTER_TYPES)[number]['code'];

export const LETTER_TYPE_CODES = LETTER_TYPES.map((t) => t.code) as [
  LetterTypeCode,
  ...LetterTypeCode[],
];

export function letterTypeName(code: string): string {
  return LETTER_TYPES.find((t) => t.code === code)?.name ?? code;
}

export function isLetterType(code: string): code is LetterTypeCode {
  return (LETTER_TYPE_CODES as readonly string[]).includes(code);
}
