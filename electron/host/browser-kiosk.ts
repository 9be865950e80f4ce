// The browser kiosk: for machines without the Electron binary. A loopback HTTP server serves
// the same renderer, the same `/regency/` proxy and the same CSP as the Electron shell, and
// the bridge as `POST /api/<channel>` with a JSON body. The bridge and the proxy answer only the
// window the host launched (launch-door.ts); the renderer's files are public, as they are in the
// install folder. Plain Node: no `electron` import.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { ANJUNGAN_PATH } from '../../shared/anjungan/channels';
import { MAX_BACKUP_TEXT } from '../../shared/backup/channels';
import { BROWSER_BRIDGE_PREFIX, REGENCY_PROXY_PREFIX } from '../../shared/ipc';
import { createAppRequestHandler } from './app-requests';
import { createBridgeHandlers, invokeBridge } from './bridge-handlers';
import { ConfigStore, plainSecretCodec, type Env } from './config-store';
import { securityHeaders } from './csp';
import { jsonResponse, readBodyWithin, type HostResponse } from './host-exchange';
import { LaunchDoor, notLaunchedWindow } from './launch-door';
import { RegencyProxy, regencyTargetOf } from './regency-proxy';
import { CookieSessions } from './staff-session';
import { ticketPrinterFromEnv } from './ticket-printer';

export interface BrowserKioskOptions {
  /** 0 picks a free port. */
  port: number;
  dataDir: string;
  /** The built renderer, dist/renderer. */
  rendererDir: string;
  /** Configuration overrides, same names as the BALAI_* variables; defaults to process.env. */
  env?: Record<string, string | undefined>;
}

