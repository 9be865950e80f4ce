// A document's live leaf revisions read over the CouchDB API, and the lawful one of a guarded
// document whose reader got it with `_conflicts` (decision 0022): what the regency's conflict
// pass and its other readers (the published letter keys) judge by shared/conflicts.
import { judgeConflict, type Revision, type Verdict } from '../../shared/conflicts/lawful-revision';
import { couchRequest, expectStatus, type AdminConnection } from './couch-request';

const withoutMeta = (doc: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(doc).filter(([k]) => !k.startsWith('_')));

/** Every live leaf of `id` in `db` (both already URL-encoded where needed: `db` is). */
export async function leavesOf(
  login: AdminConnection,
  db: string,
  id: string,
): Promise<Revision[]> {
  const reply = await couchRequest<{ ok?: Record<string, unknown> }[]>(
    login,
    'GET',
    `${db}/${encodeURIComponent(id)}?open_revs=all`,
  );
  expectStatus(reply, [200], `Reading the revisions of ${id}`);
  return reply.body.flatMap(({ ok }) =>
    ok && ok._deleted !== true ? [{ rev: String(ok._rev), doc: withoutMeta(ok) }] : [],
  );
}

/** The verdict on a document read with `?conflicts=true`, or null when it has none to give. */
export async function verdictOn(
  login: AdminConnection,
  db: string,
  doc: Record<string, unknown>,
): Promise<Verdict | null> {
  if (!Array.isArray(doc._conflicts) || doc._conflicts.length === 0) return null;
  return judgeConflict(await leavesOf(login, db, String(doc._id)));
}
