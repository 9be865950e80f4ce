// RxDB's own CouchDB replication plugin (rxdb/plugins/replication-couchdb) for the comparison,
// on RxDB's memory storage like the others. Two things make it run against a village database:
// the plugin sends a document without its primary-key field (it moves it to `_id`), which the
// village validate_doc_update refuses ("id must equal _id") and the plugin retries forever; so
// the collection's primary key is a copy of `id` (`key`) and the body keeps `id` as it is. And
// leader election is not waited for (one process, one tab).
import { createRxDatabase, type RxCollection } from 'rxdb';
import { replicateCouchDB } from 'rxdb/plugins/replication-couchdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { basicAuth } from '../support/couch-server';

type Doc = Record<string, unknown> & { id: string };

export interface RxdbKiosk {
  insert(docs: Doc[]): Promise<void>;
  /** Push (and pull) until done once (`live: false`). */
  sync(batchSize: number, ways: 'push' | 'both'): Promise<void>;
  /** How many of these ids the collection holds. */
  holds(ids: string[]): Promise<number>;
  close(): Promise<void>;
}

let opened = 0;

export async function openRxdbKiosk(options: {
  dbUrl: string;
  login: { username: string; password: string };
  fetch?: typeof fetch;
}): Promise<RxdbKiosk> {
  const db = await createRxDatabase({
    name: `rxdbbench${++opened}`,
    storage: getRxStorageMemory(),
    multiInstance: false,
  });
  const { docs } = await db.addCollections({
    docs: {
      schema: {
        version: 0,
        primaryKey: 'key',
        type: 'object',
        properties: { key: { type: 'string', maxLength: 120 } },
        required: ['key'],
      },
    },
  });
  const collection = docs as RxCollection<Doc & { key: string }>;
  const authorization = basicAuth(options.login.username, options.login.password);
  const base = options.fetch ?? fetch;
  const authorized: typeof fetch = (input, init) =>
    base(input, {
      ...init,
      headers: { ...(init?.headers as Record<string, string>), Authorization: authorization },
    });
  return {
    async insert(list) {
      const result = await collection.bulkInsert(list.map((d) => ({ ...d, key: d.id })));
      if (result.error.length > 0) throw new Error(`RxDB insert: ${result.error.length} failed`);
    },
    async sync(batchSize, ways) {
      const replication = replicateCouchDB({
        replicationIdentifier: 'bench',
        collection,
        url: options.dbUrl,
        fetch: authorized,
        live: false,
        waitForLeadership: false,
        push: { batchSize },
        ...(ways === 'both' ? { pull: { batchSize } } : {}),
      });
      const failed = new Promise<never>((_, reject) =>
        replication.error$.subscribe((error) => reject(error)),
      );
      await Promise.race([replication.awaitInitialReplication(), failed]);
      await replication.cancel();
    },
    async holds(ids) {
      return (await collection.findByIds(ids).exec()).size;
    },
    async close() {
      await db.close();
    },
  };
}
