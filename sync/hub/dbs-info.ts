// `POST /_dbs_info` with `{"keys": [...]}`, answered as CouchDB 3.2+ answers it: one row per
// name, `{key, info}` for a database, `{key, error: "not_found"}` otherwise, at most 100 names a
// request (CouchDB's default `max_db_number_for_dbs_info_req`). The regency pages ask it for
// every village's `update_seq` in a few requests instead of one per village
// (sync/regency/village-view-cache.ts, docs/decisions/0021). Server admins only: the access
// guard refuses every other caller before this runs, as CouchDB 3 does by default.
import { couchError, sendCouchError, sendJson } from './couch-json';
import { readJsonObject } from './request-bodies';
import { cleanFilename, getOrCreateDB, type Middleware, type PouchConstructor } from './vendor';

export const MAX_DBS_INFO_KEYS = 100;

export function dbsInfo(Pouch: PouchConstructor): Middleware {
  return (req, res, next) => {
    if (req.path !== '/_dbs_info' || req.method !== 'POST') return next();
    void (async () => {
      const parsed = await readJsonObject(req);
      if ('problem' in parsed) return sendCouchError(res, parsed.problem);
      const keys = parsed.body.keys;
      if (!Array.isArray(keys) || !keys.every((k): k is string => typeof k === 'string')) {
        return sendCouchError(res, couchError(400, 'bad_request', '`keys` member must exist.'));
      }
      if (keys.length > MAX_DBS_INFO_KEYS) {
        return sendCouchError(
          res,
          couchError(400, 'bad_request', 'Too many databases specified in request'),
        );
      }
      // Only existing databases: opening an unknown name through the cache would create it.
      const existing = new Set(await Pouch.allDbs());
      const rows = await Promise.all(
        keys.map(async (key) => {
          if (cleanFilename(key) !== key || !existing.has(key)) {
            return { key, error: 'not_found' };
          }
          const db = await getOrCreateDB(Pouch, key);
          return { key, info: await db.info() };
        }),
      );
      sendJson(res, 200, rows);
    })().catch(next);
  };
}
