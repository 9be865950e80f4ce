// The CouchDB-protocol server integration suites run against: the CouchDB named by COUCHDB_URL,
// or else a fresh embedded hub, so every suite runs unchanged against both.
import { randomBytes, randomInt } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VillageCode } from '../../shared/village';
import { startHub } from '../../sync/hub/server';
import { basicAuth, connectionFromUrl } from '../../sync/provision/couch-request';

export { basicAuth };

export interface CouchServer {
  /** The server root: trailing slash, no credentials. */
  url: string;
  admin: { username: string; password: string };
  kind: 'hub' | 'couchdb';
  stop(): Promise<void>;
}

/** Which server `startCouchServer` gives, known before any starts (for `it.skipIf`). */
export const couchServerKind: CouchServer['kind'] = process.env.COUCHDB_URL ? 'couchdb' : 'hub';

/**
 * When COUCHDB_URL is set (e.g. http://admin:secret@127.0.0.1:5984), use that server (admin
 * credentials from the URL; stop() does nothing); otherwise start the embedded hub on a free
 * loopback port with a fresh temp data dir (stop() closes it and removes the dir).
 */
export async function startCouchServer(options: { port?: number } = {}): Promise<CouchServer> {
  if (couchServerKind === 'couchdb') {
    const { url, username, password } = connectionFromUrl(process.env.COUCHDB_URL!);
    return { url, admin: { username, password }, kind: 'couchdb', stop: async () => {} };
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'balai-hub-'));
  const admin = { username: 'admin', password: randomBytes(12).toString('hex') };
  const hub = await startHub({ port: options.port ?? 0, dataDir, admin });
  return {
    url: hub.url,
    admin,
    kind: 'hub',
    stop: async () => {
      await hub.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A random, valid 10-digit village code so suites never collide on a shared CouchDB. */
export function uniqueVillageCode(): VillageCode {
  // Province 99 does not exist, so a test village can never be mistaken for a real one.
  return `99${String(randomInt(0, 100_000_000)).padStart(8, '0')}` as VillageCode;
}

export interface Login {
  username: string;
  password: string;
}

export interface CouchAnswer<T> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * One request to the server as `login` (null: anonymous). An object body is sent as JSON, a
 * string as it is (to send malformed JSON); the answer is parsed as JSON when it is JSON.
 */
export async function couchCall<T = Record<string, unknown>>(
  server: { url: string },
  login: Login | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<CouchAnswer<T>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (login) headers.Authorization = basicAuth(login.username, login.password);
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(server.url + path, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: the test sees the text itself.
  }
  return { status: response.status, body: parsed as T, headers: response.headers };
}
