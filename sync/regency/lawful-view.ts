// The regency's figures never computed from a forbidden revision (issue 19, decision 0022). On a
// CouchDB cluster a lagging shard copy can let in a revision the validation refuses elsewhere;
// until the conflict pass removes it, CouchDB's winner — the revision every view indexes — may be
// that one. So the views a figure is read from leave out every document with `_conflicts`
// (sync/provision/regency-views.ts), and this reader adds each such document back as its lawful
// revision (shared/conflicts/lawful-revision.ts; CouchDB's own winner where no rule of ours
// decides), mapped by the very source the server runs. The result is the view as it would be
// with only lawful revisions stored, whatever the pass has or has not done yet. Costs one small
// view read (`conflicted`) per view read, and per conflicted document one `open_revs` read.
import { collate } from 'pouchdb-collate';
import { judgeConflict } from '../../shared/conflicts/lawful-revision';
import { couchRequest, expectStatus, type AdminConnection } from '../provision/couch-request';
import { leavesOf } from '../provision/document-leaves';
import {
  REGENCY_DESIGN_DOC_ID,
  regencyViews,
  type LawfulViewName,
} from '../provision/regency-views';

/** The view queries the regency's readers make; keys as JSON values, not yet encoded. */
export interface LawfulViewQuery {
  key?: unknown;
  startkey?: unknown;
  endkey?: unknown;
  /** Group a reduce view by its whole key (`_sum` and `_count` are the reduces used). */
  group?: boolean;
  includeDocs?: boolean;
}

export interface LawfulViewRow {
  id?: string;
  key: unknown;
  value: unknown;
  doc?: Record<string, unknown>;
}

/** 200 with the rows, or the HTTP status the server answered for the view instead. */
export type LawfulViewReply =
  { status: 200; rows: LawfulViewRow[] } | { status: number; rows: null };

type Emitted = { key: unknown; value: unknown };

/** The view's own map source as a function: the sources are ours, plain ES5 and side-free. */
function mapperOf(view: LawfulViewName): (doc: Record<string, unknown>) => Emitted[] {
  const source = regencyViews()[view]!.map;
  return (doc) => {
    const emitted: Emitted[] = [];
    const emit = (key: unknown, value: unknown) => emitted.push({ key, value });
    // Our own constant source, compiled as CouchDB compiles it: never text read from a database.
    const map = new Function('emit', `return (${source});`)(emit) as (d: unknown) => void;
    map(doc);
    return emitted;
  };
}

function inRange(key: unknown, query: LawfulViewQuery): boolean {
  if ('key' in query) return collate(key, query.key) === 0;
  if (query.startkey !== undefined && collate(key, query.startkey) < 0) return false;
  if (query.endkey !== undefined && collate(key, query.endkey) > 0) return false;
  return true;
}

function queryString(query: LawfulViewQuery, reduced = true): string {
  const parts: string[] = [];
  const json = (name: string, value: unknown) =>
    parts.push(`${name}=${encodeURIComponent(JSON.stringify(value))}`);
  if ('key' in query) json('key', query.key);
  if (query.startkey !== undefined) json('startkey', query.startkey);
  if (query.endkey !== undefined) json('endkey', query.endkey);
  if (query.group) parts.push(reduced ? 'group=true' : 'reduce=false');
  if (query.includeDocs) parts.push('include_docs=true');
  return parts.length ? `?${parts.join('&')}` : '';
}

/** The revision the figures count: the lawful leaf, or CouchDB's winner where no rule decides. */
async function countedRevision(
  login: AdminConnection,
  db: string,
  id: string,
): Promise<Record<string, unknown> | null> {
  const verdict = judgeConflict(await leavesOf(login, db, id));
  if (verdict) return { ...(verdict.merged ?? verdict.keep.doc), _id: id, _rev: verdict.keep.rev };
  const winner = await couchRequest<Record<string, unknown>>(
    login,
    'GET',
    `${db}/${encodeURIComponent(id)}`,
  );
  if (winner.status === 404) return null; // removed meanwhile (the pass, or a deletion)
  expectStatus(winner, [200], `Reading ${id}`);
  return winner.body;
}

