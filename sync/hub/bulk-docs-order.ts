// CouchDB answers `_bulk_docs` with one row per document, in the order they were sent.
// express-pouchdb's validation and security wrappers (pouchdb-bulkdocs-wrapper) put every
// rejected document first, so one forbidden document reordered the whole answer. This database
// wrapper puts the rows back in request order.

type Method = (...args: unknown[]) => unknown;
type Row = { id?: unknown };

export function keepBulkDocsOrder(db: Record<string, unknown>): void {
  const original = db.bulkDocs as Method;
  db.bulkDocs = function (this: unknown, ...args: unknown[]) {
    const callbackAt = args.findIndex((arg) => typeof arg === 'function');
    const callback = callbackAt < 0 ? undefined : (args.splice(callbackAt, 1)[0] as Method);
    const [request] = args;
    const docs = Array.isArray(request) ? request : (request as { docs?: unknown } | null)?.docs;
    const answer = Promise.resolve(original.apply(this, args)).then((rows) =>
      inRequestOrder(docs, rows),
    );
    if (!callback) return answer;
    answer.then(
      (rows) => callback(null, rows),
      (error: unknown) => callback(error),
    );
    return undefined;
  };
}

/** The rows matched to the documents by id, first come first served; as they were if unsure. */
function inRequestOrder(docs: unknown, rows: unknown): unknown {
  if (!Array.isArray(docs) || !Array.isArray(rows) || rows.length !== docs.length) return rows;
  const rowsById = new Map<unknown, Row[]>();
  for (const row of rows as Row[]) {
    rowsById.set(row?.id, [...(rowsById.get(row?.id) ?? []), row]);
  }
  const ordered = docs.map((doc) => rowsById.get((doc as { _id?: unknown } | null)?._id)?.shift());
  return ordered.includes(undefined) ? rows : ordered;
}
