// The office hub (issue 17, decision 0025), two figures:
// - latency: with the regency unreachable, a request saved on kiosk A until it is in kiosk B's
//   database, both replicating live through the office hub (40 samples: every one, p50, p95);
// - link requests: a day's work of 4 kiosks (8 hours; each hour each kiosk takes 3 requests and
//   syncs) reaching the regency directly vs through the office hub, counting the exchanges that
//   cross the village link (tests/support/link-proxy.ts). Same documents, same hours, same
//   storage; the order rotated over BENCH_ROUNDS (3) rounds, every run and the medians. The
//   office hub's relay runs once an hour here, as each kiosk syncs once an hour: live, each side
//   would add its long polls (one per 25 s idle per kiosk, one for the whole office).
import { IDBFactory } from 'fake-indexeddb';
import { firstValueFrom, filter } from 'rxjs';
import { startLinkProxy, type RunningLink } from '../support/link-proxy';
import { startOfficeNetwork, type OfficeNetwork } from '../support/office-network';
import { median } from './fair-push';

const KIOSKS = ['loket', 'sekretaris', 'bendahara', 'kepala'];
const HOURS = 8;
const PER_HOUR = 3;
const SAMPLES = 40;

type Mode = 'direct' | 'office';

export async function bench(): Promise<object> {
  const latency = await measureLatency();
  console.log(
    `office latency (regency unreachable), ${SAMPLES} samples: p50 ${latency.p50Ms} ms, p95 ${latency.p95Ms} ms, max ${latency.maxMs} ms`,
  );
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const runs: { mode: Mode; requests: number; bytesUp: number; bytesDown: number }[] = [];
  for (let round = 0; round < rounds; round++) {
    const order: Mode[] = round % 2 === 0 ? ['direct', 'office'] : ['office', 'direct'];
    for (const mode of order) {
      const run = await dayOverLink(mode);
      runs.push({ mode, ...run });
      console.log(
        `round ${round + 1} ${mode}: ${run.requests} requests over the village link, ${run.bytesUp} B up, ${run.bytesDown} B down`,
      );
    }
  }
  const med = (mode: Mode, key: 'requests' | 'bytesUp' | 'bytesDown') =>
    median(runs.filter((r) => r.mode === mode).map((r) => r[key]));
  const direct = med('direct', 'requests');
  const office = med('office', 'requests');
  console.log(
    `a day of ${KIOSKS.length} kiosks: ${direct} requests directly, ${office} through the office hub (${direct - office} fewer, ${(direct / office).toFixed(1)}×)`,
  );
  return {
    latency,
    day: {
      kiosks: KIOSKS.length,
      hours: HOURS,
      requestsPerKioskHour: PER_HOUR,
      runs,
      medianRequests: { direct, office, fewer: direct - office },
      medianBytes: {
        direct: { up: med('direct', 'bytesUp'), down: med('direct', 'bytesDown') },
        office: { up: med('office', 'bytesUp'), down: med('office', 'bytesDown') },
      },
    },
  };
}

async function measureLatency() {
  const net = await startOfficeNetwork();
  try {
    await net.link.down();
    const a = await net.kiosk('loket', { storage: 'memory' });
    const b = await net.kiosk('sekretaris', { storage: 'memory' });
    a.node.replicator.start();
    b.node.replicator.start();
    const samples: number[] = [];
    for (let i = 0; i < SAMPLES + 2; i++) {
      const started = performance.now();
      const doc = await a.node.addRequest({ name: `Warga Antre ${i}` });
      await firstValueFrom(b.node.db.requests.findOne(doc.id).$.pipe(filter((d) => d !== null)));
      // The first two warm the connections; they are not counted.
      if (i >= 2) samples.push(Math.round(performance.now() - started));
    }
    const sorted = [...samples].sort((x, y) => x - y);
    return {
      samplesMs: samples,
      p50Ms: sorted[Math.floor(sorted.length * 0.5)]!,
      p95Ms: sorted[Math.ceil(sorted.length * 0.95) - 1]!,
      maxMs: sorted[sorted.length - 1]!,
    };
  } finally {
    await net.stop();
  }
}

/** One day of the office's kiosks; answers what crossed the village link during it. */
async function dayOverLink(mode: Mode) {
  const proxy: { link: RunningLink | null } = { link: null };
  const net: OfficeNetwork = await startOfficeNetwork({
    linkTarget: async (regency) => {
      proxy.link = await startLinkProxy({ upstream: regency.url });
      const { hostname, port } = new URL(proxy.link.url);
      return { host: hostname, port: Number(port) };
    },
  });
  try {
    await net.office.relay.stop(); // run once an hour below, as the kiosks sync once an hour
    const stores = new Map(KIOSKS.map((k) => [k, new IDBFactory()]));
    // Pair and provision before counting: done once in an office's life.
    for (const kioskId of KIOSKS) {
      const kiosk = await net.kiosk(kioskId, {
        paired: mode === 'office',
        indexedDB: stores.get(kioskId)!,
      });
      await kiosk.close();
    }
    const before = { ...proxy.link!.stats };
    for (let hour = 0; hour < HOURS; hour++) {
      for (const kioskId of KIOSKS) {
        // RxDB's open build allows 13 collections a process: one kiosk open at a time.
        const kiosk = await net.kiosk(kioskId, {
          paired: mode === 'office',
          indexedDB: stores.get(kioskId)!,
        });
        for (let i = 0; i < PER_HOUR; i++) {
          await kiosk.node.addRequest({ name: `Warga ${kioskId} ${hour}.${i}` });
        }
        await kiosk.node.replicator.syncOnce();
        await kiosk.close();
      }
      if (mode === 'office') await net.office.relay.runOnce();
    }
    const after = proxy.link!.stats;
    const atRegency = await net.atRegency('request');
    const expected = KIOSKS.length * HOURS * PER_HOUR;
    if (atRegency.length !== expected) {
      throw new Error(`${mode}: ${atRegency.length} requests at the regency, ${expected} expected`);
    }
    return {
      requests: after.requests - before.requests,
      bytesUp: after.bytesUp - before.bytesUp,
      bytesDown: after.bytesDown - before.bytesDown,
    };
  } finally {
    await net.stop();
    await proxy.link?.close();
  }
}
