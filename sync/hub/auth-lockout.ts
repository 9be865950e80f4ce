// The hub imitates Apache CouchDB 3.4+'s `[chttpd_auth_lockout]` (mode = enforce): after
// `threshold` failed authentications of one user from one peer address, every authentication of
// that user from that peer — with the right password too — is answered 403 until the entry
// expires. CouchDB keys its counter on {peer, user name, password salt}, so a new password starts
// a new count; the hub forgets a user's count when an admin writes their `_users` document.
// It stands in front of express-pouchdb, which authenticates Basic and `POST /_session` itself:
// the claimed name is read here, the failure is seen in the answer (401).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { couchError, sendCouchError } from './couch-json';
import type { PouchRequest } from './vendor';

export interface LockoutOptions {
  /** Failed authentications before the account is locked (CouchDB: `threshold`, default 5). */
  threshold: number;
  /**
   * How long failures are remembered, and how long a reached lock lasts (CouchDB keeps them in
   * an LRU whose `max_lifetime` is 300 000 ms by default).
   */
  expiryMs: number;
}

export const DEFAULT_LOCKOUT: LockoutOptions = { threshold: 5, expiryMs: 5 * 60_000 };

/** CouchDB's reason, word for word: a client may recognise a lockout by it. */
export const LOCKOUT_REASON =
  'Account is temporarily locked due to multiple authentication failures';

/** CouchDB's LRU holds at most this many entries; so does the hub's, so names cannot flood it. */
const MAX_ENTRIES = 10_000;

/** basic-auth's grammar (what express-pouchdb parses the header with). */
const BASIC = /^ *[Bb][Aa][Ss][Ii][Cc] +([A-Za-z0-9._~+/-]+=*) *$/;
const USER_DOC_PATH = /^\/_users\/org\.couchdb\.user(?::|%3A)([^/?]+)(?:\?|$)/i;

interface Entry {
  failures: number;
  expiresAt: number;
}

export interface AuthLockout {
  /**
   * Screens one request before express-pouchdb sees it: answers 403 itself when the claimed
   * user is locked (and returns false), else watches the answer to count a failed login.
   * A `POST /_session` body is read here and handed on parsed.
   */
  screen(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
}

export function authLockout(options: LockoutOptions = DEFAULT_LOCKOUT): AuthLockout {
  const entries = new Map<string, Entry>();
  const keyOf = (req: IncomingMessage, name: string) =>
    `${req.socket.remoteAddress ?? ''}\n${name}`;

  function isLocked(key: string, now: number): boolean {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= now) entries.delete(key);
    return entry !== undefined && entry.expiresAt > now && entry.failures >= options.threshold;
  }

  function countFailure(key: string, now: number): void {
    const entry = entries.get(key);
    if (!entry || entry.expiresAt <= now) {
      entries.delete(key);
      if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
      entries.set(key, { failures: 1, expiresAt: now + options.expiryMs });
      return;
    }
    entry.failures++;
    // The lock, once reached, lasts a whole expiry from that moment.
    if (entry.failures === options.threshold) entry.expiresAt = now + options.expiryMs;
  }

  function forgetUser(name: string): void {
    for (const key of entries.keys()) if (key.endsWith(`\n${name}`)) entries.delete(key);
  }

  return {
    async screen(req, res) {
      const basic = basicName(req);
      const session = isSessionLogin(req) ? await sessionName(req) : undefined;
      if (typeof session === 'object') {
        sendCouchError(res, couchError(400, 'bad_request', session.problem));
        return false;
      }
      const now = Date.now();
      for (const name of [basic, session]) {
        if (name !== undefined && isLocked(keyOf(req, name), now)) {
          sendCouchError(res, couchError(403, 'forbidden', LOCKOUT_REASON));
          return false;
        }
      }
      // A `POST /_session` fails on the name in its body (a Basic header may have passed).
      // Otherwise a 401 counts only if Basic did not authenticate: pouchdb-security answers
      // 401 to an authenticated member too (e.g. a design-document write).
      const failing = isSessionLogin(req) ? session : basic;
      if (failing !== undefined) {
        const key = keyOf(req, failing);
        res.on('finish', () => {
          const authenticated = (req as PouchRequest).couchSession?.userCtx.name === failing;
          if (res.statusCode === 401 && (session !== undefined || !authenticated)) {
            countFailure(key, Date.now());
          }
        });
      }
      const written = USER_DOC_PATH.exec(req.url ?? '');
      if (written && req.method !== 'GET' && req.method !== 'HEAD') {
        res.on('finish', () => {
          if (res.statusCode < 300) forgetUser(decodeURIComponent(written[1]!));
        });
      }
      return true;
    },
  };
}

function basicName(req: IncomingMessage): string | undefined {
  const match = BASIC.exec(req.headers.authorization ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : decoded.slice(0, colon);
}

function isSessionLogin(req: IncomingMessage): boolean {
  return req.method === 'POST' && (req.url ?? '').split('?', 1)[0] === '/_session';
}

/**
 * The name a `POST /_session` claims, from its JSON or form body (the two CouchDB takes). The
 * body is then set as express-pouchdb's parsed body (`_body` tells its body-parsers so).
 * A body that is not a JSON object is refused here (CouchDB answers 400 to bad JSON and 500
 * `badmatch` to JSON that is not an object; express-pouchdb crashed on `null`).
 */
async function sessionName(
  req: IncomingMessage,
): Promise<string | undefined | { problem: string }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  const type = (req.headers['content-type'] ?? '').split(';', 1)[0]!.trim().toLowerCase();
  let body: unknown = {};
  if (type === 'application/x-www-form-urlencoded') {
    body = Object.fromEntries(new URLSearchParams(text));
  } else if (text.trim() !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      return { problem: 'invalid_json' };
    }
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { problem: 'Request body must be a JSON object' };
  }
  const parsed = req as PouchRequest;
  parsed.body = body;
  parsed._body = true;
  const name = (body as { name?: unknown }).name;
  return typeof name === 'string' ? name : undefined;
}
