// Forwards `/regency/<path>` on the renderer's own origin to `<regency>/desa_<code>/<path>`,
// adding the kiosk's Basic auth. The password never reaches the renderer, CouchDB needs no
// CORS, and the CSP can keep `connect-src 'self'`. Bodies pass untouched (gzip request bodies,
// long-poll `_changes` answers), because Node's http client does not decode them. A request body
// is read whole and measured first: Electron's `protocol.handle` hands it over as a stream without
// Content-Length, and a chunked upload is what the embedded hub (and many proxies before a
// regency's CouchDB) refuse with 411; forwarded with its length, it is accepted everywhere.
import http, { type ClientRequest, type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import {
  PROBE_HEADER,
  REGENCY_PROXY_PREFIX,
  REGENCY_STATE_HEADER,
  type RegencyConnection,
} from '../../shared/ipc';
import { villageDbName, type VillageCode } from '../../shared/village';
import type { KioskSettings } from './config-store';
import { jsonResponse, readBodyWithin, type HostRequest, type HostResponse } from './host-exchange';

export interface RegencyTarget {
  villageCode: VillageCode;
  connection: RegencyConnection;
}

/** Where the proxy forwards to under the given settings, or null while no regency is configured. */
export function regencyTargetOf(settings: KioskSettings): RegencyTarget | null {
  return settings.regency
    ? { villageCode: settings.villageCode, connection: settings.regency }
    : null;
}

/** The methods the replication client needs; DELETE is absent because synced data is never deleted. */
const ALLOWED_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT']);

/** Content-Length is not among them: the proxy states the length of the body it measured. */
const FORWARDED_REQUEST_HEADERS = [
  'accept',
  'accept-encoding',
  'content-type',
  'content-encoding',
  'if-match',
  'if-none-match',
];

/**
 * The largest request body the proxy holds in memory to measure: far above a sync batch (the
 * client sends a few hundred documents, and halves its batch on 413), far below the host's memory.
 */
export const MAX_PROXY_BODY_BYTES = 64 * 1024 * 1024;

const DROPPED_RESPONSE_HEADERS = new Set([
  // Hop-by-hop: they describe the upstream connection, not the answer.
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  // Would make the browser show its own login dialog on a 401.
  'www-authenticate',
  // CouchDB session cookies are not ours to hand to the renderer; we authenticate every request.
  'set-cookie',
  // Points at the regency's own origin, which the renderer must not follow.
  'location',
]);

/** A slow village link may need several seconds for TCP and TLS; a dead host should not hang sync. */
const CONNECT_TIMEOUT_MS = 10_000;

export type RegencyPath = { ok: true; path: string } | { ok: false; reason: string };

/**
 * Checks what follows `/regency/` (path and query, percent-encoded) and returns it unchanged
 * when it stays inside the village database. Rejects dot segments, encoded slashes and
 * backslashes, empty segments and absolute URLs, in raw or percent-encoded form.
 */
export function mapRegencyPath(rest: string): RegencyPath {
  const queryAt = rest.indexOf('?');
  const path = queryAt < 0 ? rest : rest.slice(0, queryAt);
  if (/[\\\s\p{Cc}]/u.test(rest)) return { ok: false, reason: 'karakter tidak sah' };
  if (path.startsWith('/') || /^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
    return { ok: false, reason: 'alamat mutlak tidak diizinkan' };
  }
  if (path === '') return { ok: true, path: rest };
  const segments = path.split('/');
  for (const [index, segment] of segments.entries()) {
    // A trailing slash (`_design/x/`) is harmless; an empty segment inside the path is not.
    if (segment === '' && index < segments.length - 1) {
      return { ok: false, reason: 'segmen kosong' };
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return { ok: false, reason: 'pengodean persen rusak' };
    }
    if (decoded === '.' || decoded === '..') return { ok: false, reason: 'segmen titik' };
    if (/[/\\]/.test(decoded)) return { ok: false, reason: 'garis miring terkode' };
  }
  return { ok: true, path: rest };
}

/** The upstream URL for a checked path: the regency's base path, the village db, the path. */
export function upstreamUrl(
  regencyUrl: string,
  villageCode: VillageCode,
  checkedPath: string,
): URL {
  const base = new URL(regencyUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  // Credentials travel in the Authorization header only; the base URL's own query is not ours.
  return new URL(
    `${base.protocol}//${base.host}${basePath}/${villageDbName(villageCode)}/${checkedPath}`,
  );
}

function couchError(status: number, error: string, reason: string): HostResponse {
  return jsonResponse(status, { error, reason });
}

export class RegencyProxy {
  private readonly inFlight = new Set<ClientRequest>();
  // Keep-alive saves a TCP (and TLS) handshake per request; on a village link that is most of the cost.
  private readonly httpAgent = new http.Agent({ keepAlive: true });
  private readonly httpsAgent = new https.Agent({ keepAlive: true });

  constructor(
    private readonly target: () => RegencyTarget | null,
    private readonly maxBodyBytes = MAX_PROXY_BODY_BYTES,
  ) {}

  async handle(request: HostRequest): Promise<HostResponse> {
    if (!ALLOWED_METHODS.has(request.method)) {
      return couchError(
        405,
        'method_not_allowed',
        `Metode ${request.method} tidak diizinkan ke server kabupaten.`,
      );
    }
    const mapped = mapRegencyPath(request.path.slice(REGENCY_PROXY_PREFIX.length));
    if (!mapped.ok) {
      return couchError(
        400,
        'bad_request',
        `Jalur ke server kabupaten tidak sah: ${mapped.reason}.`,
      );
    }
    const declared = Number(request.headers['content-length'] ?? 0);
    const body = request.body ? await readBodyWithin(request.body, this.maxBodyBytes) : null;
    if (declared > this.maxBodyBytes || (request.body && body === null)) {
      return couchError(
        413,
        'too_large',
        `Data yang dikirim ke server kabupaten lebih dari ${this.maxBodyBytes} byte; kirim dalam bagian yang lebih kecil.`,
      );
    }
    const target = this.target();
    if (!target) {
      return couchError(
        503,
        'regency_not_configured',
        'Server kabupaten belum diatur; kios bekerja tanpa sinkronisasi.',
      );
    }
    return this.forward(
      request,
      body,
      upstreamUrl(target.connection.url, target.villageCode, mapped.path),
      target.connection,
    );
  }

  /** Ends every request in flight (long polls included) and the idle upstream connections. */
  close(): void {
    for (const upstream of this.inFlight) upstream.destroy();
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private forward(
    request: HostRequest,
    /** The request's body, read whole; null for a request without one. */
    body: Buffer | null,
    url: URL,
    connection: RegencyConnection,
  ): Promise<HostResponse> {
    const secure = url.protocol === 'https:';
    const headers: Record<string, string> = {
      authorization: `Basic ${Buffer.from(`${connection.username}:${connection.password}`).toString('base64')}`,
    };
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = request.headers[name];
      if (value !== undefined) headers[name] = value;
    }
    if (body) headers['content-length'] = String(body.length);

    return new Promise((resolve) => {
      const upstream = (secure ? https : http).request(
        {
          protocol: url.protocol,
          hostname: url.hostname.replace(/^\[|\]$/g, ''),
          port: url.port || (secure ? 443 : 80),
          path: `${url.pathname}${url.search}`,
          method: request.method,
          headers,
          agent: secure ? this.httpsAgent : this.httpAgent,
        },
        (answer) => {
          resolve({
            status: answer.statusCode ?? 502,
            headers: answerHeaders(answer.headers),
            body: request.method === 'HEAD' ? (answer.resume(), null) : answer,
          });
        },
      );
      this.inFlight.add(upstream);
      upstream.on('close', () => this.inFlight.delete(upstream));

      upstream.on('socket', (socket) => {
        if (!socket.connecting) return;
        const timer = setTimeout(() => upstream.destroy(new ConnectTimeout()), CONNECT_TIMEOUT_MS);
        socket.once('connect', () => clearTimeout(timer));
        upstream.once('close', () => clearTimeout(timer));
      });

      // Once the answer has started, an error ends its body stream; the resolve below is then a no-op.
      upstream.on('error', (error) =>
        resolve(isProbe(request) ? probeUnanswered() : unreachable(error)),
      );
      request.signal?.addEventListener('abort', () => upstream.destroy(), { once: true });

      upstream.end(body ?? undefined);
    });
  }
}

class ConnectTimeout extends Error {
  override name = 'ConnectTimeout';
}

/** The sync client's link probe (shared/ipc.ts PROBE_HEADER). */
function isProbe(request: HostRequest): boolean {
  return request.method === 'HEAD' && request.headers[PROBE_HEADER] !== undefined;
}

/** Offline is a state, not an error: no 5xx for the browser to log on every probe. */
function probeUnanswered(): HostResponse {
  return { status: 204, headers: { [REGENCY_STATE_HEADER]: 'unreachable' }, body: null };
}

function unreachable(error: Error): HostResponse {
  const detail =
    error instanceof ConnectTimeout
      ? `tidak menjawab dalam ${CONNECT_TIMEOUT_MS / 1000} detik`
      : ((error as NodeJS.ErrnoException).code ?? error.message);
  return couchError(
    502,
    'regency_unreachable',
    `Server kabupaten tidak dapat dihubungi (${detail}).`,
  );
}

function answerHeaders(upstream: IncomingHttpHeaders): Record<string, string> {
  // Headers the upstream named in `Connection` are hop-by-hop too.
  const connectionScoped = new Set(
    String(upstream.connection ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase()),
  );
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(upstream)) {
    if (value === undefined || DROPPED_RESPONSE_HEADERS.has(name) || connectionScoped.has(name))
      continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}
