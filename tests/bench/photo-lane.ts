// Photos over a village link (decision 0011): a village's day of text (as in village-day.ts)
// plus photos waiting, over 256 kbit/s each way and a 600 ms round trip. Measures when the text
// is at the regency (and at a second kiosk) against the same text with no photos, and when the
// photos have followed. Photos are incompressible bytes of a resized JPEG's size (a 1280 px camera
// JPEG is 100–250 KB; the e2e check measures ours), so what crosses the wire is what a JPEG costs.
import { randomBytes } from 'node:crypto';
import type { PhotoDoc } from '../../shared/documents/photo';
import { createIdGenerator, type IdGenerator } from '../../shared/ids';
import { buildPhotoDoc } from '../../shared/photos/photo-doc';
import type { VillageCode } from '../../shared/village';
import { pendingLocal } from '../../sync/client/local-fields';
import { provisionKiosk, provisionVillage } from '../../sync/provision/provision';
import { startCouchServer, uniqueVillageCode, type CouchServer } from '../support/couch-server';
import { startLinkProxy, type RunningLink } from '../support/link-proxy';
import { openNodeKiosk, type NodeKiosk } from '../support/node-kiosk';
import { addTextDay, VILLAGE_LINK } from './village-day';

/** `count` pending photos of `bytes` each, for a progress report, saved as staff would. */
export async function addPhotos(
  kiosk: NodeKiosk,
  code: VillageCode,
  ids: IdGenerator,
  count: number,
  bytes: number,
): Promise<PhotoDoc[]> {
  const docs: PhotoDoc[] = [];
  for (let i = 0; i < count; i++) {
    // SOI … EOI around incompressible bytes: sized and shaped like a JPEG on the wire.
    const jpeg = new Uint8Array(randomBytes(bytes));
    jpeg.set([0xff, 0xd8, 0xff, 0xe0]);
    jpeg.set([0xff, 0xd9], bytes - 2);
    const built = await buildPhotoDoc(
      `progress:report-${i % 10}:${code}:k1`,
      {
        jpeg,
        width: 1280,
        height: 960,
        takenAt: new Date().toISOString(),
        location: { lat: -8.2192, lon: 114.3691 },
        caption: `Progres pembangunan, foto ${i + 1}`,
      },
      { villageCode: code, kioskId: 'k1', ids },
      new Date().toISOString(),
    );
    if (!built.ok) throw new Error(built.message);
    docs.push(built.doc);
  }
  await kiosk.db.photos.bulkInsert(docs.map(pendingLocal) as never);
  return docs;
}

export interface LaneRun {
  /** Seconds until the writing kiosk's text was at the regency (push and pull done). */
  textUpSeconds: number;
  /** Seconds until the writing kiosk's photos had followed. */
  photosUpSeconds: number;
  /** The same for a second kiosk of the village pulling everything. */
  textDownSeconds: number;
  photosDownSeconds: number;
  requestsUp: number;
  bytesUp: number;
  bytesDown: number;
  code: VillageCode;
  second: NodeKiosk;
}

/** One village over a fresh link: kiosk k1 writes and syncs, then kiosk k2 syncs everything. */
export async function runOverVillageLink(
  server: CouchServer,
  photos: { count: number; bytes: number },
): Promise<LaneRun & { link: RunningLink; photoDocs: PhotoDoc[] }> {
  const admin = { url: server.url, ...server.admin };
  const code = uniqueVillageCode();
  await provisionVillage(admin, { villageCode: code });
  const link = await startLinkProxy({ upstream: server.url, ...VILLAGE_LINK });
  const open = async (kioskId: string) => {
    const login = await provisionKiosk(admin, { villageCode: code, kioskId });
    return openNodeKiosk({
      villageCode: code,
      kioskId,
      login: { url: link.url, ...login },
      storage: 'memory',
    });
  };
  const first = await open('k1');
  const ids = createIdGenerator(code, 'k1');
  await addTextDay(first, code, ids);
  const photoDocs = await addPhotos(first, code, ids, photos.count, photos.bytes);

  const timed = async (kiosk: NodeKiosk) => {
    const start = performance.now();
    let text = NaN;
    await kiosk.replicator.syncOnce({ onTextSynced: () => (text = performance.now() - start) });
    return { text: text / 1000, all: (performance.now() - start) / 1000 };
  };
  const up = await timed(first);
  const { requests: requestsUp, bytesUp } = link.stats;
  await first.close();
  const second = await open('k2');
  const down = await timed(second);
  return {
    textUpSeconds: up.text,
    photosUpSeconds: up.all,
    textDownSeconds: down.text,
    photosDownSeconds: down.all,
    requestsUp,
    bytesUp,
    bytesDown: link.stats.bytesDown,
    code,
    second,
    link,
    photoDocs,
  };
}

const PHOTOS = Number(process.env.PHOTO_LANE_PHOTOS ?? 20);
// 200 KB: what tests/e2e/photos.test.ts measured for a 4000×3000 camera-like photo resized by PhotoInput.
const PHOTO_BYTES = Number(process.env.PHOTO_LANE_BYTES ?? 200_000);

export async function bench(): Promise<object> {
  const server = await startCouchServer();
  try {
    const run = async (photos: { count: number; bytes: number }) => {
      const done = await runOverVillageLink(server, photos);
      await done.second.close();
      await done.link.close();
      return done;
    };
    // Text alone before and after, so warming up favours neither side.
    const before = await run({ count: 0, bytes: 0 });
    const withPhotos = await run({ count: PHOTOS, bytes: PHOTO_BYTES });
    const after = await run({ count: 0, bytes: 0 });
    const alone = {
      textUpSeconds: (before.textUpSeconds + after.textUpSeconds) / 2,
      textDownSeconds: (before.textDownSeconds + after.textDownSeconds) / 2,
      bytesUp: before.bytesUp,
      bytesDown: before.bytesDown,
    };
    // What one photo cost on the wire, each way.
    const perPhoto = (bytes: number) => Math.round(bytes / Math.max(1, PHOTOS));
    const result = {
      link: { kbitPerSecond: (VILLAGE_LINK.bytesPerSecond * 8) / 1000, rttMs: VILLAGE_LINK.rttMs },
      textDocs: 450,
      photos: PHOTOS,
      bytesPerPhoto: PHOTO_BYTES,
      wireBytesPerPhoto: {
        up: perPhoto(withPhotos.bytesUp - alone.bytesUp),
        down: perPhoto(withPhotos.bytesDown - alone.bytesDown),
      },
      photoRequestsUp: withPhotos.requestsUp - before.requestsUp,
      textAloneSeconds: { up: round(alone.textUpSeconds), down: round(alone.textDownSeconds) },
      textDoneSeconds: {
        up: round(withPhotos.textUpSeconds),
        down: round(withPhotos.textDownSeconds),
      },
      photosDoneSeconds: {
        up: round(withPhotos.photosUpSeconds),
        down: round(withPhotos.photosDownSeconds),
      },
      textRatioWithPhotosWaiting: {
        up: round(withPhotos.textUpSeconds / alone.textUpSeconds),
        down: round(withPhotos.textDownSeconds / alone.textDownSeconds),
      },
    };
    console.log('Photos over a village link:', result);
    return result;
  } finally {
    await server.stop();
  }
}

const round = (n: number) => Math.round(n * 100) / 100;
