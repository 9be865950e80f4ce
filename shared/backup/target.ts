// What this build of the kiosk accepts in a backup: its collections, their schema versions, and
// the zod schema of every document type it keeps.
import { COLLECTIONS, COLLECTION_NAMES, schemaOfType } from '../documents/collections';
import type { RestoreTarget } from './format';

export function schemaVersions(): Record<string, number> {
  return Object.fromEntries(COLLECTION_NAMES.map((name) => [name, COLLECTIONS[name].version]));
}

export function restoreTargetFor(villageCode: string): RestoreTarget {
  return { villageCode, schemaVersions: schemaVersions(), schemaOf: schemaOfType };
}