export interface RunningKiosk {
  /** `http://127.0.0.1:PORT/`: the renderer's files; the bridge and the proxy refuse it (401). */
  url: string;
  /**
   * A new one-time `http://127.0.0.1:PORT/launch?token=…`: the window that opens it, and only
   * that window, may use the bridge and the regency proxy from then on.
   */
  launchUrl(): string;
  /** The same, for a window in resident mode: the anjungan mandiri at `/anjungan/`. */
  anjunganLaunchUrl(): string;
  /** Stops the server and ends every request in flight, regency long polls included. */
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';
/** The anjungan's bridge: `POST /anjungan/api/<channel>`, answered in resident mode. */
const ANJUNGAN_BRIDGE_PREFIX = `${ANJUNGAN_PATH}${BROWSER_BRIDGE_PREFIX.slice(1)}`;
/** The bridge's payloads are a few hundred bytes; anything near this is not from our renderer. */
const MAX_BRIDGE_BODY_BYTES = 64 * 1024;

export async function startBrowserKiosk(options: BrowserKioskOptions): Promise<RunningKiosk> {
  const env: Env = options.env ?? process.env;
  const store = new ConfigStore({
    dataDir: options.dataDir,
    env,
    defaultHubDir: resolve('.data/hub'),
    codec: plainSecretCodec,
  });
  const proxy = new RegencyProxy(() => regencyTargetOf(store.settings()));
  const serveApp = createAppRequestHandler({ rendererDir: options.rendererDir, proxy });
  const bridge = createBridgeHandlers(
    store,
    'browser',
    undefined,
    undefined,
    ticketPrinterFromEnv(env),
  );
  const sessions = new CookieSessions();
  const residentSessions = new CookieSessions(Date.now, {
    name: 'balai_resident',
    path: ANJUNGAN_PATH,
  });
  const door = new LaunchDoor();

  const server = http.createServer();
  await listen(server, options.port);
  const { port } = server.address() as AddressInfo;
  const hosts = new Set([`${LOOPBACK}:${port}`, `localhost:${port}`]);
  const origins = new Set([...hosts].map((host) => `http://${host}`));

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    // DNS rebinding: a foreign site whose name resolves to 127.0.0.1 sends its own name as Host.
    // A foreign Origin is another site's page posting to us.
    const origin = req.headers.origin;
    if (
      !hosts.has(req.headers.host?.toLowerCase() ?? '') ||
      (origin !== undefined && !origins.has(origin))
    ) {
      send(res, jsonResponse(403, { error: 'Permintaan ini bukan dari kios Balai dan ditolak.' }));
      return;
    }
    const path = req.url ?? '/';
    if (!path.startsWith('/')) {
      send(res, jsonResponse(400, { error: 'Alamat permintaan tidak sah.' }));
      return;
    }
    if (door.isLaunchPath(path)) {
      send(res, door.enter(req.method ?? 'GET', path));
      req.resume();
      return;
    }
    const anjunganBridge = path.startsWith(ANJUNGAN_BRIDGE_PREFIX);
    const guarded =
      anjunganBridge ||
      path.startsWith(BROWSER_BRIDGE_PREFIX) ||
      path.startsWith(REGENCY_PROXY_PREFIX);
    if (guarded && !door.admits(req.headers.cookie)) {
      send(res, notLaunchedWindow(path));
      req.resume();
      return;
    }
    const answer = anjunganBridge
      ? answerBridge(req, path.slice(ANJUNGAN_PATH.length - 1), 'anjungan')
      : path.startsWith(BROWSER_BRIDGE_PREFIX)
        ? answerBridge(req, path, 'desk')
        : serveApp({
            method: req.method ?? 'GET',
            // The anjungan is the same renderer under a path of its own (same origin, same data).
            path: path.startsWith(ANJUNGAN_PATH) ? path.slice(ANJUNGAN_PATH.length - 1) : path,
            headers: flatHeaders(req),
            body: req.method === 'GET' || req.method === 'HEAD' ? null : req,
            signal: abortedWhenClosed(res),
          });
    answer.then(
      (response) => send(res, response),
      (error: unknown) => {
        console.error('Browser kiosk failed to answer:', error);
        send(res, jsonResponse(500, { error: 'Terjadi kesalahan di dalam kios.' }));
      },
    );
  });

  async function answerBridge(
    req: IncomingMessage,
    path: string,
    mode: 'desk' | 'anjungan',
  ): Promise<HostResponse> {
    if (req.method !== 'POST')
      return jsonResponse(405, { error: 'Gunakan POST untuk jembatan kios.' });
    const channel = safeDecode(path.slice(BROWSER_BRIDGE_PREFIX.length).split('?')[0] ?? '');
    // A backup file crosses the bridge whole; every other payload is small.
    const limit = channel.startsWith('backup:') ? 2 * MAX_BACKUP_TEXT : MAX_BRIDGE_BODY_BYTES;
    const bytes = await readBodyWithin(req, limit);
    if (bytes === null) return jsonResponse(413, { error: 'Badan permintaan terlalu besar.' });
    const body = bytes.toString('utf8');
    let payload: unknown = null;
    // An empty body means "no payload", as for `kiosk:get-config`.
    if (body.trim() !== '') {
      try {
        payload = JSON.parse(body);
      } catch {
        return jsonResponse(400, { error: 'Badan permintaan bukan JSON yang sah.' });
      }
    }
    const { slot, setCookie } = (mode === 'anjungan' ? residentSessions : sessions).slot(
      req.headers.cookie,
    );
    const outcome = await invokeBridge(bridge, channel, payload, slot, mode);
    const answer = outcome.ok
      ? jsonResponse(200, outcome.value)
      : jsonResponse(outcome.status, { error: outcome.error });
    const cookie = setCookie();
    if (cookie) answer.headers['set-cookie'] = cookie;
    return answer;
  }

  const url = `http://${LOOPBACK}:${port}/`;
  return {
    url,
    launchUrl: () => new URL(door.mintLaunchPath(), url).href,
    anjunganLaunchUrl: () => new URL(door.mintLaunchPath('anjungan'), url).href,
    close: async () => {
      const closed = new Promise<void>((done) => server.close(() => done()));
      proxy.close();
      server.closeAllConnections();
      await closed;
    },
  };
}

function listen(server: http.Server, port: number): Promise<void> {
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, LOOPBACK, () => {
      server.off('error', fail);
      done();
    });
  });
}

/** Writes an answer with the security headers every answer carries, streaming its body. */
function send(res: ServerResponse, answer: HostResponse): void {
  if (res.destroyed) {
    if (answer.body instanceof Readable) answer.body.destroy();
    return;
  }
  // The only Date the renderer may see is the regency's: the sync client checks its own clock
  // against it, and a Date stamped here on a 502/503 would hide a skewed clock.
  res.sendDate = false;
  res.writeHead(answer.status, { ...answer.headers, ...securityHeaders() });
  const { body } = answer;
  if (body === null || Buffer.isBuffer(body)) {
    res.end(body ?? undefined);
    return;
  }
  // If either side goes away mid-stream (renderer gave up, upstream dropped, kiosk closing),
  // end the other instead of leaving it open.
  body.on('error', () => res.destroy());
  res.on('close', () => {
    if (!res.writableFinished) body.destroy();
  });
  body.pipe(res);
}

function abortedWhenClosed(res: ServerResponse): AbortSignal {
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
