// pouchdb-node and express-pouchdb ship no type declarations. They are loaded here, once, with
// the narrow types this hub actually relies on, so no ambient `declare module` can clash with
// another part of the project that types PouchDB its own way.
import { createRequire } from 'node:module';
import type { IncomingMessage, ServerResponse } from 'node:http';

const require = createRequire(import.meta.url);

export interface UserCtx {
  name: string | null;
  roles: string[];
  db?: string;
}

export interface SecurityObject {
  admins?: { names?: string[]; roles?: string[] };
  members?: { names?: string[]; roles?: string[] };
}

export interface ChangesResult {
  results: unknown[];
  last_seq: number | string;
}

export interface LiveChanges {
  on(event: 'change', listener: (change: { seq: number }) => void): LiveChanges;
  on(event: 'error', listener: (error: unknown) => void): LiveChanges;
  cancel(): void;
}

export interface PouchDatabase {
  name: string;
  info(): Promise<{ update_seq: number | string }>;
  /** The store's own uuid, made when it was created: a recreated database has a new one. */
  id(): Promise<string>;
  getSecurity(): Promise<SecurityObject>;
  changes(options: Record<string, unknown> & { live: true }): LiveChanges;
  changes(options: Record<string, unknown>): Promise<ChangesResult>;
  close(): Promise<void>;
}

type PouchEvent = 'created' | 'destroyed';

export interface PouchConstructor {
  new (name: string): PouchDatabase;
  defaults(options: { prefix: string }): PouchConstructor;
  /** Not in PouchDB itself: express-pouchdb expects a plugin (or the hub) to provide it. */
  allDbs: (callback?: (error: unknown, names?: string[]) => void) => Promise<string[]>;
  /** Process-wide events, shared by every constructor made with `defaults`. */
  on(event: PouchEvent, listener: (...args: unknown[]) => void): void;
  removeListener(event: PouchEvent, listener: (...args: unknown[]) => void): void;
  listeners(event: PouchEvent): ((...args: unknown[]) => void)[];
}

/** One request's view of express-pouchdb: what its authentication step leaves on the request. */
export interface PouchRequest extends IncomingMessage {
  couchSession?: { userCtx: UserCtx };
  query: Record<string, unknown>;
  path: string;
  body?: unknown;
  /** body-parser's "already parsed" flag: set it and express-pouchdb's JSON parser steps aside. */
  _body?: boolean;
}

export type Middleware = (
  req: PouchRequest,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

export type ErrorMiddleware = (
  error: unknown,
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

interface CouchConfig {
  set(section: string, key: string, value: unknown, callback: (error?: unknown) => void): void;
}

interface DatabaseWrapper {
  registerWrapper(
    wrapper: (name: string, db: Record<string, unknown>, next: () => unknown) => unknown,
  ): void;
}

/** express-pouchdb's application: an Express 4 app plus the parts this hub configures. */
export interface PouchApp {
  (req: IncomingMessage, res: ServerResponse): void;
  use(middleware: Middleware | ErrorMiddleware): void;
  setPouchDB(PouchDB: PouchConstructor): Promise<void>;
  couchConfig: CouchConfig;
  dbWrapper: DatabaseWrapper;
  /** Express 4's router; read to place the access guard right after authentication. */
  _router: { stack: { name: string }[] };
}

export interface PouchAppOptions {
  mode: 'fullCouchDB';
  overrideMode: { exclude: string[] };
  inMemoryConfig: boolean;
  logPath: string;
}

export const PouchDB = require('pouchdb-node') as PouchConstructor;

export const expressPouchDB = require('express-pouchdb') as (options: PouchAppOptions) => PouchApp;

/**
 * express-pouchdb's cache of open databases. The hub's own layers take databases from it too,
 * so they see exactly what express-pouchdb's routes see, and a deleted database is forgotten
 * by both at once.
 */
export const getOrCreateDB = (
  require('express-pouchdb/lib/create-or-delete-dbs') as {
    getOrCreateDB(PouchDB: PouchConstructor, name: string): Promise<PouchDatabase>;
  }
).getOrCreateDB;

/**
 * How express-pouchdb turns a URL's database name into a store name (sanitize-filename: it
 * drops `:` `?` `"` `/` and trailing dots or spaces). Whoever checks access must check the same
 * name, or `/desa_X%3A/...` is checked as one database and served as another.
 */
export const cleanFilename = require('express-pouchdb/lib/clean-filename') as (
  name: string,
) => string;
