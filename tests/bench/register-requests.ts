// Request documents as a real register holds them — varied names, NIKs, addresses, purposes and
// dates — from a seeded generator, so every system in a comparison gets the same documents. The
// old generator's documents compressed 32× under gzip; these compress like real records.
import { gzipSync } from 'node:zlib';
import { createIdGenerator } from '../../shared/ids';
import type { RequestDoc } from '../../shared/documents/request';
import { requestFromForm } from '../../shared/documents/request-form';
import type { VillageCode } from '../../shared/village';
import { seededRandom } from '../support/link-proxy';

const GIVEN = [
  'Budi',
  'Siti',
  'Agus',
  'Dewi',
  'Slamet',
  'Sri',
  'Wahyu',
  'Nur',
  'Eko',
  'Rina',
  'Joko',
  'Yuliana',
  'Bambang',
  'Ika',
  'Hendra',
  'Lestari',
  'Rudi',
  'Wulan',
  'Teguh',
  'Fitri',
  'Imam',
  'Ani',
  'Suparman',
  'Maryam',
  'Dedi',
  'Puji',
  'Ahmad',
  'Kartini',
  'Yusuf',
  'Endang',
];
const FAMILY = [
  'Santoso',
  'Wibowo',
  'Rahayu',
  'Hidayat',
  'Susanti',
  'Prasetyo',
  'Handayani',
  'Kurniawan',
  'Setiawati',
  'Saputra',
  'Purnomo',
  'Lestari',
  'Nugroho',
  'Wulandari',
  'Hakim',
  'Maulana',
  'Rohmah',
  'Firmansyah',
  'Anggraini',
  'Sutrisno',
];
const DUSUN = [
  'Krajan',
  'Sumberejo',
  'Kebonagung',
  'Tegalsari',
  'Sidomulyo',
  'Karanganyar',
  'Ngemplak',
  'Jatirejo',
  'Wonosari',
  'Gondang',
];
const PURPOSES = [
  'Melamar pekerjaan di',
  'Mendaftar sekolah anak di',
  'Mengurus KIP untuk',
  'Pengajuan kredit usaha ke',
  'Pendaftaran BPJS Kesehatan di',
  'Mengurus akta kelahiran di',
  'Persyaratan nikah di KUA',
  'Pembukaan rekening di',
  'Pengurusan pensiun di',
  'Pendaftaran bantuan sosial di',
];
const PLACES = [
  'Banyuwangi',
  'Surabaya',
  'Jember',
  'Malang',
  'Denpasar',
  'Kecamatan Giri',
  'Bank BRI Unit Giri',
  'SMPN 1 Giri',
  'Dinas Sosial',
  'Kantor Pos Banyuwangi',
];
const SERVICES = ['domisili', 'sktm'] as const;

export function registerRequests(
  villageCode: VillageCode,
  count: number,
  seed = 15,
  kioskId = 'k1',
  /** Share one generator between calls for one kiosk, so their ids never meet. */
  ids = createIdGenerator(villageCode, kioskId),
): RequestDoc[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const digits = (n: number) => String(Math.floor(random() * 10 ** n)).padStart(n, '0');
  return Array.from({ length: count }, (_, i) => {
    const born = new Date(
      1950 + Math.floor(random() * 55),
      Math.floor(random() * 12),
      1 + Math.floor(random() * 28),
    );
    const female = random() < 0.5;
    const day = born.getDate() + (female ? 40 : 0);
    const nik = `351017${String(day).padStart(2, '0')}${String(born.getMonth() + 1).padStart(2, '0')}${String(born.getFullYear() % 100).padStart(2, '0')}${digits(4).replace(/^0000$/, '0001')}`;
    const name = `${pick(GIVEN)} ${random() < 0.7 ? `${pick(FAMILY)}` : `${pick(GIVEN)} ${pick(FAMILY)}`}`;
    const purpose = `${pick(PURPOSES)} ${pick(PLACES)}; alamat Dusun ${pick(DUSUN)} RT ${digits(2).replace(/^00$/, '01')} RW ${digits(2).replace(/^00$/, '01')}, no. ${1 + Math.floor(random() * 200)}`;
    const made = requestFromForm(
      { nik, name, serviceType: pick(SERVICES), purpose },
      { villageCode, kioskId, ids },
    );
    if (!made.ok) throw new Error(`request ${i}: ${JSON.stringify(made.errors)}`);
    const at = new Date(
      Date.UTC(2026, 0, 1) + Math.floor(random() * 330 * 86_400_000),
    ).toISOString();
    return { ...made.doc, createdAt: at, updatedAt: at };
  });
}

/** How much gzip shrinks the documents as JSON: real registers compress ~4–6×, not 32×. */
export function gzipRatio(docs: object[]): number {
  const json = JSON.stringify(docs);
  return Math.round((Buffer.byteLength(json) / gzipSync(json).length) * 10) / 10;
}
