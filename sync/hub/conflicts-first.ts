// CouchDB answers a `_bulk_docs` write that does not extend a leaf of the document — a new
// document (no `_rev`) whose id is already taken, or a `_rev` that is no leaf — with `conflict`,
// before any `validate_doc_update` runs. express-pouchdb validates first, against the stored
// document, so a request sent twice (a retry after a lost answer) got the validation's 403 for its
// second copy instead of 409, and the kiosk took its own document for refused. This database
// wrapper, outside the validation one, answers those documents `conflict` as CouchDB does.

type Method = (...args: unknown[]) => unknown;
type Doc = { _id?: unknown; _rev?: unknown };
type Db = {
  allDocs(options: { keys: string[] }): Promise<{
    rows: { key: string; error?: string; value?: { rev: string; deleted?: boolean } }[];
  }>;
  get(id: string, options: { open_revs: 'all' }): Promise<{ ok?: { _rev: string } }[]>;
};

/** A row as PouchDB gives a conflict (pouchdb-errors' REV_CONFLICT): the routes answer it 409. */
function conflictRow(id: string) {
  return Object.assign(new Error('Document update conflict'), {
    status: 409,
    name: 'conflict',
    message: 'Document update conflict',
    error: true,
    id,
  });
}

export function answerConflictsFirst(db: Record<string, unknown>): void {
  const original = db.bulkDocs as Method;
  db.bulkDocs = function (this: unknown, ...args: unknown[]) {
    const callbackAt = args.findIndex((arg) => typeof arg === 'function');
    const callback = callbackAt < 0 ? undefined : (args.splice(callbackAt, 1)[0] as Method);
    const answer = withConflictsFirst(db as unknown as Db, args, (next) =>
      Promise.resolve(original.apply(this, next)),
    );
    if (!callback) return answer;
    answer.then(
      (rows) => callback(null, rows),
      (error: unknown) => callback(error),
    );
    return undefined;
  };
}

async function withConflictsFirst(
  db: Db,
  args: unknown[],
  write: (args: unknown[]) => Promise<unknown>,
): Promise<unknown> {
  const [request, options] = args;
  const body = Array.isArray(request) ? { docs: request } : (request as Record<string, unknown>);
  const newEdits =
    body && 'new_edits' in body
      ? body.new_edits
      : (options as { new_edits?: unknown } | undefined)?.new_edits;
  const docs = body?.docs;
  // A replicator's write (new_edits: false) stores revisions as sent; a malformed body is the
  // wrapped method's to refuse.
  if (newEdits === false || !Array.isArray(docs)) return write(args);
  const refused = await conflicting(db, docs as Doc[]);
  if (refused.size === 0) return write(args);
  const rest = (docs as Doc[]).filter((_, i) => !refused.has(i));
  const written = rest.length
    ? await write([Array.isArray(request) ? rest : { ...body, docs: rest }, ...args.slice(1)])
    : [];
  if (!Array.isArray(written)) return written;
  const rows = [...(written as unknown[])];
  return (docs as Doc[]).map((doc, i) =>
    refused.has(i) ? conflictRow(String(doc._id)) : rows.shift(),
  );
}

/** The positions of the documents CouchDB would answer `conflict` without validating them. */
async function conflicting(db: Db, docs: Doc[]): Promise<Set<number>> {
  const ids = [...new Set(docs.map((d) => d?._id).filter(isDocumentId))];
  if (ids.length === 0) return new Set();
  const { rows } = await db.allDocs({ keys: ids });
  const current = new Map(rows.map((r) => [r.key, r.error ? undefined : r.value]));
  const refused = new Set<number>();
  for (const [i, doc] of docs.entries()) {
    if (!isDocumentId(doc?._id)) continue;
    const stored = current.get(doc._id);
    if (!stored) continue;
    if (doc._rev === undefined) {
      if (!stored.deleted) refused.add(i);
    } else if (typeof doc._rev === 'string' && doc._rev !== stored.rev) {
      // Not the winner: still allowed on another leaf (how a conflict is resolved).
      const leaves = await db.get(doc._id, { open_revs: 'all' });
      if (!leaves.some((leaf) => leaf.ok?._rev === doc._rev)) refused.add(i);
    }
  }
  return refused;
}

/** A document's own id: not a `_local/` or design document, which CouchDB treats apart. */
function isDocumentId(id: unknown): id is string {
  return typeof id === 'string' && id !== '' && !id.startsWith('_');
}
