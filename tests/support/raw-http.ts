// Raw HTTP/1.1 over TCP (or TLS), for tests that must send exactly the bytes they mean —
// malformed requests, chunked bodies — with nothing on our side tidying them up first.
import { connect } from 'node:net';
import { connect as connectTls } from 'node:tls';

export interface RawTarget {
  host: string;
  port: number;
  /** A COUCHDB_URL may be https: the raw request then goes over TLS. */
  tls?: boolean;
}

export interface RawAnswer {
  /** null: the connection closed without a status line. */
  status: number | null;
  timedOut: boolean;
  /** The whole answer, head and body, as latin1. */
  text: string;
}

/** The target of a server root URL such as `http://127.0.0.1:5984/`. */
export function rawTarget(serverUrl: string): RawTarget {
  const url = new URL(serverUrl);
  const tls = url.protocol === 'https:';
  return { host: url.hostname, port: Number(url.port || (tls ? 443 : 80)), tls };
}

/**
 * Sends `request` (bytes, or pieces written one after another) on a fresh connection and reads
 * until the server closes it or `timeoutMs` passes.
 */
export function sendRawRequest(
  target: RawTarget,
  request: Buffer | Buffer[],
  options: { timeoutMs: number },
): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = target.tls
      ? connectTls({ port: target.port, host: target.host, servername: target.host })
      : connect(target.port, target.host);
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (timedOut: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ status: match ? Number(match[1]) : null, timedOut, text });
    };
    const timer = setTimeout(() => finish(true), options.timeoutMs);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => finish(false));
    socket.on('close', () => finish(false));
    // A server that answers before reading the whole body may reset the connection: that is
    // an answer too, as long as the status line came first.
    socket.on('error', () => finish(false));
    for (const piece of Array.isArray(request) ? request : [request]) socket.write(piece);
  });
}

/** The JSON body of a raw answer (chunked or not), or undefined. */
export function rawJsonBody(answer: RawAnswer): unknown {
  const [head = '', ...rest] = answer.text.split('\r\n\r\n');
  let body = rest.join('\r\n\r\n');
  if (/^transfer-encoding:\s*chunked/im.test(head)) {
    let unchunked = '';
    for (let at = 0; ;) {
      const lineEnd = body.indexOf('\r\n', at);
      const size = parseInt(body.slice(at, lineEnd), 16);
      if (!(size > 0)) break;
      unchunked += body.slice(lineEnd + 2, lineEnd + 2 + size);
      at = lineEnd + 2 + size + 2;
    }
    body = unchunked;
  }
  try {
    return JSON.parse(Buffer.from(body, 'latin1').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** A body as HTTP/1.1 chunks: each piece its own chunk, then the last, empty one. */
export function chunked(pieces: (string | Buffer)[]): Buffer {
  const parts = pieces.map((piece) => {
    const bytes = Buffer.from(piece);
    return Buffer.concat([
      Buffer.from(`${bytes.length.toString(16)}\r\n`),
      bytes,
      Buffer.from('\r\n'),
    ]);
  });
  return Buffer.concat([...parts, Buffer.from('0\r\n\r\n')]);
}
