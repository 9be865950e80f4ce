// 200 villages with 2 kiosks each, syncing against one hub on this machine: every kiosk writes
// a few requests, the two kiosks of each village sync until each has the other's work. The hub
// runs as its own process (`npm run hub`), so its memory is its own; the simulated kiosks run in
// worker processes (open-source RxDB allows 13 collections per process: two kiosks of five).
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VillageCode } from '../../shared/village';
import { provisionKiosk, provisionVillage } from '../../sync/provision/provision';
import { uniqueVillageCode } from '../support/couch-server';
import { freePort } from '../support/ports';
import type { VillageJob, VillageOutcome } from './many-villages-worker';

const VILLAGES = Number(process.env.BENCH_VILLAGES ?? 200);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 4);
const REQUESTS_PER_KIOSK = 5;

export async function bench(): Promise<object> {
  const dataDir = await mkdtemp(join(tmpdir(), 'balai-bench-hub-'));
  const port = await freePort();
  const admin = { username: 'admin', password: 'bench-admin-secret' };
  const hub = spawn(process.execPath, ['--import', 'tsx', 'sync/hub/cli.ts'], {
    env: {
      ...process.env,
      BALAI_HUB_PORT: String(port),
      BALAI_HUB_DATA: dataDir,
      BALAI_HUB_ADMIN: admin.username,
      BALAI_HUB_PASSWORD: admin.password,
    },
    stdio: 'ignore',
    detached: true,
  });
  try {
    const url = `http://127.0.0.1:${port}/`;
    await untilUp(url);
    const adminLogin = { url, ...admin };
    const provisionStart = performance.now();
    const jobs: VillageJob[] = [];
    for (let i = 0; i < VILLAGES; i++) {
      const code: VillageCode = uniqueVillageCode();
      await provisionVillage(adminLogin, { villageCode: code });
      const kiosks = [];
      for (const kioskId of ['k1', 'k2']) {
        const { username, password } = await provisionKiosk(adminLogin, {
          villageCode: code,
          kioskId,
        });
        kiosks.push({ kioskId, login: { url, username, password } });
      }
      jobs.push({ villageCode: code, kiosks, requestsPerKiosk: REQUESTS_PER_KIOSK });
    }
    const provisionSeconds = (performance.now() - provisionStart) / 1000;
    console.log(
      `Provisioned ${VILLAGES} villages in ${provisionSeconds.toFixed(1)} s; syncing with ${WORKERS} workers…`,
    );

    const hubPeak = watchPeakMemory(hub);
    const start = performance.now();
    const outcomes = (
      await Promise.all(
        Array.from({ length: WORKERS }, (_, w) =>
          runWorker(jobs.filter((_, i) => i % WORKERS === w)),
        ),
      )
    ).flat();
    const seconds = (performance.now() - start) / 1000;
    const converged = outcomes.filter((o) => o.converged).length;
    const result = {
      villages: VILLAGES,
      kiosks: VILLAGES * 2,
      workers: WORKERS,
      documents: VILLAGES * 2 * REQUESTS_PER_KIOSK,
      converged,
      seconds: Math.round(seconds * 10) / 10,
      provisionSeconds: Math.round(provisionSeconds * 10) / 10,
      hubPeakRssMiB: Math.round((await hubPeak.stop()) / 1024),
    };
    console.log('Many villages:', result);
    if (converged !== VILLAGES)
      throw new Error(`${VILLAGES - converged} villages did not converge`);
    return result;
  } finally {
    if (hub.pid) process.kill(-hub.pid, 'SIGTERM');
    await new Promise((r) => hub.once('exit', r));
    await rm(dataDir, { recursive: true, force: true });
  }
}

function runWorker(jobs: VillageJob[]): Promise<VillageOutcome[]> {
  return new Promise((resolve, reject) => {
    const worker = fork(new URL('./many-villages-worker.ts', import.meta.url), {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    worker.send(jobs);
    worker.once('message', (outcomes) => resolve(outcomes as VillageOutcome[]));
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`worker exited with ${code}`)));
  });
}

async function untilUp(url: string) {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the hub did not start');
}

/** Samples the hub process's peak resident memory, in KiB. */
function watchPeakMemory(hub: ChildProcess) {
  let peak = 0;
  const sample = async () => {
    const status = await readFile(`/proc/${hub.pid}/status`, 'utf8').catch(() => '');
    peak = Math.max(peak, Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0));
  };
  const timer = setInterval(() => void sample(), 250);
  return {
    async stop() {
      clearInterval(timer);
      await sample();
      return peak;
    },
  };
}
