// A Dukcapil application over a village link (256 kbit/s each way, 600 ms round trip; the link
// proxy of tests/support): the application's text with 4 requirement photos of 200 kB waiting,
// against the same application with no photos (when is the text at the regency?), and the issued
// 200 kB PDF coming down to the village against the link's floor (the PDF's bytes at the link's
// rate plus one round trip). A fresh village and link per run; "alone" and "with photos" take
// turns, three rounds; every run and the medians are printed. Photos and the PDF are
// incompressible bytes (a JPEG, a compressed PDF), so what crosses the wire is what they cost.
import { randomBytes } from 'node:crypto';
import { submitApplication } from '../../shared/dukcapil/application';
import { createIdGenerator } from '../../shared/ids';
import { buildPhotoDoc } from '../../shared/photos/photo-doc';
import { villageDbName, type VillageCode } from '../../shared/village';
import { couchRequest } from '../../sync/provision/couch-request';
import { pendingLocal } from '../../sync/client/local-fields';
import { provisionKiosk, provisionVillage } from '../../sync/provision/provision';
import { provisionDukcapil } from '../../sync/provision/regency';
import { recordDecision } from '../../sync/regency/dukcapil-data';
import { startCouchServer, type CouchServer } from '../support/couch-server';
import { startLinkProxy } from '../support/link-proxy';
import { openNodeKiosk } from '../support/node-kiosk';
import { ktpDraft } from './dukcapil-list';
import { VILLAGE_LINK } from './village-day';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PHOTOS = 4;
const PHOTO_BYTES = 200_000;
const PDF_BYTES = 200_000;
const REGENCY = '3598';

function incompressible(bytes: number, head: number[], tail: number[]): Uint8Array {
  const out = new Uint8Array(randomBytes(bytes));
  out.set(head);
  out.set(tail, bytes - tail.length);
  return out;
}

interface Run {
  textUpSeconds: number;
  photosUpSeconds: number;
  /** With photos only: the issued PDF's way down (seconds, bytes on the wire). */
  pdfDownSeconds?: number;
  /** From the same start to the moment the kiosk has stored the PDF (before its sync report). */
  pdfStoredSeconds?: number;
  pdfWireBytesDown?: number;
  /** Requests that crossed the link for it (each costs a round trip). */
  pdfRequests?: number;
}

