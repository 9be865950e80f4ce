// A village link in a box: an HTTP proxy in front of the regency that delays every exchange by
// the round trip, shares a fixed bandwidth in each direction, and injects the faults village
// links have — connections cut mid-answer, 500s, stalls, and requests delivered twice. Bytes are
// passed through untouched (gzip stays gzip), so what it counts is what crosses the wire.
import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface LinkFaults {
  /** Probability that the answer is cut off halfway (the request did reach the server). */
  cut?: number;
  /** Probability of a 500 instead of the server's answer (the request never reaches it). */
  error500?: number;
  /** Probability that no answer ever comes (until the client gives up). */
  stall?: number;
  /** Probability that the request is delivered to the server twice; the client sees the second answer. */
  duplicate?: number;
}

export interface LinkOptions {
  /** The regency's root URL, e.g. http://127.0.0.1:5984/ */
  upstream: string;
  /** Bytes per second in each direction (256 kbit/s = 32,000). */
  bytesPerSecond?: number;
  /** Round-trip time in milliseconds, split evenly between the two directions. */
  rttMs?: number;
  faults?: LinkFaults;
  /** Only requests whose path matches are subject to faults. */
  faultPaths?: RegExp;
  random?: () => number;
}

export interface LinkStats {
  requests: number;
  /** Everything that crossed towards the server: request lines, headers and bodies. */
  bytesUp: number;
  bytesDown: number;
  /** The part of bytesUp / bytesDown that is request and status lines and headers, measured. */
  headBytesUp: number;
  headBytesDown: number;
  faults: Record<keyof LinkFaults, number>;
}

export interface RunningLink {
  url: string;
  stats: LinkStats;
  setFaults(faults: LinkFaults): void;
  /** Changes bandwidth and round trip from the next transfer on (none given: unshaped). */
  shape(link: { bytesPerSecond?: number; rttMs?: number }): void;
  /** Bytes the client's TCP connections carried each way, read from the sockets themselves. */
  wireBytes(): { up: number; down: number };
  close(): Promise<void>;
}

export async function startLinkProxy(options: LinkOptions): Promise<RunningLink> {
  const upstream = new URL(options.upstream);
  let bps = options.bytesPerSecond ?? Infinity;
  let oneWayMs = (options.rttMs ?? 0) / 2;
  const random = options.random ?? Math.random;
  let faults = options.faults ?? {};
  const stats: LinkStats = {
    requests: 0,
    bytesUp: 0,
    bytesDown: 0,
    headBytesUp: 0,
    headBytesDown: 0,
    faults: { cut: 0, error500: 0, stall: 0, duplicate: 0 },
  };
  // Each direction is one pipe: transfers queue behind each other, as on a real narrow link.
  const busyUntil = { up: 0, down: 0 };
  async function transfer(direction: 'up' | 'down', head: number, body: number) {
    const bytes = head + body;
    const start = Math.max(Date.now(), busyUntil[direction]);
    const end = start + (bytes / bps) * 1000;
    busyUntil[direction] = end;
    stats[direction === 'up' ? 'bytesUp' : 'bytesDown'] += bytes;
    stats[direction === 'up' ? 'headBytesUp' : 'headBytesDown'] += head;
    await wait(end - Date.now() + oneWayMs);
  }

  const sockets = new Set<Socket>();
  const closedWire = { up: 0, down: 0 };
  const server = createServer(async (req, res) => {
    stats.requests++;
    const body = await readAll(req);
    await transfer('up', requestHeadBytes(req), body.length);
    const fault = pickFault(req.url ?? '');
    if (fault === 'stall') return; // the client's own timeout ends it
    if (fault === 'error500') {
      const injected = '{"error":"internal_server_error","reason":"injected"}';
      const headers = {
        'content-type': 'application/json',
        'content-length': String(injected.length),
      };
      await transfer(
        'down',
        responseHeadBytes(500, 'Internal Server Error', headers),
        injected.length,
      );
      res.writeHead(500, headers);
      res.end(injected);
      return;
    }
    try {
      if (fault === 'duplicate') await forward(req, body);
      const answer = await forward(req, body);
      const head = responseHeadBytes(answer.status, answer.statusText, answer.headers);
      await transfer('down', head, answer.body.length);
      res.writeHead(answer.status, answer.statusText, answer.headers);
      if (fault === 'cut') {
        res.write(answer.body.subarray(0, Math.floor(answer.body.length / 2)));
        res.socket?.destroy();
        return;
      }
      res.end(answer.body);
    } catch {
      res.socket?.destroy();
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => {
      sockets.delete(socket);
      closedWire.up += socket.bytesRead;
      closedWire.down += socket.bytesWritten;
    });
  });

  function pickFault(path: string): keyof LinkFaults | null {
    if (options.faultPaths && !options.faultPaths.test(path)) return null;
    for (const kind of ['cut', 'error500', 'stall', 'duplicate'] as const) {
      if (random() < (faults[kind] ?? 0)) {
        stats.faults[kind]++;
        return kind;
      }
    }
    return null;
  }

  function forward(req: IncomingMessage, body: Buffer) {
    return new Promise<{
      status: number;
      statusText: string;
      headers: Record<string, string | string[]>;
      body: Buffer;
    }>((resolve, reject) => {
      const headers = { ...req.headers, host: upstream.host };
      const out = httpRequest(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers,
        },
        async (answer) => {
          const headersOut: Record<string, string | string[]> = {};
          for (const [k, v] of Object.entries(answer.headers))
            if (v !== undefined) headersOut[k] = v;
          delete headersOut['transfer-encoding'];
          const bytes = await readAll(answer);
          headersOut['content-length'] = String(bytes.length);
          resolve({
            status: answer.statusCode ?? 502,
            statusText: answer.statusMessage ?? '',
            headers: headersOut,
            body: bytes,
          });
        },
      );
      out.on('error', reject);
      out.end(body);
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    stats,
    setFaults(next) {
      faults = next;
    },
    shape(link) {
      bps = link.bytesPerSecond ?? Infinity;
      oneWayMs = (link.rttMs ?? 0) / 2;
    },
    wireBytes() {
      const wire = { ...closedWire };
      for (const socket of sockets) {
        wire.up += socket.bytesRead;
        wire.down += socket.bytesWritten;
      }
      return wire;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The request line and headers exactly as the client sent them (HTTP/1.1 framing). */
function requestHeadBytes(req: IncomingMessage): number {
  let bytes = Buffer.byteLength(`${req.method} ${req.url} HTTP/${req.httpVersion}\r\n`) + 2;
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    bytes += Buffer.byteLength(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}\r\n`);
  }
  return bytes;
}

/** The status line and headers the proxy writes to the client. */
function responseHeadBytes(
  status: number,
  statusText: string,
  headers: Record<string, string | string[]>,
): number {
  let bytes = Buffer.byteLength(`HTTP/1.1 ${status} ${statusText}\r\n`) + 2;
  for (const [name, value] of Object.entries(headers)) {
    for (const one of Array.isArray(value) ? value : [value]) {
      bytes += Buffer.byteLength(`${name}: ${one}\r\n`);
    }
  }
  return bytes;
}

async function readAll(stream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/** A small seeded generator, so a fault run can be repeated exactly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
