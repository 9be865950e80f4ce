// Checks made before a request reaches express-pouchdb, on what the request line and headers
// alone reveal. express-pouchdb reads some bodies with no size limit at all (attachments and
// design-document functions), answers a badly percent-encoded URL with an HTML stack trace, and
// crashed on a multipart body without a boundary.
import type { IncomingMessage } from 'node:http';
import { couchError, type CouchError } from './couch-json';

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
  } else if (req.headers['transfer-encoding'] !== undefined) {
    // A body of unknown length could only be limited by reading it; every client of the hub
    // (fetch with a string body, PouchDB, RxDB) sends a Content-Length.
    return couchError(411, 'length_required', 'Send the request body with a Content-Length.');
  }
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

function isDecodablePath(url: string): boolean {
  const path = url.split('?', 1)[0] ?? '';
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}
