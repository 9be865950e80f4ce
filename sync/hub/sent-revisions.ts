// pouchdb-validation sets each incoming document's `_revisions` to the stored document's before
// it validates (its `validate`: `newDoc._revisions = (oldDoc || {})._revisions`). For a write
// with `new_edits: false` — a replicator, or an admin storing a revision with its history —
// that replaces the history sent, so the revision stored is one the database already holds and
// the write silently does nothing. CouchDB stores the history sent. This database wrapper,
// outside the validation one, keeps each such document's `_revisions` (or its absence) as sent.

type Method = (...args: unknown[]) => unknown;

export function keepSentRevisions(db: Record<string, unknown>): void {
  const original = db.bulkDocs as Method;
  db.bulkDocs = function (this: unknown, ...args: unknown[]) {
    const [request, options] = args;
    const body = Array.isArray(request) ? { docs: request } : (request as Record<string, unknown>);
    const newEdits =
      body && 'new_edits' in body
        ? body.new_edits
        : (options as { new_edits?: unknown } | undefined)?.new_edits;
    if (newEdits === false && Array.isArray(body?.docs)) {
      for (const doc of body.docs as unknown[]) {
        if (!doc || typeof doc !== 'object') continue;
        const sent = (doc as { _revisions?: unknown })._revisions;
        Object.defineProperty(doc, '_revisions', {
          get: () => sent,
          set: () => {},
          enumerable: sent !== undefined,
          configurable: true,
        });
      }
    }
    return original.apply(this, args);
  };
}
