// The regency's conflict guard (issue 19, decision 0022): on a CouchDB cluster a lagging shard
// copy can store a revision our validate_doc_update would have refused (an edit of an adopted
// budget line based on its draft), as a conflict of the lawful one; CouchDB's winner is then a
// matter of revision hashes. This pass finds every document of a village database with
// `_conflicts` (a view of its own design document), lets the domain's rule pick the lawful leaf
// (shared/conflicts/lawful-revision.ts), records what it removes and who wrote it in the
// regency's conflict log, then deletes the other leaves, so the lawful one is the winner every
// reader, view and kiosk sees. Run as a server admin (only an admin deletes); idempotent.
import { authorOf, judgeConflict, type GuardRule } from '../../shared/conflicts/lawful-revision';
import { REGENCY_STAFF_ROLE, villageDbName, type VillageCode } from '../../shared/village';
import { couchRequest, expectStatus, type AdminConnection } from '../provision/couch-request';
import { leavesOf } from '../provision/document-leaves';
import { listVillages } from '../provision/regency';
import { CONFLICTED_MAP } from '../provision/regency-views';

/** The regency's log of resolved conflicts: one document per removed revision. */
export const CONFLICT_LOG_DB = 'balai_conflicts';
const GUARD_DESIGN_ID = '_design/conflict-guard';
const LOG_VALIDATE = `function (newDoc, oldDoc, userCtx) {
  if ((userCtx.roles || []).indexOf('_admin') === -1) {
    throw { forbidden: 'Only the conflict guard writes the conflict log. / Hanya penjaga konflik yang menulis catatan ini.' };
  }
}`;

/** One removed revision, as the log keeps it. */
export interface ConflictResolution {
  _id?: string;
  type: 'conflict-resolution';
  villageCode: string;
  docId: string;
  docType: string;
  rule: GuardRule;
  keptRev: string;
  removedRev: string;
  /** The kiosk (and the person named in the document) that wrote the removed revision. */
  removedAuthor: string;
  /** The removed revision's fields, without photo or PDF bytes (their `sha256` stays). */
  removed: Record<string, unknown>;
  /** The kept revision had published letter keys merged in from the removed ones. */
  merged: boolean;
  resolvedAt: string;
}

const enc = encodeURIComponent;

/** The log database, readable by regency staff (the dashboard), written by admins only. */
async function ensureConflictLog(admin: AdminConnection): Promise<void> {
  const created = await couchRequest(admin, 'PUT', CONFLICT_LOG_DB);
  expectStatus(created, [201, 202, 412], `Creating ${CONFLICT_LOG_DB}`);
  if (created.status === 412) return;
  const security = await couchRequest(admin, 'PUT', `${CONFLICT_LOG_DB}/_security`, {
    admins: { names: [], roles: [] },
    members: { names: [], roles: [REGENCY_STAFF_ROLE] },
  });
  expectStatus(security, [200], `Securing ${CONFLICT_LOG_DB}`);
  const design = await couchRequest(admin, 'PUT', `${CONFLICT_LOG_DB}/_design/log`, {
    validate_doc_update: LOG_VALIDATE,
  });
  expectStatus(design, [201, 202, 409], `Guarding ${CONFLICT_LOG_DB}`);
}

/** The village database's view of conflicted documents, written once (idempotent). */
async function ensureConflictView(admin: AdminConnection, db: string): Promise<void> {
  const existing = await couchRequest(admin, 'GET', `${db}/${GUARD_DESIGN_ID}`);
  if (existing.status === 200) return;
  expectStatus(existing, [404], `Reading ${db}/${GUARD_DESIGN_ID}`);
  const put = await couchRequest(admin, 'PUT', `${db}/${GUARD_DESIGN_ID}`, {
    views: { conflicted: { map: CONFLICTED_MAP } },
  });
  // 409: another pass wrote it meanwhile.
  expectStatus(put, [201, 202, 409], `Writing ${db}/${GUARD_DESIGN_ID}`);
}

