// The Dukcapil back office's list at Banyuwangi's scale: 10,000 open applications across 217
// villages (46 or 47 each, a third of them already verified), stored on an in-process hub, then
// `GET /_balai/dukcapil` as a Dukcapil officer over HTTP — the session check, the village list,
// per village its `update_seq` and, only when it moved since the last load, its view (eight at a
// time; docs/decisions/0021), the status of every application and the first page rendered. Cold
// once (the view index is built), then warm, five rounds, every run printed; then five rounds
// in each of which one village got a new decision just before the load (its view read again);
// then the dashboard's civil-registration charts over the same villages, cold once and warm five
// times.
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { applicationFromForm, submitApplication } from '../../shared/dukcapil/application';
import type { Author } from '../../shared/documents/base';
import type { DukcapilApplicationDoc } from '../../shared/documents/dukcapil';
import { DUKCAPIL_DOCUMENT_TYPES } from '../../shared/dukcapil/catalogue';
import { createIdGenerator } from '../../shared/ids';
import { villageDbName, type VillageCode } from '../../shared/village';
import { couchRequest, expectStatus } from '../../sync/provision/couch-request';
import { provisionVillage } from '../../sync/provision/provision';
import { provisionDukcapil, provisionStaff } from '../../sync/provision/regency';
import { basicAuth, startCouchServer } from '../support/couch-server';

const VILLAGES = 217;
const APPLICATIONS = Number(process.env.BENCH_DUKCAPIL_APPLICATIONS ?? 10_000);
const REGENCY = '3599';

/** A KTP-el application as the desk drafts it (the form checked), not yet sent. */
export function ktpDraft(
  author: Author,
  subjectName: string,
  kkNumber: string,
  at: string,
): DukcapilApplicationDoc {
  const made = applicationFromForm(
    {
      documentType: 'ktp-cetak',
      subjectName,
      subjectNik: '',
      kkNumber,
      fields: { nomorKk: kkNumber },
      subjects: [],
    },
    author,
    at,
    at.slice(0, 10),
  );
  if (!made.ok) throw new Error(JSON.stringify(made.errors));
  return made.doc;
}

