// Initial push of BENCH_DOCS (10,000) documents to the hub (or COUCHDB_URL) on loopback: Balai's
// replicator against PouchDB.replicate on the same documents.
import { startCouchServer } from '../support/couch-server';
import { benchBalaiPush, benchPouchPush } from './initial-push';

export async function bench(): Promise<object> {
  const docs = Number(process.env.BENCH_DOCS ?? 10_000);
  const server = await startCouchServer();
  const admin = { url: server.url, ...server.admin };
  try {
    console.log(`Initial push of ${docs} documents to the ${server.kind} on loopback…`);
    const pouchdb = await benchPouchPush(admin, docs);
    console.log('PouchDB.replicate:', pouchdb);
    const balai = await benchBalaiPush(admin, docs);
    console.log('Balai replicator:', balai);
    return {
      server: server.kind,
      balai,
      pouchdb,
      speedRatio: Math.round((balai.docsPerSecond / pouchdb.docsPerSecond) * 100) / 100,
      requestRatio: Math.round((balai.requests / pouchdb.requests) * 100) / 100,
    };
  } finally {
    await server.stop();
  }
}
