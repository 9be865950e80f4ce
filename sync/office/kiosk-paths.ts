// Which way a kiosk syncs (decision 0025): with its office hub when that answers, otherwise
// directly with the regency, and back to the office hub as soon as it answers again — so no one
// PC is a single point of failure. It sits under the replicator as the couch client's `fetch`,
// so the replicator is unchanged: it sees one database that sometimes moves, which it already
// handles (server-identity.ts: a database without its marker gets what it lacks, once).
//
// The rule that keeps that safe: the path changes only while the replicator is (re)confirming
// its server. A change aborts every request in flight, and until the replicator has looked for
// its marker on the new path (`GET _local/balai-sync-…`) every other request fails as "offline";
// so no checkpoint or revision of one server is ever used on the other. The path and its
// generation are this module's state.
import { BehaviorSubject, type Observable } from 'rxjs';
import { PROBE_HEADER } from '../../shared/ipc';
import { villageDbName, type VillageCode } from '../../shared/village';
import { basicAuth } from '../provision/couch-request';
import type { OfficePairing } from './pair-kiosk';
import { pinnedFetch, type PinnedFetch } from './pinned-fetch';

/** Where a kiosk syncs now: its office hub, the regency directly, or neither. */
export type SyncPath = 'kantor' | 'kabupaten' | 'luring';

export interface KioskPaths {
  /** The server root standing for whichever path is taken (never dialled). */
  readonly rootUrl: string;
  /** The database URL to give the couch client; its requests go where the path leads. */
  readonly dbUrl: string;
  readonly fetch: typeof fetch;
  readonly path: SyncPath;
  readonly path$: Observable<SyncPath>;
  close(): Promise<void>;
}

interface Route {
  name: Exclude<SyncPath, 'luring'>;
  dbUrl: string;
  authorization: string;
  fetch: typeof fetch;
}

/** The address the couch client is given; never dialled. */
const VIRTUAL_ROOT = 'balai-path://kios/';
const MARKER_CHECK = /^_local\/balai-sync-/;

export function createKioskPaths(options: {
  villageCode: VillageCode;
  office: OfficePairing | null;
  regency: { url: string; username: string; password: string; fetch?: typeof fetch };
  /** How often a kiosk on the regency path looks whether its office hub is back (default 30 s). */
  officeRecheckMs?: number;
  /** How long a probe of either server may take (default 3 s: the office is one LAN hop away). */
  probeTimeoutMs?: number;
}): KioskPaths {
  const db = villageDbName(options.villageCode);
  const virtualDb = `${VIRTUAL_ROOT}${db}/`;
  const probeTimeoutMs = options.probeTimeoutMs ?? 3_000;
  const pinned: PinnedFetch | null = options.office
    ? pinnedFetch(options.office.fingerprint)
    : null;
  const office: Route | null =
    options.office && pinned
      ? {
          name: 'kantor',
          dbUrl: `${options.office.url}${db}/`,
          authorization: basicAuth(options.office.username, options.office.password),
          fetch: pinned.fetch,
        }
      : null;
  const regency: Route = {
    name: 'kabupaten',
    dbUrl: `${options.regency.url.replace(/\/?$/, '/')}${db}/`,
    authorization: basicAuth(options.regency.username, options.regency.password),
    fetch: options.regency.fetch ?? ((input, init) => fetch(input, init)),
  };

  let current: Route | null = null;
  let generation = 0;
  let confirmedGeneration = -1;
  /** Whether the replicator has marked or found its marker on a server (then it is bound). */
  let bound = false;
  let inFlight = new AbortController();
  const path$ = new BehaviorSubject<SyncPath>('luring');

  function switchTo(route: Route | null) {
    if (route === current) return;
    current = route;
    generation++;
    inFlight.abort();
    inFlight = new AbortController();
    path$.next(route?.name ?? 'luring');
  }

  async function answers(route: Route): Promise<boolean> {
    try {
      const res = await route.fetch(route.dbUrl, {
        method: 'HEAD',
        headers: { Authorization: route.authorization },
        signal: AbortSignal.timeout(probeTimeoutMs),
      });
      await res.body?.cancel();
      return ![502, 503, 504].includes(res.status);
    } catch {
      return false;
    }
  }

  /** The office hub if it answers, else the regency if it answers, else none. */
  async function choose(): Promise<Route | null> {
    if (office && (await answers(office))) return office;
    return (await answers(regency)) ? regency : null;
  }

  const recheck = office
    ? setInterval(() => {
        if (current !== regency) return;
        void answers(office).then((up) => {
          if (up && current === regency) switchTo(office);
        });
      }, options.officeRecheckMs ?? 30_000)
    : null;
  recheck?.unref?.();

  const pathFetch = async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = String(input instanceof Request ? input.url : input);
    if (!url.startsWith(virtualDb)) throw new TypeError(`Bukan alamat sinkronisasi: ${url}`);
    const rest = url.slice(virtualDb.length);
    const headers = new Headers(init.headers);
    const method = (init.method ?? 'GET').toUpperCase();
    const isMarker = MARKER_CHECK.test(rest);
    const isProbe = headers.has(PROBE_HEADER);
    if (isProbe || (method === 'GET' && isMarker)) {
      // Where a (re)confirmation begins: the one moment the path may change.
      switchTo(await choose());
      if (!isProbe) confirmedGeneration = generation;
    } else if (!bound) {
      // A kiosk that never marked a server holds nothing bound to one: any path will do.
      if (!current) switchTo(await choose());
      confirmedGeneration = generation;
    }
    if (isMarker) bound = true;
    const route = current;
    // A probe reads nothing bound to a server; anything else waits for the confirmation.
    if (!route || (!isProbe && confirmedGeneration !== generation)) {
      throw new TypeError('Jalur sinkronisasi berganti: server dipastikan lagi.');
    }
    const started = generation;
    headers.set('Authorization', route.authorization);
    const signal = init.signal ? AbortSignal.any([init.signal, inFlight.signal]) : inFlight.signal;
    try {
      const res = await route.fetch(route.dbUrl + rest, { ...init, headers, signal });
      if (started !== generation) {
        await res.body?.cancel();
        throw new TypeError('Jalur sinkronisasi berganti.');
      }
      return res;
    } catch (error) {
      // The server stopped answering: the next probe chooses again.
      if (!init.signal?.aborted && started === generation) switchTo(null);
      throw error;
    }
  };

  return {
    rootUrl: VIRTUAL_ROOT,
    dbUrl: virtualDb,
    fetch: pathFetch as typeof fetch,
    get path() {
      return path$.value;
    },
    path$: path$.asObservable(),
    async close() {
      if (recheck) clearInterval(recheck);
      inFlight.abort();
      await pinned?.close();
    },
  };
}
