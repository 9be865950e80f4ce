// Opening the anjungan mandiri's window: the kiosk's configuration and the same database the
// desk's window has open (same origin, same IndexedDB), shared so each sees the other's writes
// at once. The anjungan does not replicate: the desk's window does, for both (decision 0026).
import { createIdGenerator } from '../../shared/ids';
import { REGENCY_PROXY_PREFIX } from '../../shared/ipc';
import { createCouchClient } from '../../sync/client/couch-client';
import { createReplicator } from '../../sync/client/replicator';
import { currentDatabaseName } from '../backup/recovery';
import { getBridge } from '../bridge';
import { openKioskDatabase } from '../db/database';
import { kioskStorage } from '../db/storage';
import type { KioskSession } from '../session';
import { useSession } from '../state/session-store';

export async function openAnjunganSession(): Promise<KioskSession> {
  const config = await getBridge().getConfig();
  const db = await openKioskDatabase(await currentDatabaseName(config), kioskStorage(), {
    multiInstance: true,
  });
  // A session's shape for the screens shared with the desk; this replicator is never started.
  const replicator = createReplicator({
    db,
    couch: createCouchClient({ dbUrl: new URL(REGENCY_PROXY_PREFIX, window.location.origin).href }),
    identity: { villageCode: config.villageCode, kioskId: config.kioskId },
  });
  const session: KioskSession = {
    config,
    db,
    ids: createIdGenerator(config.villageCode, config.kioskId),
    replicator,
  };
  // The board and the village's name read the open session from the same store as the desk.
  useSession.setState({ phase: 'open', session });
  return session;
}