async function oneRun(
  server: CouchServer,
  officer: { username: string; password: string },
  withPhotos: boolean,
  round: number,
): Promise<Run> {
  const admin = { url: server.url, ...server.admin };
  const code = `${REGENCY}${String(100_000 + round * 2 + (withPhotos ? 1 : 0))}` as VillageCode;
  await provisionVillage(admin, { villageCode: code });
  const login = await provisionKiosk(admin, { villageCode: code, kioskId: 'k1' });
  const link = await startLinkProxy({ upstream: server.url, ...VILLAGE_LINK });
  const kiosk = await openNodeKiosk({
    villageCode: code,
    kioskId: 'k1',
    login: { url: link.url, ...login },
    storage: 'memory',
  });
  try {
    const author = { villageCode: code, kioskId: 'k1', ids: createIdGenerator(code, 'k1') };
    const at = new Date().toISOString();
    const draft = ktpDraft(author, 'Warga Uji', '3598170101200001', at);
    const photoIds: string[] = [];
    for (let i = 0; i < (withPhotos ? PHOTOS : 0); i++) {
      const built = await buildPhotoDoc(
        draft.id,
        {
          jpeg: incompressible(PHOTO_BYTES, [0xff, 0xd8, 0xff, 0xe0], [0xff, 0xd9]),
          width: 1280,
          height: 960,
          takenAt: at,
          caption: `Persyaratan ${i + 1}`,
        },
        author,
        at,
      );
      if (!built.ok) throw new Error(built.message);
      await kiosk.db.photos.insert(pendingLocal(built.doc) as never);
      photoIds.push(built.doc.id);
    }
    // Without photos the requirement names a photo that is not there: the text alone.
    const evidence = { kk: withPhotos ? photoIds : ['photo:none'] };
    const sent = submitApplication({ ...draft, evidence }, [], 'Petugas', at);
    if (!sent.ok) throw new Error(sent.message);
    await kiosk.db.requests.insert(pendingLocal(sent.doc) as never);

    const start = performance.now();
    let text = NaN;
    await kiosk.replicator.syncOnce({ onTextSynced: () => (text = performance.now() - start) });
    const run: Run = {
      textUpSeconds: text / 1000,
      photosUpSeconds: (performance.now() - start) / 1000,
    };
    const there = await couchRequest(
      admin,
      'GET',
      `${villageDbName(code)}/${encodeURIComponent(sent.doc.id)}`,
    );
    if (there.status !== 200) throw new Error(`The application is not at the regency.`);
    if (!withPhotos) return run;

    // Dukcapil issues it with a 200 kB PDF, on the regency's side of the link.
    const pdf = incompressible(PDF_BYTES, [...new TextEncoder().encode('%PDF-1.7\n')], [0x0a]);
    const issued = await recordDecision(
      { url: server.url, ...officer },
      code,
      sent.doc.id,
      { step: 'terbit', note: '', documentNumber: 'KTP-0001', kkNumber: '', subjectNik: '' },
      { name: 'ktp.pdf', bytes: pdf },
    );
    if (!issued.ok) throw new Error(issued.message);
    const before = link.stats.bytesDown;
    const requestsBefore = link.stats.requests;
    let stored = NaN;
    const watching = kiosk.db.photos.findOne(issued.decision.fileId).$.subscribe((doc) => {
      if (doc && Number.isNaN(stored)) stored = performance.now();
    });
    const down = performance.now();
    try {
      await kiosk.replicator.syncOnce();
    } finally {
      watching.unsubscribe();
    }
    run.pdfDownSeconds = (performance.now() - down) / 1000;
    run.pdfStoredSeconds = (stored - down) / 1000;
    run.pdfWireBytesDown = link.stats.bytesDown - before;
    run.pdfRequests = link.stats.requests - requestsBefore;
    const file = await kiosk.db.photos.findOne(issued.decision.fileId).exec();
    if (!file) throw new Error('The issued PDF did not reach the village.');
    return run;
  } finally {
    await kiosk.close();
    await link.close();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const round2 = (n: number) => Math.round(n * 100) / 100;

export async function bench(): Promise<object> {
  const server = await startCouchServer();
  try {
    const admin = { url: server.url, ...server.admin };
    const password = randomBytes(9).toString('hex');
    await provisionDukcapil(admin, { name: 'bench-link-dukcapil', regency: REGENCY, password });
    const officer = { username: 'bench-link-dukcapil', password };
    const alone: Run[] = [];
    const photos: Run[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      // Order rotated: even rounds start with the text alone, odd ones with the photos.
      const order = r % 2 === 0 ? [false, true] : [true, false];
      for (const withPhotos of order) {
        const run = await oneRun(server, officer, withPhotos, r);
        (withPhotos ? photos : alone).push(run);
        console.log(`round ${r + 1}, ${withPhotos ? '4 photos' : 'text alone'}:`, run);
      }
    }
    const floorSeconds = PDF_BYTES / VILLAGE_LINK.bytesPerSecond + VILLAGE_LINK.rttMs / 1000;
    const textAlone = median(alone.map((r) => r.textUpSeconds));
    const textWithPhotos = median(photos.map((r) => r.textUpSeconds));
    const pdfDown = median(photos.map((r) => r.pdfDownSeconds!));
    const pdfStored = median(photos.map((r) => r.pdfStoredSeconds!));
    const result = {
      link: { kbitPerSecond: (VILLAGE_LINK.bytesPerSecond * 8) / 1000, rttMs: VILLAGE_LINK.rttMs },
      rounds: ROUNDS,
      textAloneRunsSeconds: alone.map((r) => round2(r.textUpSeconds)),
      textWithPhotosRunsSeconds: photos.map((r) => round2(r.textUpSeconds)),
      photosUpRunsSeconds: photos.map((r) => round2(r.photosUpSeconds)),
      textAloneMedianSeconds: round2(textAlone),
      textWithPhotosMedianSeconds: round2(textWithPhotos),
      textRatio: round2(textWithPhotos / textAlone),
      pdfDownRunsSeconds: photos.map((r) => round2(r.pdfDownSeconds!)),
      pdfWireBytesDown: photos.map((r) => r.pdfWireBytesDown!),
      pdfRequests: photos.map((r) => r.pdfRequests!),
      pdfFloorSeconds: round2(floorSeconds),
      pdfDownMedianSeconds: round2(pdfDown),
      pdfRatioToFloor: round2(pdfDown / floorSeconds),
      pdfStoredRunsSeconds: photos.map((r) => round2(r.pdfStoredSeconds!)),
      pdfStoredMedianSeconds: round2(pdfStored),
      pdfStoredRatioToFloor: round2(pdfStored / floorSeconds),
      pdfStoredWithin1_2xFloor: pdfStored <= 1.2 * floorSeconds,
      pdfWithin1_2xFloor: pdfDown <= 1.2 * floorSeconds,
    };
    console.log('A Dukcapil application over a village link:', result);
    return result;
  } finally {
    await server.stop();
  }
}
