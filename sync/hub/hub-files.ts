// Files the hub keeps in its data folder besides the databases. Secrets are written by the
// project's one private-file writer (0600, temp file, fsync, rename), the kiosk host's too.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writePrivateFile } from '../../node-shared/private-files';

export async function readJsonFile(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`Cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
}

/** Writes JSON readable and writable by the owner only (mode 0600), replacing atomically. */
export async function writePrivateJson(path: string, value: unknown): Promise<void> {
  writePrivateFile(path, JSON.stringify(value, null, 2) + '\n');
}

interface ServerFile {
  /** The server uuid CouchDB reports at `/`, kept so it survives restarts. */
  uuid?: string;
  /** Where the hub last listened, for `npm run hub -- add-village` to find it. */
  url?: string;
}

async function readServerFile(dataDir: string): Promise<ServerFile> {
  const stored = await readJsonFile(join(dataDir, 'server.json'));
  return typeof stored === 'object' && stored !== null ? (stored as ServerFile) : {};
}

export async function readOrCreateServerUuid(dataDir: string): Promise<string> {
  const stored = await readServerFile(dataDir);
  if (typeof stored.uuid === 'string') return stored.uuid;
  const uuid = randomUUID().replace(/-/g, '');
  await writePrivateJson(join(dataDir, 'server.json'), { ...stored, uuid });
  return uuid;
}

export async function recordServerUrl(dataDir: string, url: string): Promise<void> {
  const stored = await readServerFile(dataDir);
  await writePrivateJson(join(dataDir, 'server.json'), { ...stored, url });
}

export async function readServerUrl(dataDir: string): Promise<string | undefined> {
  const { url } = await readServerFile(dataDir);
  return typeof url === 'string' ? url : undefined;
}
