// Who may do what on the hub, decided before express-pouchdb sees the request. express-pouchdb
// checks `_security` inside some PouchDB methods only, and measured holes remain (see
// docs/decisions/0001-embedded-hub.md): `_bulk_get` and `_find` served anyone, a member could
// rewrite `_local/_security` (where pouchdb-security keeps the security object) to admit other
// villages, a user could grant themselves roles through their own `_users` document, and a
// non-admin `PUT /newdb` wedged every later database request. So the rules are enforced here,
// for every route, in the way CouchDB 3 enforces them.
import { couchError, sendCouchError, type CouchError } from './couch-json';
import {
  cleanFilename,
  getOrCreateDB,
  type Middleware,
  type PouchConstructor,
  type SecurityObject,
  type UserCtx,
} from './vendor';

const ANONYMOUS: UserCtx = { name: null, roles: [] };

/** Server-level paths a non-admin may use: log in, get ids, load the admin UI's static files. */
const OPEN_SERVER_PATHS: Record<string, string[]> = {
  _session: ['GET', 'HEAD', 'POST', 'DELETE'],
  _uuids: ['GET', 'HEAD'],
  _utils: ['GET', 'HEAD'],
};

/** CouchDB's rule for database names, less `/`, which express-pouchdb cannot store. */
const COUCH_DB_NAME = /^[a-z][a-z0-9_$()+-]*$/;

/** Where pouchdb-security stores a database's `_security`; only server admins may touch it. */
const SECURITY_STORAGE_ID = '_local/_security';

export function accessGuard(Pouch: PouchConstructor): Middleware {
  return (req, res, next) => {
    const userCtx = req.couchSession?.userCtx ?? ANONYMOUS;
    accessProblem(Pouch, userCtx, req.method ?? 'GET', req.path).then(
      (problem) => (problem ? sendCouchError(res, problem) : next()),
      next,
    );
  };
}

async function accessProblem(
  Pouch: PouchConstructor,
  userCtx: UserCtx,
  method: string,
  path: string,
): Promise<CouchError | null> {
  if (userCtx.roles.includes('_admin')) return null;
  // The request frame check already rejected paths that do not decode.
  const [first, ...rest] = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (first === undefined) return null;
  if (first.startsWith('_')) {
    if (Object.hasOwn(OPEN_SERVER_PATHS, first) && OPEN_SERVER_PATHS[first]!.includes(method)) {
      return null;
    }
    if (first === '_users' && isOwnUserDocRead(userCtx, method, rest)) return null;
    return notServerAdmin(userCtx);
  }
  if (!COUCH_DB_NAME.test(first) || cleanFilename(first) !== first) {
    // express-pouchdb would serve such a name as another database: see cleanFilename.
    return couchError(400, 'illegal_database_name', `"${first}" is not a database name.`);
  }
  if (rest.length === 0 && (method === 'PUT' || method === 'DELETE')) {
    return notServerAdmin(userCtx);
  }
  // A database that does not exist is left to express-pouchdb, which answers 404.
  if (!(await Pouch.allDbs()).includes(first)) return null;
  const security = await (await getOrCreateDB(Pouch, first)).getSecurity();
  if (!isMember(userCtx, security)) {
    return userCtx.name === null
      ? couchError(401, 'unauthorized', 'You are not authorized to access this db.')
      : couchError(403, 'forbidden', 'You are not allowed to access this db.');
  }
  const docPath = rest.join('/');
  if (docPath === SECURITY_STORAGE_ID || docPath.startsWith(SECURITY_STORAGE_ID + '/')) {
    return couchError(
      403,
      'forbidden',
      'This document holds _security; only a server admin may use it.',
    );
  }
  return null;
}

/** CouchDB lets a user read their own `_users` document; the hub allows nothing more. */
function isOwnUserDocRead(userCtx: UserCtx, method: string, rest: string[]): boolean {
  return (
    userCtx.name !== null &&
    (method === 'GET' || method === 'HEAD') &&
    rest.length === 1 &&
    rest[0] === `org.couchdb.user:${userCtx.name}`
  );
}

function notServerAdmin(userCtx: UserCtx): CouchError {
  return userCtx.name === null
    ? couchError(401, 'unauthorized', 'You are not a server admin.')
    : couchError(403, 'forbidden', 'You are not a server admin.');
}

/**
 * A database member or database admin, by name or role. A database whose `_security` names no
 * members is for admins only, which is CouchDB 3's default for new databases.
 */
export function isMember(userCtx: UserCtx, security: SecurityObject): boolean {
  const named = (section: SecurityObject['members']) =>
    (userCtx.name !== null && (section?.names ?? []).includes(userCtx.name)) ||
    (section?.roles ?? []).some((role) => userCtx.roles.includes(role));
  return named(security.members) || named(security.admins);
}

type Method = (...args: unknown[]) => unknown;

/**
 * A database wrapper (see express-pouchdb's dbWrapper) refusing writes of `_local/_security`
 * by anyone but a server admin. The path check above cannot see it: the document id of a write
 * may come from the body (`_bulk_docs`, `POST /db`, a PUT body's `_id`, COPY's Destination).
 * Calls without a user context are the hub's own (pouchdb-security's putSecurity) and pass.
 */
export function lockSecurityStorage(db: Record<string, unknown>): void {
  for (const name of ['put', 'post', 'remove', 'bulkDocs']) {
    const original = db[name] as Method;
    db[name] = function (this: unknown, ...args: unknown[]) {
      if (!writesSecurityStorage(name, args) || callerIsServerAdmin(args)) {
        return original.apply(this, args);
      }
      const error = {
        status: 403,
        name: 'forbidden',
        message: 'Only a server admin may change _security.',
      };
      const callback = args.find((arg): arg is Method => typeof arg === 'function');
      if (callback) {
        callback(error);
        return undefined;
      }
      return Promise.reject(error);
    };
  }
}

function writesSecurityStorage(method: string, args: unknown[]): boolean {
  const [first] = args;
  const docs =
    method === 'bulkDocs'
      ? Array.isArray(first)
        ? first
        : (first as { docs?: unknown } | null)?.docs
      : [first];
  if (!Array.isArray(docs)) return false;
  return docs.some((doc) => {
    const id = typeof doc === 'string' ? doc : (doc as { _id?: unknown } | null)?._id;
    return id === SECURITY_STORAGE_ID;
  });
}

function callerIsServerAdmin(args: unknown[]): boolean {
  // Options are the first object after the document(s); never search the document itself,
  // whose fields the client chose (a forged `userCtx` in a `_bulk_docs` body, say).
  const options = args
    .slice(1)
    .find((arg): arg is { userCtx?: UserCtx } => typeof arg === 'object' && arg !== null);
  if (!options?.userCtx) return true;
  return options.userCtx.roles.includes('_admin');
}
