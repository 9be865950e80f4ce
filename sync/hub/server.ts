// The embedded regency hub: express-pouchdb over PouchDB's LevelDB storage, speaking the
// CouchDB HTTP API on one machine (docs/PRINCIPLES.md §4). express-pouchdb supplies the protocol; the
// layers added here make it safe to expose: request-frame checks in front, then, right after
// express-pouchdb's authentication, the access guard, body checks and the hub's own _changes.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdir } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { accessGuard, lockSecurityStorage } from './access-guard';
import { authLockout, DEFAULT_LOCKOUT, type LockoutOptions } from './auth-lockout';
import { keepSentRevisions } from './sent-revisions';
import { keepBulkDocsOrder } from './bulk-docs-order';
import { answerConflictsFirst } from './conflicts-first';
import { changesFeed } from './changes-feed';
import { dbsInfo } from './dbs-info';
import { couchError, sendCouchError } from './couch-json';
import { folderAllDbs, listStores } from './database-folders';
import { readOrCreateServerUuid } from './hub-files';
import { checkRequestBodies } from './request-bodies';
import { checkRequestQueries } from './request-queries';
import { limitChunkedBody, requestFrameProblem } from './request-frame';
import { dashboardRoute, isDashboardRequest } from '../regency/dashboard-route';
import { dukcapilRoute, isDukcapilRequest } from '../regency/dukcapil-route';
import { isVerificationRequest, verificationRoute } from '../regency/verification-route';
import { watchConflicts, type ConflictWatch } from '../regency/conflict-watch';
import { adminRoute, isAdminRequest } from '../regency/admin-route';
import {
  expressPouchDB,
  PouchDB,
  type ErrorMiddleware,
  type Middleware,
  type PouchApp,
} from './vendor';

export interface HubOptions {
  /** 0 picks a free port. */
  port: number;
  /** Default 127.0.0.1: the hub is for loopback unless told otherwise. */
  host?: string;
  dataDir: string;
  admin: { username: string; password: string };
  log?: (line: string) => void;
  /** Request bodies above this many bytes are answered 413 (default 4 MiB). */
  maxBodyBytes?: number;
  /** A client must have sent its request headers within this (default 20 s). */
  headersTimeoutMs?: number;
  /** A client must have sent its whole request, body included, within this (default 300 s). */
  requestTimeoutMs?: number;
  /** CouchDB's `[chttpd_auth_lockout]` (auth-lockout.ts); default 5 failures, 5 minutes. */
  authLockout?: LockoutOptions;
  /** A route answered before the CouchDB API; it returns false for requests that are not its. */
  extraRoute?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /**
   * Run the conflict pass continuously from every village's `_changes` (decision 0022); the
   * dashboard and the Dukcapil back office wait for a running pass before they read.
   */
  watchConflicts?: boolean;
}

export interface RunningHub {
  /** The server root, e.g. `http://127.0.0.1:5984/`: trailing slash, no credentials. */
  url: string;
  port: number;
  close(): Promise<void>;
}

export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
/**
 * Slowloris defence: headers are a few hundred bytes, so 20 s is generous even on a village
 * link. A whole request may be a 4 MiB push: 300 s lets it through at about 110 kbit/s.
 * These bound receiving the request only; a long poll's answer may take as long as it needs.
 */
export const DEFAULT_HEADERS_TIMEOUT_MS = 20_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 300_000;

/**
 * express-pouchdb parts left out. The HTTP request log is noise; the rest are surface the
 * kiosk never uses and CouchDB 3 has dropped or deprecated: server-side replication (it let a
 * member copy a village database into a new, unprotected one), temporary views (arbitrary code
 * from any member), design-document show/list/update/rewrite functions and vhosts (they read
 * request bodies with no size limit), runtime `_config` (the admin comes from admin.json), and
 * the "special test authentication" backdoor of CouchDB's own test suite.
 */
const EXCLUDED_PARTS = [
  'routes/http-log',
  'routes/log',
  'routes/config',
  'routes/special-test-auth',
  'replicator',
  'routes/replicate',
  'routes/temp-views',
  'routes/show',
  'routes/list',
  'routes/update',
  'routes/rewrite',
  'routes/vhosts',
];

