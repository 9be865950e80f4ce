// The civil registry's code lists for a resident's data elements, as SIAK (Dukcapil's population
// information system) numbers them and as village systems (OpenSID) store them: the resident
// form's pick lists, and the names an import maps codes and spellings to. Data, not logic: the
// list, its order and its numbers are documented in docs/civil-registry-codes.md.

export interface CodeList {
  /** The field's label on the form. */
  label: string;
  /** SIAK's numeric code → the name stored on the resident. */
  entries: readonly (readonly [code: number, name: string])[];
  /** Other spellings seen in extracts, normalised (see `normaliseName`) → the name. */
  aliases?: Readonly<Record<string, string>>;
}

export const RELIGIONS: CodeList = {
  label: 'Agama',
  entries: [
    [1, 'Islam'],
    [2, 'Kristen'],
    [3, 'Katolik'],
    [4, 'Hindu'],
    [5, 'Buddha'],
    [6, 'Khonghucu'],
    [7, 'Kepercayaan Terhadap Tuhan YME'],
  ],
  aliases: {
    katholik: 'Katolik',
    budha: 'Buddha',
    konghucu: 'Khonghucu',
    konghuchu: 'Khonghucu',
    kepercayaan: 'Kepercayaan Terhadap Tuhan YME',
    kepercayaanterhadaptuhanyangmahaesa: 'Kepercayaan Terhadap Tuhan YME',
    lainnya: 'Kepercayaan Terhadap Tuhan YME',
  },
};

export const MARITAL_STATUSES: CodeList = {
  label: 'Status perkawinan',
  entries: [
    [1, 'Belum Kawin'],
    [2, 'Kawin'],
    [3, 'Cerai Hidup'],
    [4, 'Cerai Mati'],
  ],
  aliases: { kawintercatat: 'Kawin', kawinbelumtercatat: 'Kawin' },
};

export const FAMILY_RELATIONS: CodeList = {
  label: 'Hubungan dalam keluarga',
  entries: [
    [1, 'Kepala Keluarga'],
    [2, 'Suami'],
    [3, 'Istri'],
    [4, 'Anak'],
    [5, 'Menantu'],
    [6, 'Cucu'],
    [7, 'Orang Tua'],
    [8, 'Mertua'],
    [9, 'Famili Lain'],
    [10, 'Pembantu'],
    [11, 'Lainnya'],
  ],
  aliases: { kk: 'Kepala Keluarga', isteri: 'Istri', famililainnya: 'Famili Lain' },
};

export const EDUCATION_LEVELS: CodeList = {
  label: 'Pendidikan',
  entries: [
    [1, 'Tidak/Belum Sekolah'],
    [2, 'Belum Tamat SD/Sederajat'],
    [3, 'Tamat SD/Sederajat'],
    [4, 'SLTP/Sederajat'],
    [5, 'SLTA/Sederajat'],
    [6, 'Diploma I/II'],
    [7, 'Akademi/Diploma III/Sarjana Muda'],
    [8, 'Diploma IV/Strata I'],
    [9, 'Strata II'],
    [10, 'Strata III'],
  ],
  aliases: {
    tidakbelumsekolah: 'Tidak/Belum Sekolah',
    tidaksekolah: 'Tidak/Belum Sekolah',
    belumtamatsd: 'Belum Tamat SD/Sederajat',
    tamatsd: 'Tamat SD/Sederajat',
    sd: 'Tamat SD/Sederajat',
    smp: 'SLTP/Sederajat',
    sltp: 'SLTP/Sederajat',
    sma: 'SLTA/Sederajat',
    slta: 'SLTA/Sederajat',
    d3: 'Akademi/Diploma III/Sarjana Muda',
    s1: 'Diploma IV/Strata I',
    d4: 'Diploma IV/Strata I',
    s2: 'Strata II',
    s3: 'Strata III',
  },
};

