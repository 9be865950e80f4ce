// Files the hub keeps in its data folder besides the databases. Secrets are written readable
// by the owner only.
import { randomUUID } from 'node:crypto';
import { chmod, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

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
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(value, null, 2) + '\n', { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, path);
}

/** The server uuid CouchDB reports at `/`; kept so it survives restarts. */
export async function readOrCreateServerUuid(dataDir: string): Promise<string> {
  const path = join(dataDir, 'server.json');
  const stored = (await readJsonFile(path)) as { uuid?: unknown } | undefined;
  if (typeof stored?.uuid === 'string') return stored.uuid;
  const uuid = randomUUID().replace(/-/g, '');
  await writePrivateJson(path, { uuid });
  return uuid;
}
