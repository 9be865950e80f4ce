// One worker of the many-villages benchmark: for each village in turn, its two kiosks write
// requests and sync until each holds the other's work.
import type { VillageCode } from '../../shared/village';
import { openNodeKiosk, type KioskLogin } from '../support/node-kiosk';

export interface VillageJob {
  villageCode: VillageCode;
  kiosks: { kioskId: string; login: KioskLogin }[];
  requestsPerKiosk: number;
}

export interface VillageOutcome {
  villageCode: string;
  converged: boolean;
}

const jobs = await new Promise<VillageJob[]>((resolve) =>
  process.once('message', (m) => resolve(m as VillageJob[])),
);
const outcomes: VillageOutcome[] = [];
for (const job of jobs) {
  const kiosks = await Promise.all(
    job.kiosks.map((k) =>
      openNodeKiosk({
        villageCode: job.villageCode,
        kioskId: k.kioskId,
        login: k.login,
        storage: 'memory',
      }),
    ),
  );
  for (const kiosk of kiosks) {
    for (let i = 0; i < job.requestsPerKiosk; i++) await kiosk.addRequest({ name: `Warga ${i}` });
  }
  // Each syncs once, then the first again to receive what the second sent after it.
  for (const kiosk of [...kiosks, kiosks[0]!]) await kiosk.replicator.syncOnce();
  const expected = job.kiosks.length * job.requestsPerKiosk;
  const counts = await Promise.all(kiosks.map((k) => k.db.requests.count().exec()));
  outcomes.push({ villageCode: job.villageCode, converged: counts.every((n) => n === expected) });
  await Promise.all(kiosks.map((k) => k.close()));
}
process.send!(outcomes, () => process.exit(0));
