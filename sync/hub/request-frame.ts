// Checks made before a request reaches express-pouchdb, on what the request line and headers
// alone reveal. express-pouchdb reads some bodies with no size limit at all (attachments and
// design-document functions), answers a badly percent-encoded URL with an HTML stack trace, and
// crashed on a multipart body without a boundary.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { couchError, sendCouchError, type CouchError } from './couch-json';

export function requestFrameProblem(req: IncomingMessage, maxBodyBytes: number): CouchError | null {
  const declared = req.headers['content-length'];
  if (declared !== undefined) {
    const length = Number(declared);
    if (!Number.isSafeInteger(length) || length < 0) {
      return couchError(400, 'bad_request', 'Content-Length is not a byte count.');
    }
    if (length > maxBodyBytes) {
      // The sync client halves its batch on 413, so this is an answer to act on, not a failure.
      return couchError(
        413,
        'too_large',
        `The request body is ${length} bytes; this hub accepts at most ${maxBodyBytes}.`,
      );
    }
  }
  // A chunked body (no Content-Length) is taken, as CouchDB takes it: Electron's protocol
  // handler hands the host a streamed body, which it forwards so. limitChunkedBody bounds it.
  if (/^\s*multipart\//i.test(req.headers['content-type'] ?? '')) {
    // express-pouchdb hands multipart bodies to multiparty, which left a request without a
    // boundary unanswered and its error unhandled (a crash). The kiosks never send attachments
    // this way (the sync client sends JSON only), so the hub takes none.
    return couchError(
      415,
      'bad_content_type',
      'The hub does not take multipart bodies; send documents and attachments as JSON.',
    );
  }
  if (!isDecodablePath(req.url ?? '/')) {
    return couchError(400, 'bad_request', 'The URL path is not validly percent-encoded.');
  }
  return null;
}

/**
 * Bounds a body sent without a Content-Length (chunked) to `maxBodyBytes` as it arrives, for
 * whoever reads it: the hub's own JSON reader or express-pouchdb's (which reads attachments
 * with no limit). Node's HTTP parser hands every piece of a body to the request's `push`, so
 * counting there sees the bytes before any reader buffers them. Past the limit the rest is
 * dropped, the answer is 413 and the connection is closed after it; the reader, left waiting,
 * ends with the connection.
 */
export function limitChunkedBody(
  req: IncomingMessage,
  res: ServerResponse,
  maxBodyBytes: number,
): void {
  if (req.headers['content-length'] !== undefined) return;
  if (req.headers['transfer-encoding'] === undefined) return;
  let received = 0;
  let over = false;
  const push = req.push.bind(req);
  req.push = (chunk: unknown, encoding?: BufferEncoding) => {
    if (over) return false;
    if (chunk !== null) {
      received += (chunk as Buffer).length;
      if (received > maxBodyBytes) {
        over = true;
        res.shouldKeepAlive = false;
        res.setHeader('Connection', 'close');
        sendCouchError(
          res,
          couchError(
            413,
            'too_large',
            `The request body is over this hub's ${maxBodyBytes} bytes.`,
          ),
        );
        return false;
      }
    }
    return push(chunk, encoding);
  };
}

function isDecodablePath(url: string): boolean {
  const path = url.split('?', 1)[0] ?? '';
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}