/** What the log keeps of a removed revision: its fields, not the photo's or PDF's bytes. */
function loggedBody(doc: Record<string, unknown>): Record<string, unknown> {
  const { data: _bytes, ...rest } = doc;
  return rest;
}

/** Resolves every guarded conflict of one village; answers what it removed. */
export async function resolveVillageConflicts(
  admin: AdminConnection,
  code: VillageCode,
  now: () => Date = () => new Date(),
): Promise<ConflictResolution[]> {
  const db = enc(villageDbName(code));
  await ensureConflictLog(admin);
  await ensureConflictView(admin, db);
  const view = await couchRequest<{ rows: { id: string }[] }>(
    admin,
    'GET',
    `${db}/${GUARD_DESIGN_ID}/_view/conflicted`,
  );
  expectStatus(view, [200], `Reading ${db}'s conflicted documents`);
  const resolved: ConflictResolution[] = [];
  for (const id of new Set(view.body.rows.map((row) => row.id))) {
    const verdict = judgeConflict(await leavesOf(admin, db, id));
    if (!verdict) continue; // an ordinary conflict: no rule of ours decides it
    const records: ConflictResolution[] = verdict.remove.map((leaf) => ({
      _id: `resolution:${code}:${id}:${leaf.rev}`,
      type: 'conflict-resolution',
      villageCode: code,
      docId: id,
      docType: String(verdict.keep.doc.type),
      rule: verdict.rule,
      keptRev: verdict.keep.rev,
      removedRev: leaf.rev,
      removedAuthor: authorOf(leaf.doc),
      removed: loggedBody(leaf.doc),
      merged: verdict.merged !== undefined,
      resolvedAt: now().toISOString(),
    }));
    // Logged before anything is removed: a pass cut short leaves a record, never a silent loss.
    for (const record of records) {
      const put = await couchRequest(
        admin,
        'PUT',
        `${CONFLICT_LOG_DB}/${enc(record._id!)}`,
        record,
      );
      expectStatus(put, [201, 202, 409], `Logging ${record._id}`);
    }
    // One write per leaf: several revisions of one id in a single `_bulk_docs` are not ordered.
    if (verdict.merged) {
      const put = await couchRequest(admin, 'PUT', `${db}/${enc(id)}`, {
        ...verdict.merged,
        _id: id,
        _rev: verdict.keep.rev,
      });
      expectStatus(put, [201, 202], `Merging the published keys into ${id}`);
    }
    for (const leaf of verdict.remove) {
      const removed = await couchRequest(admin, 'DELETE', `${db}/${enc(id)}?rev=${enc(leaf.rev)}`);
      expectStatus(removed, [200, 202], `Removing ${id} ${leaf.rev}`);
    }
    resolved.push(...records);
  }
  return resolved;
}

/** The pass over every village database (or the ones named). */
export async function resolveAllConflicts(
  admin: AdminConnection,
  only?: readonly VillageCode[],
): Promise<ConflictResolution[]> {
  const codes = only?.length ? only : (await listVillages(admin)).map((v) => v.code);
  const all: ConflictResolution[] = [];
  for (const code of codes) all.push(...(await resolveVillageConflicts(admin, code)));
  return all;
}

/** The log, newest first, for the dashboard: every resolution, or one village's. */
export async function readConflictLog(
  login: AdminConnection,
  village?: VillageCode,
): Promise<ConflictResolution[]> {
  const prefix = village ? `resolution:${village}:` : 'resolution:';
  const reply = await couchRequest<{ rows: { doc?: ConflictResolution }[] }>(
    login,
    'GET',
    `${CONFLICT_LOG_DB}/_all_docs?include_docs=true&startkey=${enc(JSON.stringify(prefix))}&endkey=${enc(JSON.stringify(prefix + '\ufff0'))}`,
  );
  if (reply.status === 404) return []; // no pass has run yet
  expectStatus(reply, [200], `Reading ${CONFLICT_LOG_DB}`);
  return reply.body.rows
    .flatMap((row) => (row.doc ? [row.doc] : []))
    .sort((a, b) => (a.resolvedAt < b.resolvedAt ? 1 : a.resolvedAt > b.resolvedAt ? -1 : 0));
}
