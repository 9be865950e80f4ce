// Which server (and which database on it) the kiosk's sync state belongs to. A pull checkpoint
// and a document's `couchRev` mean something only on the database that issued them: a kiosk
// moved from the hub to the regency's CouchDB (or to a database re-created after a loss) would
// otherwise send the old server's opaque `since` and push revisions the new one never saw.
//
// The identity is a marker the kiosk writes into the database itself: `_local/balai-sync-<token>`,
// with a random token the kiosk keeps. `_local` documents are never replicated, so a server
// filled by replication from the old one, a re-created database or another server altogether
// all lack it; the same database always has it. (`instance_start_time` is "0" on CouchDB 2 and
// later, and the server's uuid is not reachable through the kiosk host's `/regency/` proxy.)
//
// On a database without our marker, everything the kiosk holds is compared with what that
// database holds (`_all_docs` with keys: ids and revisions only): a village document it lacks,
// or holds at a revision the kiosk does not know, goes back to `pending` with no revision, so
// the push sends it once (a conflict is reconciled as usual); the pull restarts from 0 because
// the pull checkpoint names the token it was written under.
import { COLLECTION_NAMES } from '../../shared/documents/collections';
import { isVillageDocType } from '../../shared/doc-types';
import { bulkModify } from './bulk-modify';
import { pendingLocal } from './local-fields';
import type { CouchClient } from './couch-client';
import { collectionOf, PHOTOS, PHOTOS_PER_READ, type Stored } from './couch-shape';
import type { KioskDatabase } from './store-types';

const SERVER = 'sync-server';
const MARKER_PREFIX = '_local/balai-sync-';
/** Documents compared with the server per request (their ids go up, their revisions come back). */
const COMPARE_STEP = 1_000;

export interface ServerIdentity {
  /**
   * Makes sure the kiosk's sync state belongs to the database it now talks to; on another one,
   * readies a full resync first. Cheap once confirmed, until `doubt()`.
   */
  confirm(): Promise<void>;
  /** After a failed exchange the server may have been changed under us: confirm again. */
  doubt(): void;
  /** The token of the database the sync state belongs to; null before the first `confirm()`. */
  readonly token: string | null;
}

export function createServerIdentity(options: {
  db: KioskDatabase;
  couch: CouchClient;
  /** Whether a pull checkpoint from before server identities exists (then its server is kept). */
  hasUntaggedCheckpoint(): Promise<boolean>;
}): ServerIdentity {
  const { db, couch } = options;
  let token: string | null = null;
  let confirmed: Promise<void> | null = null;

  async function check() {
    const stored = (await db.getLocal<{ token: string }>(SERVER))?.toJSON().data.token ?? null;
    if (stored && (await couch.getDoc(MARKER_PREFIX + stored))) {
      token = stored;
      return;
    }
    // A kiosk that synced before identities existed keeps its checkpoint with the server at hand.
    const adopt = !stored && (await options.hasUntaggedCheckpoint());
    if (!adopt) await requeueWhatServerLacks();
    const next = crypto.randomUUID();
    await couch.putDoc({ _id: MARKER_PREFIX + next, at: new Date().toISOString() });
    await db.upsertLocal(SERVER, { token: next });
    token = next;
  }

  async function requeueWhatServerLacks() {
    for (const name of COLLECTION_NAMES) {
      const step = name === PHOTOS ? PHOTOS_PER_READ : COMPARE_STEP;
      let after = '';
      for (;;) {
        // Only documents that carry a revision can be stale: the others go up as new anyway.
        const page = await collectionOf(db, name)
          .find({
            selector: { id: { $gt: after }, couchRev: { $ne: '' } },
            sort: [{ id: 'asc' }],
            limit: step,
          })
          .exec();
        if (page.length === 0) break;
        after = page[page.length - 1]!.id;
        const ours = page
          .map((d) => ({ id: d.id, type: d.type, syncState: d.syncState, couchRev: d.couchRev }))
          .filter((d) => isVillageDocType(d.type) && d.syncState !== 'rejected');
        const held = await couch.revisionsOf(ours.map((d) => d.id));
        const stale = ours.filter((d) => held.get(d.id) !== d.couchRev).map((d) => d.id);
        await bulkModify(collectionOf(db, name), stale, (doc: Stored) => ({
          ...doc,
          ...pendingLocal({}),
        }));
      }
    }
  }

  return {
    confirm() {
      confirmed ??= check().catch((err: unknown) => {
        confirmed = null;
        throw err;
      });
      return confirmed;
    },
    doubt() {
      confirmed = null;
    },
    get token() {
      return token;
    },
  };
}
