// What `npm run hub` takes from its environment, and the admin account it keeps in its folder.
import { join, resolve } from 'node:path';
import { connectionFromUrl, generatePassword, type AdminConnection } from '../provision/provision';
import { readJsonFile, readServerUrl, writePrivateJson } from './hub-files';

export interface HubSettings {
  dataDir: string;
  port: number;
  host: string;
}

export interface AdminAccount {
  username: string;
  password: string;
  /** Where it came from, to tell the operator where to find it again. */
  source: string;
}

export function hubSettings(env: NodeJS.ProcessEnv): HubSettings {
  const port = Number(env.BALAI_HUB_PORT || 5984);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`BALAI_HUB_PORT must be a port number (0-65535), not "${env.BALAI_HUB_PORT}".`);
  }
  return {
    dataDir: resolve(env.BALAI_HUB_DATA || join('.data', 'hub')),
    port,
    // Loopback unless the operator opens it to the regency's network on purpose.
    host: env.BALAI_HUB_HOST || '127.0.0.1',
  };
}

/**
 * The hub's admin: from BALAI_HUB_ADMIN and BALAI_HUB_PASSWORD when both are set, else from
 * `<dataDir>/admin.json`, else generated once and stored there (mode 0600) when `create` is set.
 */
export async function adminAccount(
  env: NodeJS.ProcessEnv,
  dataDir: string,
  create: boolean,
): Promise<AdminAccount> {
  const { BALAI_HUB_ADMIN: username, BALAI_HUB_PASSWORD: password } = env;
  if (username && password)
    return { username, password, source: 'BALAI_HUB_ADMIN / BALAI_HUB_PASSWORD' };
  if (username || password) {
    throw new Error('Set BALAI_HUB_ADMIN and BALAI_HUB_PASSWORD together, or neither.');
  }
  const path = join(dataDir, 'admin.json');
  const stored = (await readJsonFile(path)) as Partial<AdminAccount> | undefined;
  if (typeof stored?.username === 'string' && typeof stored.password === 'string') {
    return { username: stored.username, password: stored.password, source: path };
  }
  if (stored !== undefined) throw new Error(`${path} should hold {"username": …, "password": …}.`);
  if (!create) throw new Error(`No admin account in ${path}: start the hub first (npm run hub).`);
  const generated = { username: 'admin', password: generatePassword() };
  await writePrivateJson(path, generated);
  return { ...generated, source: path };
}

/**
 * The server a provisioning command works on: `--server <url-with-admin-credentials>` (any
 * CouchDB 3.x or hub), else the hub last run from the data folder, with its admin.
 */
export async function commandConnection(
  env: NodeJS.ProcessEnv,
  server: string | undefined,
): Promise<{ connection: AdminConnection; dataDir: string | null }> {
  if (server) return { connection: connectionFromUrl(server), dataDir: null };
  const settings = hubSettings(env);
  const admin = await adminAccount(env, settings.dataDir, false);
  const url = await readServerUrl(settings.dataDir);
  if (!url) throw new Error(`No hub has run from ${settings.dataDir}: start it with npm run hub.`);
  return {
    connection: { url, username: admin.username, password: admin.password },
    dataDir: settings.dataDir,
  };
}
