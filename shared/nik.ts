// NIK (Nomor Induk Kependudukan): `PP KK CC DDMMYY SSSS`. There is no check digit, so the rules
// are structural: length, digits, a known province, a real date (women: day + 40), a serial that
// is not 0000. A NIK is permanent, so a disagreement with the record is a warning, never a reason
// to refuse (see `nikMismatches`).

const PROVINCE_CODES = new Set([
  ...range(11, 19),
  21,
  ...range(31, 36),
  ...range(51, 53),
  ...range(61, 65),
  ...range(71, 76),
  81,
  82,
  ...range(91, 96),
]);

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

export type Sex = 'L' | 'P';

export type NikErrorCode =
  'length' | 'digits' | 'temporary' | 'province' | 'region' | 'month' | 'day' | 'serial';

export type ParsedNik =
  | {
      ok: true;
      provinceCode: string;
      regencyCode: string;
      districtCode: string;
      /** YYYY-MM-DD, in the century that puts it in the past. */
      birthDate: string;
      sex: Sex;
      serial: string;
    }
  | { ok: false; code: NikErrorCode; message: string };

function fail(code: NikErrorCode, message: string): ParsedNik {
  return { ok: false, code, message };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function parseNik(nik: string, today: Date = new Date()): ParsedNik {
  if (!/^\d*$/.test(nik)) return fail('digits', 'NIK hanya boleh berisi angka.');
  if (nik.length !== 16) return fail('length', `NIK harus 16 angka (tertulis ${nik.length}).`);
  if (nik.startsWith('0')) {
    return fail('temporary', 'Nomor yang diawali 0 adalah nomor sementara, bukan NIK.');
  }
  const province = Number(nik.slice(0, 2));
  if (!PROVINCE_CODES.has(province)) {
    return fail('province', `Kode provinsi ${nik.slice(0, 2)} pada NIK tidak dikenal.`);
  }
  if (nik.slice(2, 4) === '00' || nik.slice(4, 6) === '00') {
    return fail('region', 'Kode kabupaten/kota atau kecamatan pada NIK tidak boleh 00.');
  }
  const rawDay = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const yy = Number(nik.slice(10, 12));
  if (month < 1 || month > 12)
    return fail('month', `Bulan lahir ${nik.slice(8, 10)} pada NIK tidak sah.`);
  const sex: Sex = rawDay > 40 ? 'P' : 'L';
  const day = sex === 'P' ? rawDay - 40 : rawDay;

  const todayIso = isoDate(today.getFullYear(), today.getMonth() + 1, today.getDate());
  const thisCentury = Math.floor(today.getFullYear() / 100) * 100;
  let year = thisCentury + yy;
  if (isoDate(year, month, Math.max(day, 1)) > todayIso) year -= 100;

  if (day < 1 || day > daysInMonth(year, month)) {
    return fail(
      'day',
      `Tanggal lahir ${nik.slice(6, 8)} pada NIK tidak sah (perempuan: tanggal + 40).`,
    );
  }
  if (nik.slice(12) === '0000') return fail('serial', 'Nomor urut NIK tidak boleh 0000.');
  return {
    ok: true,
    provinceCode: nik.slice(0, 2),
    regencyCode: nik.slice(2, 4),
    districtCode: nik.slice(4, 6),
    birthDate: isoDate(year, month, day),
    sex,
    serial: nik.slice(12),
  };
}

/** A temporary number for a resident without a NIK: `0` + village code + 5-digit serial. */
export function temporaryNik(villageCode: string, serial: number): string {
  return `0${villageCode}${String(serial).padStart(5, '0')}`;
}

export function isTemporaryNik(value: string): boolean {
  return /^0\d{15}$/.test(value);
}

/** Warnings (not errors) where a valid NIK disagrees with what the record says. */
export function nikMismatches(
  nik: string,
  record: { birthDate?: string; sex?: Sex },
  today?: Date,
): string[] {
  const parsed = parseNik(nik, today);
  if (!parsed.ok) return [];
  const warnings: string[] = [];
  if (record.birthDate && record.birthDate !== parsed.birthDate) {
    warnings.push(
      `Tanggal lahir di NIK (${parsed.birthDate}) berbeda dengan data (${record.birthDate}).`,
    );
  }
  if (record.sex && record.sex !== parsed.sex) {
    warnings.push(`Jenis kelamin di NIK (${parsed.sex}) berbeda dengan data (${record.sex}).`);
  }
  return warnings;
}