export async function startHub(options: HubOptions): Promise<RunningHub> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => {});
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const dataDir = resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });

  const Pouch = PouchDB.defaults({ prefix: dataDir + sep });
  await claimFolder(Pouch, dataDir);
  const folders = folderAllDbs(dataDir, Pouch);
  Pouch.allDbs = folders.allDbs;

  const app = expressPouchDB({
    mode: 'fullCouchDB',
    overrideMode: { exclude: EXCLUDED_PARTS },
    inMemoryConfig: true,
    logPath: join(dataDir, 'log.txt'),
  });
  const listenersBefore = new Set(pouchListeners().map(([, listener]) => listener));
  await app.setPouchDB(Pouch);
  const hubListeners = pouchListeners().filter(([, listener]) => !listenersBefore.has(listener));
  /** Gives back what this hub holds in the process: its event listeners and LevelDB stores. */
  const release = async () => {
    folders.dispose();
    for (const [event, listener] of hubListeners) PouchDB.removeListener(event, listener);
    await closeStores(Pouch, dataDir);
  };

  await setConfig(app, 'admins', options.admin.username, options.admin.password);
  await setConfig(app, 'couchdb', 'max_document_size', maxBodyBytes);
  // A stable server uuid: PouchDB derives replication checkpoint ids from it.
  await setConfig(app, 'couchdb', 'uuid', await readOrCreateServerUuid(dataDir));
  app.dbWrapper.registerWrapper((name, db, next) => {
    // express-pouchdb fills `userCtx.db` (which validate_doc_update reads to know its database)
    // from `_db_name`, a field PouchDB 9 no longer has: without this it is always missing.
    db._db_name = name;
    lockSecurityStorage(db);
    keepBulkDocsOrder(db);
    keepSentRevisions(db);
    answerConflictsFirst(db);
    return next();
  });
  insertAfterAuthentication(app, [
    accessGuard(Pouch),
    checkRequestQueries(),
    checkRequestBodies(),
    changesFeed(Pouch),
    dbsInfo(Pouch),
  ]);
  app.use(answerErrorsAsJson(log));

  let selfUrl = '';
  let conflictWatch: ConflictWatch | null = null;
  const beforeRead = async () => conflictWatch?.settled();
  // The regency dashboard (docs/decisions/0006): a staff or admin login, checked by this hub.
  const dashboard = dashboardRoute({
    serverUrl: () => selfUrl,
    dataLogin: {
      ...options.admin,
      get url() {
        return selfUrl;
      },
    },
    requireLogin: true,
    beforeRead,
  });
  // The Dukcapil back office (docs/decisions/0018): a Dukcapil officer's login, checked by this hub.
  const dukcapil = dukcapilRoute({
    serverUrl: () => selfUrl,
    adminLogin: { ...options.admin, url: '' },
    beforeRead,
  });
  // The public letter verification page (docs/decisions/0015): no login, keys read as the admin.
  const verification = verificationRoute({ login: () => ({ ...options.admin, url: selfUrl }) });
  // The regency's administration pages (docs/decisions/0028): a regency admin's login.
  const administration = adminRoute({
    serverUrl: () => selfUrl,
    adminLogin: { ...options.admin, url: '' },
  });
  const headersTimeout = options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS;
  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const serverOptions = {
    headersTimeout,
    requestTimeout: Math.max(requestTimeout, headersTimeout),
    // Node checks both timeouts only this often (default 30 s, longer than a short timeout).
    connectionsCheckingInterval: Math.min(1_000, headersTimeout),
  };
  const lockout = authLockout(options.authLockout ?? DEFAULT_LOCKOUT);
  const server = createServer(serverOptions, (req: IncomingMessage, res: ServerResponse) => {
    if (options.extraRoute?.(req, res)) return;
    // Before the frame check: the back office's decision form is multipart (a PDF), which
    // express-pouchdb must never see; the route reads it itself, bounded.
    if (isDukcapilRequest(req)) return dukcapil(req, res);
    if (isAdminRequest(req)) return administration(req, res);
    const problem = requestFrameProblem(req, maxBodyBytes);
    if (problem) return sendCouchError(res, problem);
    limitChunkedBody(req, res, maxBodyBytes);
    if (isDashboardRequest(req)) return dashboard(req, res);
    if (isVerificationRequest(req)) return verification(req, res);
    res.on('finish', () => {
      if (res.statusCode >= 500) log(`${req.method} ${req.url} answered ${res.statusCode}`);
    });
    lockout.screen(req, res).then(
      (proceed) => proceed && app(req, res),
      () => res.destroy(), // the client went away while sending its login
    );
  });
  const port = await listen(server, options.port, host).catch(async (error: unknown) => {
    await release();
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new Error(`Cannot listen on ${host}:${options.port} (${code}).`, { cause: error });
  });
  log(`hub listening on ${host}:${port}, data in ${dataDir}`);
  const selfHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  selfUrl = `http://${selfHost.includes(':') ? `[${selfHost}]` : selfHost}:${port}/`;
  if (options.watchConflicts) {
    conflictWatch = watchConflicts(() => ({ ...options.admin, url: selfUrl }), {
      log,
      onResolved: (removed) =>
        log(`conflict pass: ${removed.length} forbidden revision(s) removed`),
    });
  }

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await conflictWatch?.stop();
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
      await release();
    })());

  return { url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`, port, close };
}

/**
 * LevelDB lets one process open a folder. Opening `_users` first turns a second hub on the same
 * folder into a plain error here, instead of an uncaught one deep inside express-pouchdb.
 */
async function claimFolder(Pouch: typeof PouchDB, dataDir: string): Promise<void> {
  try {
    await new Pouch('_users').info();
  } catch (error) {
    throw new Error(
      `Cannot open the hub's data in ${dataDir} (${(error as Error).message}). ` +
        'Is another hub running on this folder?',
      { cause: error },
    );
  }
}

