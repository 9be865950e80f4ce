// Query parameters checked the way CouchDB checks them, before express-pouchdb reads them:
// it JSON-decodes what it can and passes the rest on, so `_all_docs?limit=abc`,
// `?skip=-1` or `?descending=maybe` were quietly ignored (200 with something else than asked)
// and a document's `?open_revs=notjson` failed inside PouchDB as a 500. CouchDB says 400.
import { couchError, sendCouchError } from './couch-json';
import type { Middleware } from './vendor';

const BOOLEANS = [
  'descending',
  'include_docs',
  'inclusive_end',
  'conflicts',
  'update_seq',
  'attachments',
  'att_encoding_info',
  'group',
  'reduce',
  'sorted',
];
const COUNTS = ['limit', 'skip', 'group_level'];
const JSON_VALUES = ['key', 'keys', 'startkey', 'start_key', 'endkey', 'end_key'];

/** Why the query of a `_all_docs` or view request is not one CouchDB would run, or null. */
export function rowsQueryProblem(query: URLSearchParams): string | null {
  for (const [name, value] of query) {
    if (BOOLEANS.includes(name) && value !== 'true' && value !== 'false') {
      return `Invalid boolean parameter: ${name}`;
    }
    if (COUNTS.includes(name) && !/^\d{1,15}$/.test(value)) {
      return `Invalid value for ${name}: a whole number, 0 or more`;
    }
    if (JSON_VALUES.includes(name)) {
      const parsed = parseJson(value);
      if (parsed === undefined) return `${name} is not valid JSON`;
      if (name === 'keys' && !Array.isArray(parsed)) return 'keys must be a JSON list';
    }
  }
  return null;
}

/** Why the query of a document read is not one CouchDB would answer, or null. */
export function documentQueryProblem(query: URLSearchParams): string | null {
  const openRevs = query.get('open_revs');
  if (openRevs !== null && openRevs !== 'all' && !isStringList(parseJson(openRevs))) {
    return 'open_revs must be "all" or a JSON list of revisions';
  }
  const attsSince = query.get('atts_since');
  if (attsSince !== null && !isStringList(parseJson(attsSince))) {
    return 'atts_since must be a JSON list of revisions';
  }
  return null;
}

export function checkRequestQueries(): Middleware {
  return (req, res, next) => {
    const at = (req.url ?? '').indexOf('?');
    if (at < 0 || (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'POST')) {
      return next();
    }
    const query = new URLSearchParams((req.url ?? '').slice(at + 1));
    const segments = req.path.split('/').filter(Boolean).map(decodeURIComponent);
    const [db, second, third, fourth] = segments;
    let problem: string | null = null;
    if (db !== undefined && !db.startsWith('_')) {
      const isRows =
        (second === '_all_docs' && segments.length === 2) ||
        (second === '_design' && fourth === '_view' && segments.length === 5);
      const isDocument =
        req.method !== 'POST' &&
        second !== undefined &&
        (second === '_design' || second === '_local'
          ? segments.length === 3 && third !== undefined
          : segments.length === 2 && !second.startsWith('_'));
      if (isRows) problem = rowsQueryProblem(query);
      else if (isDocument) problem = documentQueryProblem(query);
    }
    if (problem) return sendCouchError(res, couchError(400, 'query_parse_error', problem));
    next();
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isStringList(value: unknown): boolean {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
