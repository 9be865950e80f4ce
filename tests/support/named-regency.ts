// A regency hub that has provisioned a test village with its names, as `add-village` does, for
// browser kiosks that issue letters: a letter is never signed under a kop without names, and the
// names reach a kiosk only with the regency's profile (docs/decisions/0015).
import type { VillageCode } from '../../shared/village';
import { publishVillageNames } from '../../sync/provision/letter-key';
import { provisionKiosk, provisionVillage } from '../../sync/provision/provision';
import { startCouchServer } from './couch-server';

/** The names a test village (province 99, in no dataset) is given. */
export const TEST_VILLAGE_NAMES = {
  provinceName: 'Jawa Timur',
  regencyKind: 'Kabupaten',
  regencyName: 'Banyuwangi',
  districtName: 'Giri',
  villageName: 'Uji Coba',
} as const;

export async function namedRegency(
  villageCode: string,
  kioskId = 'k1',
): Promise<{ regencyUrl: string; password: string; stop(): Promise<void> }> {
  const server = await startCouchServer();
  const admin = { url: server.url, ...server.admin };
  const code = villageCode as VillageCode;
  await provisionVillage(admin, { villageCode: code });
  await publishVillageNames(admin, { villageCode: code, names: TEST_VILLAGE_NAMES });
  const login = await provisionKiosk(admin, { villageCode: code, kioskId });
  return { regencyUrl: server.url, password: login.password, stop: () => server.stop() };
}