function setConfig(app: PouchApp, section: string, key: string, value: unknown): Promise<void> {
  return new Promise((done, fail) =>
    app.couchConfig.set(section, key, value, (error) => (error ? fail(error) : done())),
  );
}

/**
 * Puts the hub's middleware right after express-pouchdb's authentication step (the layer after
 * its cookie parser), where the user is known and no route has run yet. express-pouchdb offers
 * no hook there; the version is pinned, and a changed layout fails loudly at start.
 */
function insertAfterAuthentication(app: PouchApp, middlewares: Middleware[]): void {
  const stack = app._router.stack;
  const cookieParserAt = stack.findIndex((layer) => layer.name === 'cookieParser');
  if (cookieParserAt < 0 || stack[cookieParserAt + 1]?.name !== '<anonymous>') {
    throw new Error('express-pouchdb changed: its authentication step was not found.');
  }
  for (const middleware of middlewares) app.use(middleware);
  const added = stack.splice(stack.length - middlewares.length, middlewares.length);
  stack.splice(cookieParserAt + 2, 0, ...added);
}

/** express-pouchdb passes some failures to Express, whose default answer is an HTML page. */
function answerErrorsAsJson(log: (line: string) => void): ErrorMiddleware {
  // Express tells an error handler by its four parameters, so `_next` must stay.
  return (error, req, res, _next) => {
    const status = (error as { status?: unknown })?.status;
    const isClientError = typeof status === 'number' && status >= 400 && status < 500;
    if (!isClientError) log(`${req.method} ${req.url} failed: ${String(error)}`);
    sendCouchError(
      res,
      isClientError
        ? couchError(status, 'bad_request', String((error as Error).message ?? error))
        : couchError(500, 'internal_server_error', 'The hub could not handle this request.'),
    );
  };
}

function listen(
  server: ReturnType<typeof createServer>,
  port: number,
  host: string,
): Promise<number> {
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      const address = server.address();
      done(typeof address === 'object' && address ? address.port : port);
    });
  });
}

type PouchEvent = 'created' | 'destroyed';

/** Listeners on PouchDB's process-wide events, to take back the ones one hub added. */
function pouchListeners(): [PouchEvent, (...args: unknown[]) => void][] {
  return (['created', 'destroyed'] as const).flatMap((event) =>
    PouchDB.listeners(event).map((listener) => [event, listener] as [PouchEvent, typeof listener]),
  );
}

/** Closes every LevelDB store in the folder, so its locks are released and it can be reopened. */
async function closeStores(Pouch: typeof PouchDB, dataDir: string): Promise<void> {
  for (const name of await listStores(dataDir)) {
    // Same-named PouchDB objects share one LevelDB handle: closing one closes the store.
    await new Pouch(name).close().catch(() => {});
  }
}
