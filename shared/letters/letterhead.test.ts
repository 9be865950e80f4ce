import { describe, expect, it } from 'vitest';
import { addressLine, letterheadProblem, letterVillageOf, villageTitle } from './letterhead';
import { maskNik, payloadFromScan, qrContent } from './verify';

const names = {
  villageName: 'Jambesari',
  districtName: 'Giri',
  regencyName: 'Banyuwangi',
  regencyKind: 'Kabupaten' as const,
  address: '',
};
const office = {
  address: 'Jl. Raya Jambesari No. 1',
  postalCode: '68411',
  phone: '(0333) 421234',
  email: '',
};

describe('the letterhead from the profile and the office', () => {
  it('joins the names with the office address line', () => {
    expect(letterVillageOf(names, office)).toMatchObject({
      villageName: 'Jambesari',
      address: 'Jl. Raya Jambesari No. 1 Kode Pos 68411 · Telp. (0333) 421234',
    });
    expect(addressLine(undefined, 'Jl. Lama')).toBe('Jl. Lama');
    expect(villageTitle(letterVillageOf(names, office), '35.10.17.2001')).toBe(
      'Desa Jambesari, Kec. Giri, Kab. Banyuwangi',
    );
    expect(villageTitle(letterVillageOf(undefined, office), '35.10.17.2001')).toBe(
      'Desa 35.10.17.2001',
    );
  });

  it('refuses a kop without names, saying which and where they come from', () => {
    expect(letterheadProblem(letterVillageOf(names, undefined))).toBeNull();
    const problem = letterheadProblem(letterVillageOf({ ...names, districtName: '' }, office));
    expect(problem).toContain('belum memuat nama kecamatan');
    expect(problem).toContain('dikirim kabupaten');
    expect(letterheadProblem(letterVillageOf(undefined, office))).toContain(
      'nama kabupaten, kecamatan, desa',
    );
  });

  it('reads the payload from the QR URL, and masks the NIK', () => {
    const url = qrContent('B1.abc.def', 'https://kab.example/_balai/verifikasi');
    expect(url).toBe('https://kab.example/_balai/verifikasi#B1.abc.def');
    expect(payloadFromScan(url)).toBe('B1.abc.def');
    expect(payloadFromScan(' B1.abc.def ')).toBe('B1.abc.def');
    expect(qrContent('B1.abc.def', '')).toBe('B1.abc.def');
    expect(maskNik('3510171708450001')).toBe('351017******0001');
  });
});
