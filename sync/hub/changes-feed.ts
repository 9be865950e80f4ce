// `GET|POST /{db}/_changes`, answered by the hub itself. express-pouchdb's version threw
// uncaught exceptions for every unknown filter (`_selector`, `_view`, a missing design filter,
// `_doc_ids` without ids), ignored `timeout` so a long poll never ended without a change, and
// kept writing heartbeats into a continuous feed after its client had gone. What is offered
// here is what the kiosk's replication uses: normal and longpoll feeds, since/limit/
// include_docs/descending/conflicts/style, and the `_doc_ids` and `_selector` filters (the
// kiosk's pull leaves out its own pushes with a selector, as CouchDB 3 runs it).
//
// Sequences are given out as CouchDB 3 gives them: opaque strings, `<n>-<tag>` (CouchDB's tag
// encodes its shards; the hub's names the database's store), with `pending`, the count of
// changes after `last_seq`. So a kiosk meets at home what it meets at the regency, and its
// CouchDB-only paths (string checkpoints, `pending`) are the ones exercised.
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { couchError, sendCouchError, sendJson, type CouchError } from './couch-json';
import { changesSelectorProblem } from './document-shape';
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

/** A `since` in the hub's own form, not yet checked against the database it names. */
interface TaggedSeq {
  seq: number;
  tag: string;
}

interface ChangesRequest {
  feed: 'normal' | 'longpoll';
  since: number | 'now' | TaggedSeq;
  limit: number | undefined;
  includeDocs: boolean;
  descending: boolean;
  conflicts: boolean;
  style: 'main_only' | 'all_docs';
  docIds: string[] | undefined;
  /** A Mango selector (`filter=_selector`): only changes whose document matches it. */
  selector: Record<string, unknown> | undefined;
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
  const feed = { db, request, tag: await databaseTag(db) };
  const since = resolveSince(request.since, feed.tag);
  if (request.feed === 'normal') {
    return sendJson(
      res,
      200,
      await changesBody(feed, await db.changes(pouchOptions(request, since))),
    );
  }
  const gone = new AbortController();
  res.on('close', () => gone.abort());
  await longPoll(feed, since, res, gone.signal);
}

interface Feed {
  db: PouchDatabase;
  request: ChangesRequest;
  /** This database's part of every sequence the hub gives out for it. */
  tag: string;
}

async function databaseTag(db: PouchDatabase): Promise<string> {
  return createHash('sha256')
    .update(await db.id())
    .digest('base64url')
    .slice(0, 22);
}

/**
 * A sequence of this database resumes where it was given; one of another database or server
 * (or of an earlier database of the same name) starts from 0, as CouchDB starts a shard it
 * cannot find in the sequence from 0. Plain numbers are what the hub gave out before.
 */
function resolveSince(since: ChangesRequest['since'], tag: string): number | 'now' {
  if (typeof since !== 'object') return since;
  return since.tag === tag ? since.seq : 0;
}

function ownSeq(seq: number | string, tag: string): string {
  return `${seq}-${tag}`;
}

async function longPoll(
  feed: Feed,
  start: number | 'now',
  res: ServerResponse,
  gone: AbortSignal,
): Promise<void> {
  const { db, request } = feed;
  let since = start === 'now' ? (await db.info()).update_seq : start;
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
        const body = await changesBody(feed, batch);
        if (res.headersSent) res.end(JSON.stringify(body) + '\n');
        else sendJson(res, 200, body);
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

/**
 * The answer CouchDB gives: every `seq` and `last_seq` in the hub's opaque form, and `pending`.
 * CouchDB's `pending` counts the documents changed after `last_seq`. The hub looks whether one
 * more change follows (so 0 is exact: the kiosk stops pulling on it) and then counts updates
 * (update_seq − last_seq), an upper bound of CouchDB's count.
 */
async function changesBody({ db, request, tag }: Feed, batch: ChangesResult) {
  const cut = request.limit !== undefined && batch.results.length >= request.limit;
  let pending = 0;
  if (cut) {
    const next = await db.changes({ ...pouchOptions(request, batch.last_seq), limit: 1 });
    if (next.results.length > 0) {
      pending = Math.max(1, Number((await db.info()).update_seq) - Number(batch.last_seq));
    }
  }
  return {
    results: (batch.results as { seq: number | string }[]).map((row) => ({
      ...row,
      seq: ownSeq(row.seq, tag),
    })),
    last_seq: ownSeq(batch.last_seq, tag),
    pending,
  };
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
    ...(request.selector ? { filter: '_selector', selector: request.selector } : {}),
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

  const since = parseSince(query.since ?? 0);
  if (since === null) return bad(MALFORMED_SINCE);

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
  let selector: Record<string, unknown> | undefined;
  const filter = query.filter;
  if (filter === '_doc_ids') {
    const ids = body.doc_ids ?? query.doc_ids;
    if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) {
      return bad("filter=_doc_ids needs 'doc_ids', a list of document ids.");
    }
    docIds = ids;
  } else if (filter === '_selector') {
    // CouchDB takes the selector from the POST body only. A selector PouchDB cannot run is
    // refused here: PouchDB would throw it outside any request.
    const problem = changesSelectorProblem(body.selector);
    if (problem) return bad(problem);
    selector = body.selector as Record<string, unknown>;
  } else if (filter !== undefined) {
    return bad(
      `filter=${String(filter)} is not supported by the Balai hub; only _doc_ids and _selector are.`,
    );
  }

  return {
    feed,
    since,
    // CouchDB and express-pouchdb both treat limit=0 as 1.
    limit: limit === undefined ? undefined : Math.max(1, limit as number),
    includeDocs: query.include_docs === true,
    descending: query.descending === true,
    conflicts: query.conflicts === true,
    style,
    docIds,
    selector,
    timeoutMs: Math.min(timeout as number, MAX_TIMEOUT_MS),
    heartbeatMs: heartbeat === false ? null : Math.max(MIN_HEARTBEAT_MS, heartbeat as number),
  };
}

/** CouchDB's answer, word for word, to a `since` it cannot read. */
const MALFORMED_SINCE = "Malformed sequence supplied in 'since' parameter.";

/** `<n>-<opaque>`, CouchDB 3's form (base64url after the dash). */
const TAGGED_SEQ = /^(\d+)-([A-Za-z0-9_-]+)$/;

function parseSince(since: unknown): ChangesRequest['since'] | null {
  if (since === 'now' || isCount(since)) return since;
  if (typeof since !== 'string') return null;
  if (/^\d+$/.test(since)) return isCount(Number(since)) ? Number(since) : null;
  const tagged = TAGGED_SEQ.exec(since);
  if (!tagged || !isCount(Number(tagged[1]))) return null;
  return { seq: Number(tagged[1]), tag: tagged[2]! };
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
