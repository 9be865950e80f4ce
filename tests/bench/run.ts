// `npm run bench`: the benchmarks side by side in one run, against the embedded hub on a free
// loopback port (or COUCHDB_URL). The last line is one JSON object with every figure.
import { startCouchServer } from '../support/couch-server';
import { benchBalaiPush, benchPouchPush } from './initial-push';

const DOCS = Number(process.env.BENCH_DOCS ?? 10_000);

const server = await startCouchServer();
const admin = { url: server.url, ...server.admin };
try {
  console.log(`Initial push of ${DOCS} documents to the ${server.kind} on loopback…`);
  const pouch = await benchPouchPush(admin, DOCS);
  console.log('PouchDB.replicate:', pouch);
  const balai = await benchBalaiPush(admin, DOCS);
  console.log('Balai replicator:', balai);
  const figures = {
    server: server.kind,
    initialPush: {
      balai,
      pouchdb: pouch,
      speedRatio: Math.round((balai.docsPerSecond / pouch.docsPerSecond) * 100) / 100,
      requestRatio: Math.round((balai.requests / pouch.requests) * 100) / 100,
    },
  };
  console.log(JSON.stringify(figures));
} finally {
  await server.stop();
}
