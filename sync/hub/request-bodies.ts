// The replication endpoints read their JSON body here, check its shape, and hand it on parsed.
// express-pouchdb trusts these bodies: `{"docs":"x"}` or `{"docs":[null]}` on `_bulk_docs`
// crashed inside a wrapper (HTML 500), and `_revs_diff` with a non-list value threw an uncaught
// exception and never answered. Setting `req._body` makes express-pouchdb's JSON parser (a
// body-parser) use `req.body` as it is.
import type { IncomingMessage } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { couchError, sendCouchError, type CouchError } from './couch-json';
import type { Middleware } from './vendor';

type Shape = (body: Record<string, unknown>) => string | null;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const SHAPES: Record<string, Shape> = {
  _bulk_docs: (body) =>
    !Array.isArray(body.docs) || !body.docs.every(isObject)
      ? "Send 'docs' as a list of JSON objects."
      : 'new_edits' in body && typeof body.new_edits !== 'boolean'
        ? "'new_edits' must be true or false."
        : null,
  _bulk_get: (body) =>
    !Array.isArray(body.docs) ||
    !body.docs.every((doc) => isObject(doc) && typeof doc.id === 'string')
      ? "Send 'docs' as a list of objects, each with a string 'id'."
      : null,
  _revs_diff: (body) =>
    Object.values(body).every(
      (revs) => Array.isArray(revs) && revs.every((rev) => typeof rev === 'string'),
    )
      ? null
      : 'Map each document id to a list of revision strings.',
  _all_docs: (body) =>
    'keys' in body && !Array.isArray(body.keys) ? "'keys' must be a list." : null,
};

/** A compressed body may inflate to at most this much. */
const MAX_INFLATED_BYTES = 64 * 1024 * 1024;

/** Parses and checks the body of `POST /{db}/_bulk_docs|_bulk_get|_revs_diff|_all_docs`. */
export function checkReplicationBodies(): Middleware {
  return (req, res, next) => {
    const [db, endpoint, ...more] = req.path.split('/').filter(Boolean);
    const shape = endpoint === undefined ? undefined : SHAPES[endpoint];
    if (req.method !== 'POST' || db === undefined || !shape || more.length > 0) return next();
    readJsonObject(req).then((parsed) => {
      if ('problem' in parsed) return sendCouchError(res, parsed.problem);
      const reason = shape(parsed.body);
      if (reason !== null) return sendCouchError(res, couchError(400, 'bad_request', reason));
      req.body = parsed.body;
      req._body = true;
      next();
    }, next);
  };
}

/** The request body as a JSON object; the frame check has already bounded its size. */
export async function readJsonObject(
  req: IncomingMessage,
): Promise<{ body: Record<string, unknown> } | { problem: CouchError }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  let bytes = raw;
  if (encoding === 'gzip') {
    // Kiosks on slow links compress what they push (as CouchDB accepts); bound what it inflates to.
    try {
      bytes = gunzipSync(raw, { maxOutputLength: MAX_INFLATED_BYTES });
    } catch {
      return { problem: couchError(400, 'bad_request', 'The gzip body could not be inflated.') };
    }
  } else if (encoding !== 'identity') {
    return {
      problem: couchError(415, 'bad_content_type', `Unsupported Content-Encoding: ${encoding}`),
    };
  }
  const text = bytes.toString('utf8');
  if (text.trim() === '') return { body: {} };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { problem: couchError(400, 'bad_request', 'invalid_json') };
  }
  return isObject(body)
    ? { body }
    : { problem: couchError(400, 'bad_request', 'Request body must be a JSON object') };
}
