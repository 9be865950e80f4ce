// An office on its own network for the office-hub suites and benchmark (decision 0025): the
// regency behind the village link (a gate that can be unplugged), the office hub, and kiosks
// paired with it that sync over the path they choose. Each part has its own loopback address —
// regency link 127.0.0.3, office hub 127.0.0.2 — as separate hosts of the office network.
import { mkdtemp, rm } from 'node:fs/promises';
import type { IDBFactory } from 'fake-indexeddb';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { villageDbName, type VillageCode } from '../../shared/village';
import { createKioskPaths, type KioskPaths } from '../../sync/office/kiosk-paths';
import { startOfficeHub, type RunningOfficeHub } from '../../sync/office/office-hub';
import { pairWithOfficeHub, type OfficePairing } from '../../sync/office/pair-kiosk';
import { provisionKiosk, provisionVillage } from '../../sync/provision/provision';
import { basicAuth, startCouchServer, uniqueVillageCode, type CouchServer } from './couch-server';
import { openNodeKiosk, type NodeKiosk } from './node-kiosk';
import { startTcpGate, type TcpGate } from './tcp-gate';

export const OFFICE_HOST = '127.0.0.2';
export const LINK_HOST = '127.0.0.3';

export interface OfficeNetwork {
  code: VillageCode;
  regency: CouchServer;
  /** The village's internet link: the regency as the office reaches it. */
  link: TcpGate;
  office: RunningOfficeHub;
  /** Starts the office hub again on the same folder and port (after `office.close()`). */
  restartOffice(): Promise<RunningOfficeHub>;
  /** A kiosk of the village, paired with the office hub, syncing over the path it chooses. */
  kiosk(
    kioskId: string,
    options?: { paired?: boolean; indexedDB?: IDBFactory; storage?: 'dexie' | 'memory' },
  ): Promise<OfficeKiosk>;
  /** Every document of a type at the regency (admin read). */
  atRegency(type: string): Promise<Record<string, unknown>[]>;
  stop(): Promise<void>;
}

export interface OfficeKiosk {
  node: NodeKiosk;
  paths: KioskPaths;
  pairing: OfficePairing | null;
  close(): Promise<void>;
}

export async function startOfficeNetwork(
  options: {
    /** Where the village link leads (default the regency; a benchmark puts its link proxy there). */
    linkTarget?: (regency: CouchServer) => Promise<{ host: string; port: number }>;
  } = {},
): Promise<OfficeNetwork> {
  const regency = await startCouchServer();
  const code = uniqueVillageCode();
  const admin = { url: regency.url, ...regency.admin };
  await provisionVillage(admin, { villageCode: code });
  const upstream = new URL(regency.url);
  const link = await startTcpGate({
    host: LINK_HOST,
    target: (await options.linkTarget?.(regency)) ?? {
      host: upstream.hostname,
      port: Number(upstream.port),
    },
  });
  const officeAccount = await provisionKiosk(admin, { villageCode: code, kioskId: 'kantor' });
  const dataDir = await mkdtemp(join(tmpdir(), 'balai-office-'));
  const start = (port: number) =>
    startOfficeHub({
      villageCode: code,
      dataDir,
      host: OFFICE_HOST,
      port,
      regency: { url: link.url, ...officeAccount },
      relay: { longpollMs: 2_000, backoff: { initialMs: 50, maxMs: 500 } },
    });
  const kiosks = new Set<OfficeKiosk>();
  const accounts = new Map<string, { username: string; password: string }>();
  const pairings = new Map<string, OfficePairing>();
  const network: OfficeNetwork = {
    code,
    regency,
    link,
    office: await start(0),
    async restartOffice() {
      network.office = await start(network.office.port);
      return network.office;
    },
    async kiosk(kioskId, { paired = true, indexedDB, storage } = {}) {
      // A kiosk opened again (a benchmark's next hour) keeps its accounts and its pairing.
      if (!accounts.has(kioskId)) {
        accounts.set(kioskId, await provisionKiosk(admin, { villageCode: code, kioskId }));
      }
      const own = accounts.get(kioskId)!;
      if (paired && !pairings.has(kioskId)) {
        const pairing = await pairWithOfficeHub({
          url: network.office.url,
          code: network.office.pairing.open().code,
          villageCode: code,
          kioskId,
        });
        pairings.set(kioskId, pairing);
      }
      const pairing = paired ? pairings.get(kioskId)! : null;
      const paths = createKioskPaths({
        villageCode: code,
        office: pairing,
        regency: { url: link.url, ...own },
        officeRecheckMs: 300,
        probeTimeoutMs: 2_000,
      });
      const node = await openNodeKiosk({
        villageCode: code,
        kioskId,
        // The path chooses the server and the account; these stand for "whichever".
        login: { url: paths.rootUrl, username: 'jalur', password: 'jalur' },
        fetch: paths.fetch,
        timeoutMs: 10_000,
        ...(indexedDB ? { indexedDB } : {}),
        ...(storage ? { storage } : {}),
      });
      const kiosk: OfficeKiosk = {
        node,
        paths,
        pairing,
        async close() {
          kiosks.delete(kiosk);
          await node.close();
          await paths.close();
        },
      };
      kiosks.add(kiosk);
      return kiosk;
    },
    async atRegency(type) {
      const res = await fetch(
        `${regency.url}${villageDbName(code)}/_all_docs?include_docs=true&conflicts=true`,
        {
          headers: { Authorization: basicAuth(regency.admin.username, regency.admin.password) },
        },
      );
      const body = (await res.json()) as { rows: { doc: Record<string, unknown> }[] };
      return body.rows.map((r) => r.doc).filter((d) => d.type === type);
    },
    async stop() {
      await Promise.all([...kiosks].map((k) => k.close()));
      await network.office.close();
      await link.close();
      await regency.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return network;
}
