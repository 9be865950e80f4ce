// Every JSON request body is read here, once, checked, and handed on parsed. express-pouchdb
// trusts bodies: `{"docs":"x"}` or `{"docs":[null]}` on `_bulk_docs` crashed inside a wrapper
// (HTML 500), `_revs_diff` with a non-list value threw an uncaught exception and never answered,
// JSON nested thousands deep overflowed the stack in `_find`/`_index` (500), a document with an
// unknown `_` member or `_attachments: {a: 5}` came back 500, and `_find` ran any selector it
// was given. Setting `req._body` makes express-pouchdb's JSON parser (a body-parser) use
// `req.body` as it is. Attachment uploads (raw bytes, not JSON) are left alone.
import type { IncomingMessage } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { couchError, sendCouchError, type CouchError } from './couch-json';
import { documentProblem, findProblem } from './document-shape';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from './json-depth';
import type { Middleware, PouchRequest } from './vendor';

type Shape = (body: Record<string, unknown>) => string | null;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const REPLICATION_SHAPES: Record<string, Shape> = {
  _bulk_docs: (body) =>
    !Array.isArray(body.docs) || !body.docs.every(isObject)
      ? "Send 'docs' as a list of JSON objects."
      : 'new_edits' in body && typeof body.new_edits !== 'boolean'
        ? "'new_edits' must be true or false."
        : (body.docs.map((doc) => documentProblem(doc)).find((problem) => problem) ?? null),
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

/** Reads, bounds and checks the JSON body of every request that has one (see the top). */
export function checkRequestBodies(): Middleware {
  return (req, res, next) => {
    if (req.method !== 'POST' && req.method !== 'PUT') return next();
    const segments = req.path.split('/').filter(Boolean).map(decodeURIComponent);
    const endpoint = segments[1];
    const replicationShape =
      req.method === 'POST' && segments.length === 2 && endpoint !== undefined
        ? REPLICATION_SHAPES[endpoint]
        : undefined;
    // The replication endpoints are read whatever the Content-Type (as before: kiosks send
    // gzip); elsewhere only JSON bodies, as express-pouchdb's own parser would.
    if (!replicationShape && (!isJsonContent(req) || isAttachmentPath(segments))) return next();
    readJson(req).then((parsed) => {
      if ('problem' in parsed) return sendCouchError(res, parsed.problem);
      const reason = bodyProblem(req, segments, parsed.body, replicationShape);
      if (reason !== null) return sendCouchError(res, couchError(400, reason.error, reason.reason));
      // CouchDB stores a PUT under the id in its URL; express-pouchdb preferred the body's
      // `_id`, so `PUT /db/_local/x` with `{"_id":"y"}` wrote document y.
      if (req.method === 'PUT' && isDocumentPath(segments) && isObject(parsed.body)) {
        parsed.body._id = segments.slice(1).join('/');
      }
      req.body = parsed.body;
      req._body = true;
      next();
    }, next);
  };
}

function bodyProblem(
  req: PouchRequest,
  segments: string[],
  body: unknown,
  replicationShape: Shape | undefined,
): { error: string; reason: string } | null {
  const bad = (reason: string | null) =>
    reason === null ? null : { error: 'bad_request', reason };
  if (replicationShape) {
    return bad(isObject(body) ? replicationShape(body) : 'Request body must be a JSON object');
  }
  const [, endpoint] = segments;
  if (endpoint === '_find' || endpoint === '_explain') return bad(findProblem(body));
  const isDocumentWrite =
    (req.method === 'POST' && segments.length === 1) ||
    (req.method === 'PUT' && isDocumentPath(segments));
  if (isDocumentWrite) {
    const problem = documentProblem(body);
    return problem === null ? null : { error: 'doc_validation', reason: problem };
  }
  return null;
}

/** `/{db}/{id}`, `/{db}/_design/{id}` or `/{db}/_local/{id}`. */
function isDocumentPath(segments: string[]): boolean {
  const second = segments[1];
  if (second === '_design' || second === '_local') return segments.length === 3;
  return segments.length === 2 && second !== undefined && !second.startsWith('_');
}

/** `/{db}/{id}/{attachment…}`, also of a design or local document. */
function isAttachmentPath(segments: string[]): boolean {
  const second = segments[1];
  if (second === undefined) return false;
  if (second === '_design' || second === '_local') {
    return segments.length > 3 && !segments[3]!.startsWith('_');
  }
  return segments.length > 2 && !second.startsWith('_');
}

function isJsonContent(req: IncomingMessage): boolean {
  const type = (req.headers['content-type'] ?? '').split(';', 1)[0]!.trim().toLowerCase();
  return type === 'application/json' || type.endsWith('+json');
}

/** The request body as a JSON object; `_changes` reads its body through this too. */
export async function readJsonObject(
  req: IncomingMessage,
): Promise<{ body: Record<string, unknown> } | { problem: CouchError }> {
  const parsed = await readJson(req);
  if ('problem' in parsed) return parsed;
  return isObject(parsed.body)
    ? { body: parsed.body }
    : { problem: couchError(400, 'bad_request', 'Request body must be a JSON object') };
}

/**
 * The request body as JSON (an object or a list, as body-parser's strict mode takes); an
 * empty body is `{}`. The frame check has already bounded its size. A body an earlier layer
 * read is not read again.
 */
async function readJson(
  req: IncomingMessage,
): Promise<{ body: Record<string, unknown> | unknown[] } | { problem: CouchError }> {
  const earlier = req as PouchRequest;
  if (earlier._body && (isObject(earlier.body) || Array.isArray(earlier.body))) {
    return { body: earlier.body };
  }
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
  // Checked before parsing: what comes after (PouchDB, pouchdb-find) walks JSON recursively.
  if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
    return {
      problem: couchError(400, 'bad_request', `JSON nested deeper than ${MAX_JSON_DEPTH} levels.`),
    };
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { problem: couchError(400, 'bad_request', 'invalid_json') };
  }
  return isObject(body) || Array.isArray(body)
    ? { body }
    : { problem: couchError(400, 'bad_request', 'invalid_json') };
}
