// The kiosk's conflict guard (issue 19, decision 0022): a document the regency serves with
// `_conflicts` may carry a revision a lagging cluster copy let in against our rules (an edit of
// an adopted budget line, a second posted ledger entry…), and CouchDB's winner is chosen by
// revision hash. Before the pull stores such a document, its live leaves are read and the one
// the domain's rule makes lawful (shared/conflicts/lawful-revision.ts) is stored instead, so no
// total, LRA or letter check on the kiosk ever reads a forbidden revision. The kiosk cannot
// remove the others (it may not delete): the regency's pass does (sync/regency/conflict-guard.ts).
import { judgeConflict } from '../../shared/conflicts/lawful-revision';
import type { CouchClient, CouchDoc } from './couch-client';
import { stripCouchMeta } from './couch-shape';

/** These documents, each one with `_conflicts` replaced by its lawful revision where a rule decides. */
export async function lawfulRevisions(couch: CouchClient, docs: CouchDoc[]): Promise<CouchDoc[]> {
  return Promise.all(docs.map((doc) => (hasConflicts(doc) ? lawfulOf(couch, doc) : doc)));
}

function hasConflicts(doc: CouchDoc): boolean {
  return Array.isArray(doc._conflicts) && doc._conflicts.length > 0;
}

async function lawfulOf(couch: CouchClient, doc: CouchDoc): Promise<CouchDoc> {
  const leaves = await couch.leaves(doc._id);
  const verdict = judgeConflict(
    leaves.map((leaf) => ({ rev: String(leaf._rev), doc: stripCouchMeta(leaf) })),
  );
  if (!verdict) return doc;
  const body = verdict.merged ?? verdict.keep.doc;
  return { ...body, _id: doc._id, _rev: verdict.keep.rev };
}
