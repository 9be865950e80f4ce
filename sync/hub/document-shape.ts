// The shape checks CouchDB makes on a document and a `_find` query before it touches the
// database, made here because PouchDB makes them late or not at all: an unknown `_` member, a
// numeric `_rev` or `_attachments: {a: 5}` failed inside PouchDB as a 500 (a TypeError), and
// pouchdb-find ran a list as a selector and took any `limit`. Answers are CouchDB's 400s.

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The `_` members CouchDB accepts in a document body. */
const SPECIAL_MEMBERS = new Set([
  '_id',
  '_rev',
  '_deleted',
  '_attachments',
  '_revisions',
  '_conflicts',
  '_deleted_conflicts',
  '_local_seq',
  '_revs_info',
]);

const REV = /^\d+-[0-9a-f]+$/i;

/** Why `doc` is not a document CouchDB would store, or null. */
export function documentProblem(doc: unknown): string | null {
  if (!isObject(doc)) return 'Document must be a JSON object';
  for (const key of Object.keys(doc)) {
    if (key.startsWith('_') && !SPECIAL_MEMBERS.has(key)) {
      return `Bad special document member: ${key}`;
    }
  }
  if ('_id' in doc && typeof doc._id !== 'string') return 'Document id must be a string';
  if ('_rev' in doc && (typeof doc._rev !== 'string' || !REV.test(doc._rev))) {
    return 'Invalid rev format';
  }
  if ('_deleted' in doc && typeof doc._deleted !== 'boolean')
    return '_deleted must be true or false';
  if ('_attachments' in doc) {
    const attachments = doc._attachments;
    if (!isObject(attachments) || !Object.values(attachments).every(isAttachment)) {
      return '_attachments must map names to objects with base64 data, or stubs';
    }
  }
  if ('_revisions' in doc) {
    const revisions = doc._revisions;
    if (
      !isObject(revisions) ||
      !Number.isSafeInteger(revisions.start) ||
      !Array.isArray(revisions.ids) ||
      !revisions.ids.every((id) => typeof id === 'string')
    ) {
      return "_revisions must have an integer 'start' and a list of 'ids'";
    }
  }
  return null;
}

function isAttachment(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (value.stub === true) return true;
  return (
    typeof value.data === 'string' &&
    (value.content_type === undefined || typeof value.content_type === 'string')
  );
}

/** Mango operators CouchDB 3 knows; any other `$` key is its 400 "Invalid operator". */
const OPERATORS = new Set([
  '$and',
  '$or',
  '$nor',
  '$not',
  '$all',
  '$elemMatch',
  '$allMatch',
  '$keyMapMatch',
  '$lt',
  '$lte',
  '$eq',
  '$ne',
  '$gte',
  '$gt',
  '$exists',
  '$type',
  '$in',
  '$nin',
  '$size',
  '$mod',
  '$regex',
  '$beginsWith',
]);

/** Why a `_find`/`_explain` body is not a query CouchDB would run, or null. */
export function findProblem(body: unknown): string | null {
  if (!isObject(body)) return 'Request body must be a JSON object';
  if (!isObject(body.selector)) return "'selector' must be a JSON object";
  const operator = unknownOperator(body.selector);
  if (operator !== null) return `Invalid operator: ${operator}`;
  for (const key of ['limit', 'skip'] as const) {
    const value = body[key];
    if (value !== undefined && !(Number.isSafeInteger(value) && (value as number) >= 0)) {
      return `'${key}' must be a whole number, 0 or more`;
    }
  }
  if (
    body.fields !== undefined &&
    !(Array.isArray(body.fields) && body.fields.every((field) => typeof field === 'string'))
  ) {
    return "'fields' must be a list of field names";
  }
  if (body.sort !== undefined && !Array.isArray(body.sort)) return "'sort' must be a list";
  const useIndex = body.use_index;
  if (useIndex !== undefined && typeof useIndex !== 'string' && !Array.isArray(useIndex)) {
    return "'use_index' must be a name or a list";
  }
  return null;
}

/** Operators CouchDB 3 knows that PouchDB's matcher, which runs `_changes` selectors, does not. */
const NOT_RUN_BY_POUCHDB = new Set(['$keyMapMatch', '$beginsWith']);

/** Why a `_changes` selector is not one the hub can run as CouchDB would, or null. */
export function changesSelectorProblem(selector: unknown): string | null {
  if (!isObject(selector)) return 'Selector must be specified in POST payload';
  const operator = unknownOperator(selector);
  if (operator !== null) return `Invalid operator: ${operator}`;
  const json = JSON.stringify(selector);
  for (const unsupported of NOT_RUN_BY_POUCHDB) {
    if (json.includes(`"${unsupported}"`)) {
      return `${unsupported} is not supported by the Balai hub in a _changes selector.`;
    }
  }
  return null;
}

/** The first `$` key that is not an operator, anywhere in the selector (depth is bounded). */
function unknownOperator(value: unknown): string | null {
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = unknownOperator(item);
      if (found !== null) return found;
    }
    return null;
  }
  if (!isObject(value)) return null;
  for (const [key, inner] of Object.entries(value)) {
    if (key.startsWith('$') && !OPERATORS.has(key)) return key;
    const found = unknownOperator(inner);
    if (found !== null) return found;
  }
  return null;
}