export const OCCUPATIONS: CodeList = {
  label: 'Pekerjaan',
  entries: [
    [1, 'Belum/Tidak Bekerja'],
    [2, 'Mengurus Rumah Tangga'],
    [3, 'Pelajar/Mahasiswa'],
    [4, 'Pensiunan'],
    [5, 'Pegawai Negeri Sipil'],
    [6, 'Tentara Nasional Indonesia'],
    [7, 'Kepolisian RI'],
    [8, 'Perdagangan'],
    [9, 'Petani/Pekebun'],
    [10, 'Peternak'],
    [11, 'Nelayan/Perikanan'],
    [12, 'Industri'],
    [13, 'Konstruksi'],
    [14, 'Transportasi'],
    [15, 'Karyawan Swasta'],
    [16, 'Karyawan BUMN'],
    [17, 'Karyawan BUMD'],
    [18, 'Karyawan Honorer'],
    [19, 'Buruh Harian Lepas'],
    [20, 'Buruh Tani/Perkebunan'],
    [21, 'Buruh Nelayan/Perikanan'],
    [22, 'Buruh Peternakan'],
    [23, 'Pembantu Rumah Tangga'],
    [24, 'Tukang Cukur'],
    [25, 'Tukang Listrik'],
    [26, 'Tukang Batu'],
    [27, 'Tukang Kayu'],
    [28, 'Tukang Sol Sepatu'],
    [29, 'Tukang Las/Pandai Besi'],
    [30, 'Tukang Jahit'],
    [31, 'Tukang Gigi'],
    [32, 'Penata Rias'],
    [33, 'Penata Busana'],
    [34, 'Penata Rambut'],
    [35, 'Mekanik'],
    [36, 'Seniman'],
    [37, 'Tabib'],
    [38, 'Paraji'],
    [39, 'Perancang Busana'],
    [40, 'Penterjemah'],
    [41, 'Imam Masjid'],
    [42, 'Pendeta'],
    [43, 'Pastor'],
    [44, 'Wartawan'],
    [45, 'Ustadz/Mubaligh'],
    [46, 'Juru Masak'],
    [47, 'Promotor Acara'],
    [48, 'Anggota DPR-RI'],
    [49, 'Anggota DPD'],
    [50, 'Anggota BPK'],
    [51, 'Presiden'],
    [52, 'Wakil Presiden'],
    [53, 'Anggota Mahkamah Konstitusi'],
    [54, 'Anggota Kabinet/Kementerian'],
    [55, 'Duta Besar'],
    [56, 'Gubernur'],
    [57, 'Wakil Gubernur'],
    [58, 'Bupati'],
    [59, 'Wakil Bupati'],
    [60, 'Walikota'],
    [61, 'Wakil Walikota'],
    [62, 'Anggota DPRD Provinsi'],
    [63, 'Anggota DPRD Kabupaten/Kota'],
    [64, 'Dosen'],
    [65, 'Guru'],
    [66, 'Pilot'],
    [67, 'Pengacara'],
    [68, 'Notaris'],
    [69, 'Arsitek'],
    [70, 'Akuntan'],
    [71, 'Konsultan'],
    [72, 'Dokter'],
    [73, 'Bidan'],
    [74, 'Perawat'],
    [75, 'Apoteker'],
    [76, 'Psikiater/Psikolog'],
    [77, 'Penyiar Televisi'],
    [78, 'Penyiar Radio'],
    [79, 'Pelaut'],
    [80, 'Peneliti'],
    [81, 'Sopir'],
    [82, 'Pialang'],
    [83, 'Paranormal'],
    [84, 'Pedagang'],
    [85, 'Perangkat Desa'],
    [86, 'Kepala Desa'],
    [87, 'Biarawati'],
    [88, 'Wiraswasta'],
    [89, 'Lainnya'],
  ],
  aliases: {
    belumbekerja: 'Belum/Tidak Bekerja',
    tidakbekerja: 'Belum/Tidak Bekerja',
    pns: 'Pegawai Negeri Sipil',
    tni: 'Tentara Nasional Indonesia',
    polri: 'Kepolisian RI',
    petani: 'Petani/Pekebun',
    nelayan: 'Nelayan/Perikanan',
    pelajar: 'Pelajar/Mahasiswa',
    mahasiswa: 'Pelajar/Mahasiswa',
    irt: 'Mengurus Rumah Tangga',
    ibrumahtangga: 'Mengurus Rumah Tangga',
    buruhtani: 'Buruh Tani/Perkebunan',
  },
};

/** `Jenis kelamin`: stored as L/P (the NIK's rule), shown by name. */
export const SEXES: readonly (readonly ['L' | 'P', string])[] = [
  ['L', 'Laki-laki'],
  ['P', 'Perempuan'],
];

/** Lower case, letters and digits only: `KEPALA KELUARGA`, `Kepala-Keluarga` → `kepalakeluarga`. */
function normaliseName(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * The list's name for a value an extract or an older record holds — the name in any case and
 * spelling, a known alias, or SIAK's/OpenSID's numeric code; '' for empty; null if unknown.
 */
export function canonicalName(list: CodeList, value: string): string | null {
  const v = value.trim();
  if (!v) return '';
  if (/^\d+$/.test(v)) return list.entries.find(([code]) => code === Number(v))?.[1] ?? null;
  const key = normaliseName(v);
  const byName = list.entries.find(([, name]) => normaliseName(name) === key);
  return byName?.[1] ?? list.aliases?.[key] ?? null;
}

/** The names, in the list's order, for a pick list. */
export function namesOf(list: CodeList): string[] {
  return list.entries.map(([, name]) => name);
}
