// Which databases exist is read from the data folder itself: every LevelDB store is a folder
// holding a CURRENT file. express-pouchdb would otherwise install pouchdb-all-dbs, which keeps
// its own list in a bookkeeping database fed by PouchDB's process-wide `created` event, so two
// hubs in one process (as in a test run) would each list the other's databases.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Stores PouchDB keeps for itself (bookkeeping, view indexes): never shown as databases. */
function isInternal(name: string): boolean {
  return name.startsWith('pouch__') || name.includes('-mrview-');
}

/** Every LevelDB store in the folder, internal ones included. */
export async function listStores(dataDir: string): Promise<string[]> {
  const entries = await readdir(dataDir, { withFileTypes: true });
  const stores = await Promise.all(
    entries
      .filter((entry) => entry.isDirectory())
      .map(async (entry) => {
        const isStore = await stat(join(dataDir, entry.name, 'CURRENT')).then(
          () => true,
          () => false,
        );
        return isStore ? entry.name : null;
      }),
  );
  return stores.filter((name): name is string => name !== null).sort();
}

type Callback = (error: unknown, names?: string[]) => void;

interface PouchEvents {
  on(event: 'created' | 'destroyed', listener: () => void): void;
  removeListener(event: 'created' | 'destroyed', listener: () => void): void;
}

/**
 * An `allDbs` for one hub's PouchDB constructor. The listing is cached until PouchDB reports any
 * database created or destroyed (in any hub of the process: a spare refresh costs one readdir).
 */
export function folderAllDbs(
  dataDir: string,
  events: PouchEvents,
): { allDbs: (callback?: Callback) => Promise<string[]>; dispose(): void } {
  let cached: Promise<string[]> | null = null;
  const forget = () => {
    cached = null;
  };
  events.on('created', forget);
  events.on('destroyed', forget);
  const allDbs = (callback?: Callback) => {
    cached ??= listStores(dataDir).then((names) => names.filter((name) => !isInternal(name)));
    const listing = cached;
    listing.catch(forget);
    // express-pouchdb calls it both ways: with a Node callback and as a promise.
    if (callback) listing.then((names) => callback(null, names), callback);
    return listing;
  };
  const dispose = () => {
    events.removeListener('created', forget);
    events.removeListener('destroyed', forget);
  };
  return { allDbs, dispose };
}
