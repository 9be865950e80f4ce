// Assertions that hold on the hub and on Apache CouchDB, single node or cluster: a refusal is
// judged by what CouchDB may answer (COUCHDB_ANSWERS), then by what matters — nothing changed.
import { expect } from 'vitest';
import { COUCHDB_ANSWERS, couchCall, type AdminServer, type CouchAnswer } from './couch-server';

/**
 * A single-document write the server refused: 403 (the reason checked when given), or 409 from
 * a lagging cluster copy; then the stored document is still at `rev` (null: still absent), with
 * no conflicting revision slipped in beside it.
 */
export async function expectWriteRefused(
  server: AdminServer,
  answer: CouchAnswer<unknown>,
  stored: { path: string; rev: string | null; reason?: RegExp },
): Promise<void> {
  expect(COUCHDB_ANSWERS.refusedWrite, JSON.stringify(answer.body)).toContain(answer.status);
  if (answer.status === 403 && stored.reason) {
    expect(JSON.stringify(answer.body)).toMatch(stored.reason);
  }
  await expectUnchanged(server, stored);
}

/** One `_bulk_docs` row the server refused (`forbidden`, or `conflict` on a cluster); then as above. */
export async function expectBulkRowRefused(
  server: AdminServer,
  row: { error?: string } | undefined,
  stored: { path: string; rev: string | null },
): Promise<void> {
  expect(['forbidden', 'conflict']).toContain(row?.error);
  await expectUnchanged(server, stored);
}

async function expectUnchanged(
  server: AdminServer,
  stored: { path: string; rev: string | null },
): Promise<void> {
  const now = await couchCall<{ _rev?: string; _conflicts?: string[] }>(
    server,
    server.admin,
    'GET',
    `${stored.path}?conflicts=true`,
  );
  if (stored.rev === null) {
    expect(now.status).toBe(404);
    return;
  }
  expect(now.body._rev).toBe(stored.rev);
  expect(now.body._conflicts).toBeUndefined();
}

/**
 * A non-admin's `PUT /db/_security` (or any attempt to change it) was refused — 401/403 on the
 * hub, 500 `no_majority` on CouchDB 3.5 — and `_security` is what it was.
 */
export async function expectSecurityUnchanged(
  server: AdminServer,
  db: string,
  answer: CouchAnswer<unknown>,
  before: unknown,
): Promise<void> {
  expect(COUCHDB_ANSWERS.refusedSecurityWrite, JSON.stringify(answer.body)).toContain(
    answer.status,
  );
  expect((await couchCall(server, server.admin, 'GET', `${db}/_security`)).body).toEqual(before);
}
