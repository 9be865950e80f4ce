// Letters filled with the longest realistic values: long names and addresses, every subject of the
// type, every extra field near its limit. Used by the page-count e2e test and the benchmark.
import { LETTER_TYPES, type LetterTypeCode } from '../../shared/letter-types';
import { requestType } from '../../shared/requests/catalogue';
import type { LetterInput, Person } from '../../shared/letters/template';

const LONG_NAMES = [
  'Raden Mas Muhammad Abdurrahman Wahyu Kusumaningrat Hadiningrat Putra',
  'Hj. Siti Nurhalimah Kusumawardhani Rahayuningtyas Purnamasari Dewi',
  'Ir. Bambang Sutrisno Wicaksono Adi Prasetyo Nugroho Hadisaputro, S.T.',
  'Ni Luh Putu Ayu Kartika Sari Dewi Anggraeni Maharani Pramesti',
];

function person(i: number, sex: 'L' | 'P' = i % 2 ? 'P' : 'L'): Person {
  return {
    nik: `351017${String(170845 + i).padStart(6, '0')}000${(i % 9) + 1}`,
    name: LONG_NAMES[i % LONG_NAMES.length]!,
    birthPlace: 'Kabupaten Banyuwangi, Kecamatan Kalibaru Wetan',
    birthDate: '1975-08-17',
    sex,
    religion: 'Islam',
    maritalStatus: 'Kawin Tercatat',
    occupation: 'Pedagang Hasil Bumi dan Peternak Sapi Perah Skala Rumah Tangga',
    nationality: 'WNI',
    address:
      'Jalan Raya Kalibaru–Glenmore Gang Melati Putih Nomor 127 A, Perumahan Griya Permata Hijau Blok C-14',
    rt: '012',
    rw: '007',
    dusun: 'Krajan Wetan Sumberwaru Kidul',
  };
}

const fill = (len: number, seed: string) => {
  let s = '';
  while (s.length < len) s += `${seed} `;
  return s.slice(0, len).trim();
};

/** The fields of a type filled near their limits (textareas to 400 of 500 characters). */
function longFields(code: LetterTypeCode): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of requestType(code)!.fields) {
    if (f.kind === 'date') out[f.key] = '2026-11-30';
    else if (f.kind === 'time') out[f.key] = '23:45';
    else if (f.kind === 'rupiah') out[f.key] = '12500000';
    else if (f.kind === 'select')
      out[f.key] = f.options!.reduce((a, b) => (b.length > a.length ? b : a));
    else if (f.kind === 'textarea')
      out[f.key] = fill(400, 'anggota keluarga, barang, dan uraian kejadian yang panjang');
    else
      out[f.key] = fill(
        Math.min(f.maxLength, 150),
        'Usaha Dagang Sumber Rejeki Makmur Sentosa Abadi',
      );
  }
  return out;
}

export function longestLetter(code: LetterTypeCode): LetterInput {
  const people: Record<string, Person> = {};
  requestType(code)!.subjects.forEach((s, i) => {
    people[s.role] = person(i);
  });
  return {
    letterType: code,
    number: '474.1/0123-KIOSK-LOKET-2/35.10.17.2001/XII/2026',
    date: '2026-12-31',
    village: {
      villageName: 'Sumberwaru Kidul Wetan',
      districtName: 'Kalibaru Wetan Kidul',
      regencyName: 'Banyuwangi',
      address:
        'Jalan Raya Kalibaru–Glenmore Nomor 1, Kecamatan Kalibaru, Kabupaten Banyuwangi, Jawa Timur 68467 · Telepon (0333) 897123 · pos-el desa.sumberwaru@banyuwangikab.go.id',
    },
    people,
    fields: longFields(code),
    purpose: fill(
      300,
      'Persyaratan pengajuan beasiswa dan pendaftaran kuliah di perguruan tinggi negeri',
    ),
    validDays: 30,
    signer: {
      name: 'Drs. H. Achmad Syaifuddin Zuhri Wibisono Mangkunegoro, M.Si.',
      position: 'Sekretaris Desa',
      role: 'sekretaris',
      employeeNumber: '19750817 200501 1 002',
    },
  };
}

export const ALL_TYPES = LETTER_TYPES.map((t) => t.code);
