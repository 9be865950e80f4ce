// A kiosk in Node: the real kiosk database (RxDB on Dexie, over an in-process IndexedDB that
// outlives a close, so "restart" means close and reopen) and the real replicator.
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createIdGenerator } from '../../shared/ids';
import { requestFromForm, type RequestForm } from '../../shared/documents/request-form';
import type { RequestDoc } from '../../shared/documents/request';
import { villageDbName, type VillageCode } from '../../shared/village';
import { createCouchClient, type CouchClient } from '../../sync/client/couch-client';
import { pendingLocal } from '../../sync/client/local-fields';
import { createReplicator, type Replicator } from '../../sync/client/replicator';
import type { KioskDatabase } from '../../sync/client/store-types';
import { databaseName, openKioskDatabase } from '../../renderer/db/database';
import { basicAuth } from './couch-server';

export interface KioskLogin {
  url: string;
  username: string;
  password: string;
}

export interface NodeKiosk {
  db: KioskDatabase;
  couch: CouchClient;
  replicator: Replicator;
  addRequest(form?: Partial<RequestForm>): Promise<RequestDoc>;
  /** Close everything and open it again on the same stored data. */
  restart(options?: { login?: KioskLogin; fetch?: typeof fetch }): Promise<NodeKiosk>;
  close(): Promise<void>;
}

const open = new Set<NodeKiosk>();

/** Closes every kiosk a test left open (a failed assertion skips its own `close()`). */
export async function closeAllKiosks(): Promise<void> {
  await Promise.all([...open].map((kiosk) => kiosk.close()));
}

const SAMPLE: RequestForm = {
  nik: '3510171708450001',
  name: 'Budi Santoso',
  serviceType: 'domisili',
  purpose: 'Melamar pekerjaan',
};

export async function openNodeKiosk(options: {
  villageCode: VillageCode;
  kioskId: string;
  login: KioskLogin;
  fetch?: typeof fetch;
  batchSize?: number;
  /** Milliseconds before a request is given up (a stalled link ends here). */
  timeoutMs?: number;
  indexedDB?: IDBFactory;
  /**
   * `dexie` (default): the kiosk's own storage over an in-process IndexedDB that survives a
   * restart. `memory`: RxDB's memory storage, for benchmarks — the in-process IndexedDB slows
   * down with thousands of records in a way Chromium's native IndexedDB does not.
   */
  storage?: 'dexie' | 'memory';
}): Promise<NodeKiosk> {
  const indexedDB = options.indexedDB ?? new IDBFactory();
  const db = await openKioskDatabase(
    databaseName(options.villageCode, options.kioskId),
    options.storage === 'memory'
      ? getRxStorageMemory()
      : getRxStorageDexie({ indexedDB, IDBKeyRange }),
  );
  const couch = createCouchClient({
    dbUrl: `${options.login.url}${villageDbName(options.villageCode)}/`,
    headers: { Authorization: basicAuth(options.login.username, options.login.password) },
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  const replicator = createReplicator({
    db,
    couch,
    identity: { villageCode: options.villageCode, kioskId: options.kioskId },
    longpollMs: 2_000,
    backoff: { initialMs: 50, maxMs: 500 },
    ...(options.batchSize ? { batchSize: options.batchSize } : {}),
  });
  const ids = createIdGenerator(options.villageCode, options.kioskId);

  const kiosk: NodeKiosk = {
    db,
    couch,
    replicator,
    async addRequest(form = {}) {
      const made = requestFromForm(
        { ...SAMPLE, ...form },
        {
          villageCode: options.villageCode,
          kioskId: options.kioskId,
          ids,
        },
      );
      if (!made.ok) throw new Error(JSON.stringify(made.errors));
      await db.requests.insert(pendingLocal(made.doc));
      return made.doc;
    },
    async restart(next = {}) {
      await kiosk.close();
      return openNodeKiosk({
        ...options,
        indexedDB,
        login: next.login ?? options.login,
        fetch: next.fetch, // a restarted kiosk starts on a healthy network unless told otherwise
      });
    },
    async close() {
      open.delete(kiosk);
      await replicator.stop();
      await db.close();
    },
  };
  open.add(kiosk);
  return kiosk;
}
