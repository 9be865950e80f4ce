// `GET|POST /{db}/_changes`, answered by the hub itself. express-pouchdb's version threw
// uncaught exceptions for every unknown filter (`_selector`, `_view`, a missing design filter,
// `_doc_ids` without ids), ignored `timeout` so a long poll never ended without a change, and
// kept writing heartbeats into a continuous feed after its client had gone. What is offered
// here is what the kiosk's replication uses: normal and longpoll feeds, since/limit/
// include_docs/descending/conflicts/style, and the `_doc_ids` filter.
import type { ServerResponse } from 'node:http';
import { couchError, sendCouchError, sendJson, type CouchError } from './couch-json';
import { readJsonObject } from './request-bodies';
import {
  cleanFilename,
  getOrCreateDB,
  type ChangesResult,
  type Middleware,
  type PouchConstructor,
  type PouchDatabase,
  type PouchRequest,
} from './vendor';

interface ChangesRequest {
  feed: 'normal' | 'longpoll';
  since: number | 'now';
  limit: number | undefined;
  includeDocs: boolean;
  descending: boolean;
  conflicts: boolean;
  style: 'main_only' | 'all_docs';
  docIds: string[] | undefined;
  /** How long a long poll waits for a change when no heartbeat is asked for. */
  timeoutMs: number;
  /** With a heartbeat, CouchDB keeps a long poll open until a change comes. */
  heartbeatMs: number | null;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const MAX_TIMEOUT_MS = 10 * 60_000;
/** A heartbeat of 1 ms would be a flood of newlines; CouchDB's default is 60 s. */
const MIN_HEARTBEAT_MS = 1_000;

export function changesFeed(Pouch: PouchConstructor): Middleware {
  return (req, res, next) => {
    const [dbName, endpoint, ...more] = req.path.split('/').filter(Boolean).map(decodeURIComponent);
    const isChanges = endpoint === '_changes' && more.length === 0;
    if (!isChanges || dbName === undefined || (req.method !== 'GET' && req.method !== 'POST')) {
      return next();
    }
    serveChanges(Pouch, cleanFilename(dbName), req, res).catch(next);
  };
}

async function serveChanges(
  Pouch: PouchConstructor,
  dbName: string,
  req: PouchRequest,
  res: ServerResponse,
): Promise<void> {
  let body: Record<string, unknown> = {};
  if (req.method === 'POST') {
    const parsed = await readJsonObject(req);
    if ('problem' in parsed) return sendCouchError(res, parsed.problem);
    body = parsed.body;
  }
  const request = parseChangesRequest(req.query, body);
  if ('status' in request) return sendCouchError(res, request);
  if (!(await Pouch.allDbs()).includes(dbName)) {
    return sendCouchError(res, couchError(404, 'not_found', 'Database does not exist.'));
  }
  const db = await getOrCreateDB(Pouch, dbName);
  if (request.feed === 'normal') {
    return sendJson(res, 200, changesBody(await db.changes(pouchOptions(request, request.since))));
  }
  const gone = new AbortController();
  res.on('close', () => gone.abort());
  await longPoll(db, request, res, gone.signal);
}

async function longPoll(
  db: PouchDatabase,
  request: ChangesRequest,
  res: ServerResponse,
  gone: AbortSignal,
): Promise<void> {
  let since = request.since === 'now' ? (await db.info()).update_seq : request.since;
  const deadline = request.heartbeatMs === null ? Date.now() + request.timeoutMs : Infinity;
  const heartbeat =
    request.heartbeatMs === null
      ? undefined
      : setInterval(() => {
          if (!res.headersSent) res.writeHead(200, { 'Content-Type': 'application/json' });
          res.write('\n');
        }, request.heartbeatMs);
  try {
    for (;;) {
      const batch = await db.changes(pouchOptions(request, since));
      if (gone.aborted) return;
      if (batch.results.length > 0 || Date.now() >= deadline) {
        const text = JSON.stringify(changesBody(batch)) + '\n';
        if (res.headersSent) res.end(text);
        else sendJson(res, 200, changesBody(batch));
        return;
      }
      since = batch.last_seq;
      await nextChange(db, since, deadline - Date.now(), gone);
    }
  } finally {
    clearInterval(heartbeat);
  }
}

/** Resolves at the first change after `since`, after `waitMs`, or when the client goes away. */
function nextChange(
  db: PouchDatabase,
  since: number | string,
  waitMs: number,
  gone: AbortSignal,
): Promise<void> {
  return new Promise((resolve) => {
    const feed = db.changes({ live: true, since, return_docs: false });
    const timer = Number.isFinite(waitMs) ? setTimeout(done, Math.max(0, waitMs)) : undefined;
    function done() {
      clearTimeout(timer);
      gone.removeEventListener('abort', done);
      feed.cancel();
      resolve();
    }
    feed.on('change', done).on('error', done);
    gone.addEventListener('abort', done);
  });
}

function changesBody(batch: ChangesResult) {
  return { results: batch.results, last_seq: batch.last_seq };
}

function pouchOptions(request: ChangesRequest, since: number | string): Record<string, unknown> {
  return {
    since,
    ...(request.limit === undefined ? {} : { limit: request.limit }),
    include_docs: request.includeDocs,
    descending: request.descending,
    conflicts: request.conflicts,
    style: request.style,
    ...(request.docIds ? { doc_ids: request.docIds } : {}),
  };
}

function bad(reason: string): CouchError {
  return couchError(400, 'bad_request', reason);
}

/** Query values arrive JSON-decoded where they could be (express-pouchdb does that first). */
export function parseChangesRequest(
  query: Record<string, unknown>,
  body: Record<string, unknown>,
): ChangesRequest | CouchError {
  const feed = query.feed ?? 'normal';
  if (feed === 'continuous' || feed === 'eventsource') {
    return bad(`feed=${feed} is not offered by the Balai hub; use feed=longpoll.`);
  }
  if (feed !== 'normal' && feed !== 'longpoll') return bad('feed must be normal or longpoll.');

  const since = query.since ?? 0;
  const sinceNumber = typeof since === 'string' && /^\d+$/.test(since) ? Number(since) : since;
  if (sinceNumber !== 'now' && !isCount(sinceNumber)) {
    return bad('since must be 0, now, or a last_seq this hub gave out.');
  }

  const limit = query.limit;
  if (limit !== undefined && !isCount(limit)) return bad('limit must be a whole number.');
  const timeout = query.timeout ?? DEFAULT_TIMEOUT_MS;
  if (!isCount(timeout)) return bad('timeout must be a whole number of milliseconds.');
  const heartbeat = query.heartbeat === true ? 60_000 : (query.heartbeat ?? false);
  if (heartbeat !== false && !isCount(heartbeat)) {
    return bad('heartbeat must be true or a whole number of milliseconds.');
  }

  const flags = ['include_docs', 'descending', 'conflicts'] as const;
  for (const flag of flags) {
    if (query[flag] !== undefined && typeof query[flag] !== 'boolean') {
      return bad(`${flag} must be true or false.`);
    }
  }
  const style = query.style ?? 'main_only';
  if (style !== 'main_only' && style !== 'all_docs')
    return bad('style must be main_only or all_docs.');

  let docIds: string[] | undefined;
  const filter = query.filter;
  if (filter === '_doc_ids') {
    const ids = body.doc_ids ?? query.doc_ids;
    if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) {
      return bad("filter=_doc_ids needs 'doc_ids', a list of document ids.");
    }
    docIds = ids;
  } else if (filter === '_selector') {
    return bad('filter=_selector is not supported by the Balai hub; pull without a filter.');
  } else if (filter !== undefined) {
    return bad(`filter=${String(filter)} is not supported by the Balai hub; only _doc_ids is.`);
  }

  return {
    feed,
    since: sinceNumber === 'now' ? 'now' : (sinceNumber as number),
    // CouchDB and express-pouchdb both treat limit=0 as 1.
    limit: limit === undefined ? undefined : Math.max(1, limit as number),
    includeDocs: query.include_docs === true,
    descending: query.descending === true,
    conflicts: query.conflicts === true,
    style,
    docIds,
    timeoutMs: Math.min(timeout as number, MAX_TIMEOUT_MS),
    heartbeatMs: heartbeat === false ? null : Math.max(MIN_HEARTBEAT_MS, heartbeat as number),
  };
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
