// A village profile as the regency writes it at provisioning (names from the code), for tests
// that issue letters on a kiosk store directly: a letter is never signed under a nameless kop.
import {
  villageProfileDocSchema,
  type VillageProfileDoc,
} from '../../shared/documents/village-admin';

export function namedVillageProfile(villageCode: string): VillageProfileDoc {
  const at = '2026-11-01T00:00:00.000Z';
  return villageProfileDocSchema.parse({
    id: `village-profile:${villageCode}`,
    type: 'village-profile',
    villageCode,
    kioskId: 'kabupaten',
    createdAt: at,
    updatedAt: at,
    villageName: 'Jambesari',
    districtName: 'Giri',
    regencyName: 'Banyuwangi',
    provinceName: 'Jawa Timur',
    address: '',
  });
}
