// The office hub (issue 17, decision 0025): the embedded hub on one of the office's PCs, holding
// only its own village's database, reached by the office's paired kiosks over TLS with its own
// certificate, and relaying the village database to the regency whenever the regency answers.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { villageDbName, type VillageCode } from '../../shared/village';
import { basicAuth, provisionVillage, type AdminConnection } from '../provision/provision';
import { startHub } from '../hub/server';
import { loadOrCreateCertificate } from './hub-certificate';
import { createPairingDesk, type PairingDesk } from './pairing-desk';
import { createRelay, type Relay } from './relay';
import { startTlsFront } from './tls-front';

export interface OfficeHubOptions {
  villageCode: VillageCode;
  dataDir: string;
  /** Where kiosks reach it (default 127.0.0.1; an office's LAN address in production). */
  host?: string;
  /** 0 picks a free port. */
  port: number;
  /** The hub's own admin; generated when not given (it never leaves the process). */
  admin?: { username: string; password: string };
  /** The office hub's account at the regency: a kiosk account of this village. */
  regency: { url: string; username: string; password: string };
  /** The relay's long poll and backoff (tests shorten them). */
  relay?: Pick<Parameters<typeof createRelay>[0], 'longpollMs' | 'backoff' | 'log'>;
  log?: (line: string) => void;
  /** The longest wait for the first catch-up with the regency before kiosks are let in (60 s). */
  catchUpMs?: number;
}

export interface RunningOfficeHub {
  /** What kiosks are given: `https://host:port/`. */
  url: string;
  port: number;
  fingerprint: string;
  pairing: PairingDesk;
  relay: Relay;
  close(): Promise<void>;
}

export async function startOfficeHub(options: OfficeHubOptions): Promise<RunningOfficeHub> {
  const log = options.log ?? (() => {});
  const host = options.host ?? '127.0.0.1';
  const admin = options.admin ?? { username: 'kantor', password: randomBytes(18).toString('hex') };
  const certificate = await loadOrCreateCertificate(options.dataDir, options.villageCode);
  let adminConnection: AdminConnection | null = null;
  const pairing = createPairingDesk({
    villageCode: options.villageCode,
    fingerprint: certificate.fingerprint,
    admin: () => adminConnection!,
    onPaired: (kioskId) => log(`kios ${kioskId} dipasangkan`),
  });
  const hub = await startHub({
    port: 0,
    dataDir: options.dataDir,
    admin,
    log,
    extraRoute: (req, res) => pairing.route(req, res),
  });
  adminConnection = { url: hub.url, ...admin };
  // Only this village: its database, `_security` and validation, as at the regency.
  await provisionVillage(adminConnection, { villageCode: options.villageCode });
  const db = villageDbName(options.villageCode);
  const relay = createRelay({
    ...options.relay,
    local: { dbUrl: `${hub.url}${db}/`, authorization: basicAuth(admin.username, admin.password) },
    regency: {
      dbUrl: `${options.regency.url.replace(/\/?$/, '/')}${db}/`,
      authorization: basicAuth(options.regency.username, options.regency.password),
    },
  });
  relay.start();
  // Kiosks are let in after the first catch-up with the regency (when it answers): a kiosk coming
  // back from the regency path then finds here what it pushed there, and sends nothing twice.
  const waited = new AbortController();
  await Promise.race([
    relay.firstPull,
    sleep(options.catchUpMs ?? 60_000, undefined, { signal: waited.signal }).catch(() => {}),
  ]);
  waited.abort();
  const front = await startTlsFront({
    key: certificate.key,
    cert: certificate.cert,
    host,
    port: options.port,
    backendPort: hub.port,
  }).catch(async (error: unknown) => {
    await relay.stop();
    await hub.close();
    throw error;
  });
  return {
    url: `https://${host.includes(':') ? `[${host}]` : host}:${front.port}/`,
    port: front.port,
    fingerprint: certificate.fingerprint,
    pairing,
    relay,
    async close() {
      await relay.stop();
      await front.close();
      await hub.close();
    },
  };
}
