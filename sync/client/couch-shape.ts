// How a kiosk document and a regency (CouchDB) document map onto each other, and the small facts
// about ids and collections every part of the replicator shares. No state, no I/O.
import type { RxCollection } from 'rxdb';
import {
  COLLECTION_NAMES,
  KEPT_TYPES,
  schemaOfType,
  type CollectionName,
} from '../../shared/documents/collections';
import { isRegencyDocType, isVillageDocType, type SyncedFields } from '../../shared/doc-types';
import type { CouchDoc } from './couch-client';
import { withoutLocalFields, type LocalSyncFields } from './local-fields';
import type { KioskDatabase } from './store-types';

export type Stored = SyncedFields & LocalSyncFields & Record<string, unknown>;
export type AnyCollection = RxCollection<Stored>;

export const PHOTOS: CollectionName = 'photos';
/** The collections of the text lane: everything but photos. */
export const TEXT_COLLECTIONS = COLLECTION_NAMES.filter((name) => name !== PHOTOS);
/**
 * Photos read from the store at a time: a photo document is up to 800 KB, so looking at pending
 * photos or at a feed page's photo ids never holds more than a few MB of them in memory.
 */
export const PHOTOS_PER_READ = 16;
export const KEPT_TYPES_KEY = [...KEPT_TYPES].sort().join(',');

/**
 * The field marking which push wrote a revision: `<run>.<batch>`, `run` a random id per
 * replicator, never stored on the kiosk. The pull leaves its own run's marks out of the feed
 * (echoFreeSelector); the village validate_doc_update refuses a write that carries over the
 * mark of the revision it replaces, so a mark always names the writer of its revision.
 */
export const PUSHED_BY = 'pushedBy';

const COUCH_META_FIELDS = [
  '_id',
  '_rev',
  '_revisions',
  '_conflicts',
  '_attachments',
  '_deleted',
  PUSHED_BY,
];

/** A collection of the kiosk database, typed as the replicator handles every collection. */
export function collectionOf(db: KioskDatabase, name: CollectionName): AnyCollection {
  return db.collections[name] as unknown as AnyCollection;
}

/** The regency document of a kiosk document; `pushedBy` marks it as one push's write. */
export function toCouch(doc: Stored, pushedBy?: string): CouchDoc {
  const body = withoutLocalFields(doc) as Record<string, unknown>;
  return {
    ...body,
    _id: doc.id,
    ...(doc.couchRev ? { _rev: doc.couchRev } : {}),
    ...(pushedBy ? { [PUSHED_BY]: pushedBy } : {}),
  };
}

/**
 * The CouchDB 3 `_changes` selector that leaves out the revisions the pushes of `run` wrote:
 * the kiosk holds them already, so their rows need not cross the link. A Mango condition on a
 * missing field does not match on CouchDB, hence the explicit `$exists` for documents written
 * without a mark (regency staff, older kiosks).
 */
export function echoFreeSelector(run: string): Record<string, unknown> {
  return {
    $or: [
      { [PUSHED_BY]: { $exists: false } },
      { $not: { [PUSHED_BY]: { $regex: `^${run.replace(/[^\w-]/g, '')}\\.` } } },
    ],
  };
}

/** A regency document as the kiosk stores it, or null if it fails its type's schema. */
export function fromCouch(name: CollectionName, remote: CouchDoc): Stored | null {
  const body = stripCouchMeta(remote);
  const kept = schemaOfType(remote.type);
  if (kept?.collection !== name) return null;
  const parsed = kept.schema.safeParse(body);
  if (!parsed.success || parsed.data.id !== remote._id) return null;
  return {
    ...(parsed.data as unknown as Stored),
    syncState: 'synced',
    couchRev: String(remote._rev),
    syncError: '',
  };
}

export function stripCouchMeta(remote: CouchDoc): Record<string, unknown> {
  const body: Record<string, unknown> = { ...remote };
  for (const field of COUCH_META_FIELDS) delete body[field];
  return body;
}

/** The `<type>` of an id of the form `<type>:…`. */
function typeOfId(id: string): string {
  return id.slice(0, id.indexOf(':'));
}

export function isPhotoId(id: string): boolean {
  return schemaOfType(typeOfId(id))?.collection === PHOTOS;
}

/** An id of the form `<type>:…` whose type is one of ours but not kept on the kiosk. */
export function isUnkeptTypeId(id: string): boolean {
  const prefix = typeOfId(id);
  return (
    (isVillageDocType(prefix) || isRegencyDocType(prefix)) &&
    !(KEPT_TYPES as readonly string[]).includes(prefix)
  );
}

export function sameContent(a: Stored, b: Stored): boolean {
  return (
    JSON.stringify(canonical(withoutLocalFields(a))) ===
    JSON.stringify(canonical(withoutLocalFields(b)))
  );
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([k]) => !k.startsWith('_'))
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}