/** The ids of `db`'s documents with live conflicts; empty where the view is not there yet. */
export async function readConflictedIds(login: AdminConnection, db: string): Promise<string[]> {
  const conflicted = await couchRequest<{ rows?: { id: string }[] }>(
    login,
    'GET',
    `${db}/${REGENCY_DESIGN_DOC_ID}/_view/conflicted`,
  );
  // A village provisioned before the view existed: its next `add-village` writes it.
  if (conflicted.status === 404) return [];
  expectStatus(conflicted, [200], `Reading the conflicted documents of ${db}`);
  return [...new Set((conflicted.body.rows ?? []).map((r) => r.id))];
}

/**
 * `view` of `_design/regency` in `db` (URL-encoded), with every conflicted document counted by
 * its lawful revision. Rows in the view's order (key, then document id). A reader of several
 * views of one village reads the conflicted ids once and passes them to each.
 */
export async function readLawfulView(
  login: AdminConnection,
  db: string,
  view: LawfulViewName,
  query: LawfulViewQuery = {},
  conflicted: Promise<string[]> = readConflictedIds(login, db),
): Promise<LawfulViewReply> {
  const path = `${db}/${REGENCY_DESIGN_DOC_ID}/_view/${view}${queryString(query)}`;
  // Read side by side; a failed view read leaves the ids' rejection for the caller's next use.
  const [rows, ids] = await Promise.all([
    couchRequest<{ rows?: LawfulViewRow[] }>(login, 'GET', path),
    conflicted,
  ]);
  if (rows.status !== 200) return { status: rows.status, rows: null };
  if (ids.length === 0) return { status: 200, rows: rows.body.rows ?? [] };
  const reduce = regencyViews()[view]!.reduce;
  if (reduce && !query.group) throw new Error(`The view ${view} is read grouped here.`);
  // Rows with their document ids: grouped sums cannot tell whether a document resolved between
  // the two reads is in them already. So a reduce view is read unreduced and grouped here.
  let mapped = rows.body.rows ?? [];
  if (reduce) {
    const unreduced = await couchRequest<{ rows?: LawfulViewRow[] }>(
      login,
      'GET',
      `${db}/${REGENCY_DESIGN_DOC_ID}/_view/${view}${queryString(query, false)}`,
    );
    if (unreduced.status !== 200) return { status: unreduced.status, rows: null };
    mapped = unreduced.body.rows ?? [];
  }
  const conflictedSet = new Set(ids);
  // A document resolved after the ids were read is in the view already: counted once, below.
  const result = mapped.filter((row) => !conflictedSet.has(row.id ?? ''));
  const map = mapperOf(view);
  for (const id of ids) {
    const doc = await countedRevision(login, db, id);
    if (!doc) continue;
    for (const { key, value } of map(doc)) {
      if (inRange(key, query)) {
        result.push({ id, key, value, ...(query.includeDocs ? { doc } : {}) });
      }
    }
  }
  result.sort((a, b) => collate(a.key, b.key) || collate(a.id ?? '', b.id ?? ''));
  return { status: 200, rows: reduce ? grouped(result, reduce) : result };
}

/** Map rows grouped by their whole key, reduced by CouchDB's `_sum` or `_count`. */
function grouped(rows: readonly LawfulViewRow[], reduce: string): LawfulViewRow[] {
  const groups: LawfulViewRow[] = [];
  for (const row of rows) {
    const add = reduce === '_count' ? 1 : typeof row.value === 'number' ? row.value : 0;
    const last = groups[groups.length - 1];
    if (last && collate(last.key, row.key) === 0) last.value = (last.value as number) + add;
    else groups.push({ key: row.key, value: add });
  }
  return groups;
}