export async function bench(): Promise<object> {
  const server = await startCouchServer();
  try {
    const admin = { url: server.url, ...server.admin };
    const codes = Array.from(
      { length: VILLAGES },
      (_, i) => `${REGENCY}${String(100_000 + i)}` as VillageCode,
    );
    const seedStart = performance.now();
    for (const code of codes) await provisionVillage(admin, { villageCode: code });
    for (const [v, code] of codes.entries()) {
      const ids = createIdGenerator(code, 'k1');
      const author = { villageCode: code, kioskId: 'k1', ids };
      const count = Math.floor(APPLICATIONS / VILLAGES) + (v < APPLICATIONS % VILLAGES ? 1 : 0);
      const docs: object[] = [];
      for (let i = 0; i < count; i++) {
        const at = new Date(Date.now() - (i % 30) * 86_400_000).toISOString();
        const type = DUKCAPIL_DOCUMENT_TYPES[i % DUKCAPIL_DOCUMENT_TYPES.length]!;
        const draft = ktpDraft(author, `Penduduk ${v}-${i}`, '3599170101200001', at);
        // Every document type, as a real list has; the photos are not part of the list.
        const doc = { ...draft, documentType: type, evidence: { kk: [`photo:${i}`] } };
        const sent = submitApplication({ ...doc, documentType: 'ktp-cetak' }, [], 'Petugas', at);
        if (!sent.ok) throw new Error(sent.message);
        const app = { ...sent.doc, documentType: type };
        docs.push({ ...app, _id: app.id });
        if (i % 3 === 0) {
          const d = createIdGenerator(code, 'dukcapil').next('dukcapil-decision');
          docs.push({
            _id: d,
            id: d,
            type: 'dukcapil-decision',
            villageCode: code,
            kioskId: 'dukcapil',
            createdAt: at,
            updatedAt: at,
            date: at.slice(0, 10),
            applicationId: app.id,
            submission: 1,
            step: 'terverifikasi',
            note: '',
            documentNumber: '',
            kkNumber: '',
            subjectNik: '',
            fileId: '',
            officer: 'bench',
          });
        }
      }
      expectStatus(
        await couchRequest(admin, 'POST', `${villageDbName(code)}/_bulk_docs`, { docs }),
        [201],
        'Seeding applications',
      );
    }
    const seedMs = performance.now() - seedStart;
    const password = randomBytes(9).toString('hex');
    await provisionDukcapil(admin, { name: 'bench-dukcapil', regency: REGENCY, password });
    const headers = { Authorization: basicAuth('bench-dukcapil', password) };
    const load = async () => {
      const start = performance.now();
      const res = await fetch(`${server.url}_balai/dukcapil`, { headers });
      const html = await res.text();
      if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${html.slice(0, 200)}`);
      const open = /([\d.]+) permohonan menunggu/.exec(html)?.[1] ?? '?';
      return { ms: performance.now() - start, bytes: html.length, open };
    };
    const cold = await load();
    const warm = [];
    for (let round = 0; round < 5; round++) warm.push(await load());
    const changed = [];
    for (let round = 0; round < 5; round++) {
      const code = codes[round * 40]!;
      const id = createIdGenerator(code, 'dukcapil').next('dukcapil-decision');
      const at = new Date().toISOString();
      const decision = { _id: id, id, type: 'dukcapil-decision', villageCode: code };
      expectStatus(
        await couchRequest(admin, 'PUT', `${villageDbName(code)}/${encodeURIComponent(id)}`, {
          ...decision,
          kioskId: 'dukcapil',
          createdAt: at,
          updatedAt: at,
          date: at.slice(0, 10),
          applicationId: 'none',
          submission: 1,
          step: 'terverifikasi',
          note: '',
          documentNumber: '',
          kkNumber: '',
          subjectNik: '',
          fileId: '',
          officer: 'bench',
        }),
        [201],
        'A new decision',
      );
      changed.push(Math.round((await load()).ms));
    }
    const runs = warm.map((w) => Math.round(w.ms));
    const sorted = [...runs].sort((a, b) => a - b);
    const changedMedian = [...changed].sort((a, b) => a - b)[2]!;
    // The dashboard's civil-registration charts over the same villages, as regency staff.
    const staff = await provisionStaff(admin, { name: 'bench-dasbor', password });
    const staffHeaders = { Authorization: basicAuth(staff.username, password) };
    const chartsLoad = async () => {
      const start = performance.now();
      const res = await fetch(`${server.url}_balai/dashboard?bagian=kependudukan`, {
        headers: staffHeaders,
      });
      const html = await res.text();
      if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${html.slice(0, 200)}`);
      return Math.round(performance.now() - start);
    };
    const chartsCold = await chartsLoad();
    const chartsWarm = [];
    for (let round = 0; round < 5; round++) chartsWarm.push(await chartsLoad());
    const chartsMedian = [...chartsWarm].sort((a, b) => a - b)[2]!;
    const result = {
      villages: VILLAGES,
      applications: APPLICATIONS,
      listedOpen: cold.open,
      seedMs: Math.round(seedMs),
      coldMs: Math.round(cold.ms),
      warmRunsMs: runs,
      warmMedianMs: sorted[2],
      oneVillageChangedRunsMs: changed,
      oneVillageChangedMedianMs: changedMedian,
      chartsColdMs: chartsCold,
      chartsWarmRunsMs: chartsWarm,
      chartsWarmMedianMs: chartsMedian,
      pageBytes: cold.bytes,
      under1s: sorted[2]! < 1000,
    };
    console.log(
      `Dukcapil list, ${APPLICATIONS} open applications in ${VILLAGES} villages: cold ${result.coldMs} ms, warm ${runs.join(' / ')} ms (median ${result.warmMedianMs} ms); one village changed before each load: ${changed.join(' / ')} ms (median ${changedMedian} ms); page ${cold.bytes} bytes. Civil-registration charts: cold ${chartsCold} ms, warm ${chartsWarm.join(' / ')} ms (median ${chartsMedian} ms).`,
    );
    return result;
  } finally {
    await server.stop();
  }
}
