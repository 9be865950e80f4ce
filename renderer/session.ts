// Opening the kiosk: its configuration from the host, its local database, and replication
// through the host's `/regency/` proxy. The database opens before anything touches the network.
import { createIdGenerator, type IdGenerator } from '../shared/ids';
import { REGENCY_PROXY_PREFIX, type KioskConfig } from '../shared/ipc';
import { createCouchClient } from '../sync/client/couch-client';
import { createReplicator, type Replicator } from '../sync/client/replicator';
import type { KioskDatabase } from '../sync/client/store-types';
import { getBridge } from './bridge';
import { openRecordedDatabase } from './backup/recovery';
import { startBackgroundBackups } from './backup/schedule';

export interface KioskSession {
  config: KioskConfig;
  db: KioskDatabase;
  ids: IdGenerator;
  replicator: Replicator;
}

export async function openSession(): Promise<KioskSession> {
  const config = await getBridge().getConfig();
  // The database the host points at (a restore moves the pointer), checked against what the
  // kiosk had: a lost or damaged one stops here and staff are offered a rebuild (decision 0009).
  const { db } = await openRecordedDatabase(config);
  const couch = createCouchClient({
    dbUrl: new URL(REGENCY_PROXY_PREFIX, window.location.href).href,
  });
  const replicator = createReplicator({
    db,
    couch,
    identity: { villageCode: config.villageCode, kioskId: config.kioskId },
  });
  if (config.regencyOrigin) replicator.start();
  const session = {
    config,
    db,
    ids: createIdGenerator(config.villageCode, config.kioskId),
    replicator,
  };
  startBackgroundBackups(session);
  return session;
}
