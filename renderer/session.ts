// Opening the kiosk: its configuration from the host, its local database, and replication
// through the host's `/regency/` proxy. The database opens before anything touches the network.
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { createIdGenerator, type IdGenerator } from '../shared/ids';
import { REGENCY_PROXY_PREFIX, type KioskConfig } from '../shared/ipc';
import { createCouchClient } from '../sync/client/couch-client';
import { createReplicator, type Replicator } from '../sync/client/replicator';
import type { KioskDatabase } from '../sync/client/store-types';
import { getBridge } from './bridge';
import { databaseName, openKioskDatabase } from './db/database';

export interface KioskSession {
  config: KioskConfig;
  db: KioskDatabase;
  ids: IdGenerator;
  replicator: Replicator;
}

export async function openSession(): Promise<KioskSession> {
  const config = await getBridge().getConfig();
  const db = await openKioskDatabase(
    databaseName(config.villageCode, config.kioskId),
    getRxStorageDexie(),
  );
  const couch = createCouchClient({
    dbUrl: new URL(REGENCY_PROXY_PREFIX, window.location.href).href,
  });
  const replicator = createReplicator({
    db,
    couch,
    identity: { villageCode: config.villageCode, kioskId: config.kioskId },
  });
  if (config.regencyOrigin) replicator.start();
  return { config, db, ids: createIdGenerator(config.villageCode, config.kioskId), replicator };
}
