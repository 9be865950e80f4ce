import { describe, expect, it } from 'vitest';
import type { VillageCode } from '../../shared/village';
import { nameCase, splitRegency, villageNamesOf } from './area-names';

describe('village names from the Kemendagri code', () => {
  it('names 35.10.17.2001 Jambesari, Giri, Kabupaten Banyuwangi, Jawa Timur', async () => {
    expect(await villageNamesOf('3510172001' as VillageCode)).toEqual({
      provinceName: 'Jawa Timur',
      regencyKind: 'Kabupaten',
      regencyName: 'Banyuwangi',
      districtName: 'Giri',
      villageName: 'Jambesari',
    });
  });

  it('knows a Kota from a Kabupaten, and no code outside the dataset', async () => {
    expect(splitRegency('KOTA BATU')).toEqual({ kind: 'Kota', name: 'Batu' });
    expect(splitRegency('KABUPATEN TOLI-TOLI')).toEqual({ kind: 'Kabupaten', name: 'Toli-Toli' });
    expect(nameCase('DKI JAKARTA')).toBe('DKI Jakarta');
    expect(nameCase('KEPULAUAN BANGKA BELITUNG')).toBe('Kepulauan Bangka Belitung');
    expect(await villageNamesOf('3510992001' as VillageCode)).toBeNull();
    expect(await villageNamesOf('9900000001' as VillageCode)).toBeNull();
  });
});
