// What the hub's request checks (sync/hub/request-bodies.ts and friends, issue 7) cost a kiosk's
// real traffic, and how fast the hub turns a hostile request away. On the embedded hub only:
// against COUCHDB_URL these checks are not ours to measure.
import { performance } from 'node:perf_hooks';
import { villageDbName } from '../../shared/village';
import { documentProblem } from '../../sync/hub/document-shape';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from '../../sync/hub/json-depth';
import { provisionKiosk, provisionVillage } from '../../sync/provision/provision';
import { couchCall, startCouchServer, uniqueVillageCode } from '../support/couch-server';

const PUSHES = 30;
const DOCS_PER_PUSH = 200;
const REFUSALS = 300;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return (
    Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]! * 100) / 100
  );
}

function requestDoc(code: string, n: number) {
  const id = `request:bench-${n}:${code}:k1`;
  return {
    _id: id,
    id,
    type: 'request',
    villageCode: code,
    kioskId: 'k1',
    residentName: `Warga ${n}`,
    nik: '3510171708450001',
    serviceType: 'domisili',
    purpose: 'Melamar pekerjaan di kota',
    status: 'submitted',
    events: [{ at: '2026-11-29T01:00:00.000Z', type: 'submitted', by: 'operator' }],
    createdAt: '2026-11-29T01:00:00.000Z',
    updatedAt: '2026-11-29T01:00:00.000Z',
  };
}

export async function bench(): Promise<object> {
  const server = await startCouchServer();
  if (server.kind !== 'hub') {
    await server.stop();
    console.log('hubGuards: COUCHDB_URL is set; the hub’s own checks are not measured there.');
    return { skipped: 'COUCHDB_URL' };
  }
  try {
    const admin = { url: server.url, ...server.admin };
    const code = uniqueVillageCode();
    await provisionVillage(admin, { villageCode: code });
    const kiosk = await provisionKiosk(admin, { villageCode: code, kioskId: 'k1' });
    const db = villageDbName(code);

    // The checks alone, on the bodies the pushes below send.
    const bodies = Array.from({ length: PUSHES }, (_, push) =>
      JSON.stringify({
        docs: Array.from({ length: DOCS_PER_PUSH }, (_, i) =>
          requestDoc(code, push * DOCS_PER_PUSH + i),
        ),
      }),
    );
    let started = performance.now();
    for (const body of bodies) {
      jsonDepthExceeds(body, MAX_JSON_DEPTH);
      for (const doc of (JSON.parse(body) as { docs: unknown[] }).docs) documentProblem(doc);
    }
    const checksMsPerPush = (performance.now() - started) / PUSHES;
    const big = JSON.stringify({
      docs: Array.from({ length: 9_000 }, (_, i) => requestDoc(code, i)),
    });
    started = performance.now();
    jsonDepthExceeds(big, MAX_JSON_DEPTH);
    const depthScanMBps = big.length / 1e6 / ((performance.now() - started) / 1000);

    const pushMs: number[] = [];
    for (const body of bodies) {
      const at = performance.now();
      const answer = await couchCall<{ error?: string; reason?: string }[]>(
        server,
        kiosk,
        'POST',
        `${db}/_bulk_docs`,
        body,
      );
      const refused = Array.isArray(answer.body)
        ? answer.body.find((row) => row.error)
        : answer.body;
      if (answer.status !== 201 || refused) {
        throw new Error(`push answered ${answer.status}: ${JSON.stringify(refused)}`);
      }
      pushMs.push(performance.now() - at);
    }
    const refusalMs: number[] = [];
    for (let i = 0; i < REFUSALS; i++) {
      const at = performance.now();
      const answer = await couchCall(
        server,
        kiosk,
        'POST',
        `${db}/_bulk_docs`,
        '{"docs": [{"_id": 5,',
      );
      if (answer.status !== 400) throw new Error(`malformed push answered ${answer.status}`);
      refusalMs.push(performance.now() - at);
    }
    const figures = {
      push200: { p50Ms: percentile(pushMs, 0.5), p95Ms: percentile(pushMs, 0.95) },
      checksMsPerPush: Math.round(checksMsPerPush * 100) / 100,
      checksShareOfPushPct: Math.round((checksMsPerPush / percentile(pushMs, 0.5)) * 1000) / 10,
      depthScanMBps: Math.round(depthScanMBps),
      refusal400: { p50Ms: percentile(refusalMs, 0.5), p95Ms: percentile(refusalMs, 0.95) },
    };
    console.log('hubGuards:', figures);
    return figures;
  } finally {
    await server.stop();
  }
}
