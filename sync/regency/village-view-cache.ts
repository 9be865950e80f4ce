// Each village's view rows, kept between page loads and read again only when the village
// database changed. The regency pages (the Dukcapil list, the dashboard's population charts) read
// one view per village of the regency — 217 view reads for Banyuwangi, each of which makes the
// server check its index against the database (docs/decisions/0021). Asking the database for its
// `update_seq` (`GET /desa_<code>`) is far cheaper; the rows are read again only when it moved.
//
// Correctness: the sequence is read BEFORE the view, so rows stored under a sequence are at least
// that fresh; any write after it moves the sequence and the next load reads the view again. On a
// CouchDB cluster `update_seq` is an opaque string that may differ between two reads of an
// unchanged database (another shard copy answered): that costs a view read, never a stale row.
// Nothing but equality is assumed of the sequence; no `_node/_local` or other node-level call.
import { villageDbName, type VillageCode } from '../../shared/village';
import { couchRequest, type AdminConnection } from '../provision/couch-request';
import { REGENCY_DESIGN_DOC_ID } from '../provision/regency-views';

export interface ViewRow {
  key: unknown[];
  value: Record<string, unknown>;
}

/** 200 with each view's rows, or the HTTP status the server answered instead. */
export type VillageViewsReply =
  { status: 200; views: Record<string, ViewRow[]> } | { status: number; views: null };

export interface VillageViewCache {
  /** These views of `_design/regency` in the village's database (no query: every row). */
  read(
    login: AdminConnection,
    code: VillageCode,
    views: readonly string[],
  ): Promise<VillageViewsReply>;
}

interface Entry {
  seq: string;
  rows: ViewRow[];
}

/** One cache per route (its owner); entries are replaced, never grow past villages × views. */
export function villageViewCache(): VillageViewCache {
  const entries = new Map<string, Entry>();
  return {
    async read(login, code, views) {
      const db = encodeURIComponent(villageDbName(code));
      const info = await couchRequest<{ update_seq?: unknown }>(login, 'GET', db);
      if (info.status !== 200) return { status: info.status, views: null };
      const seq = JSON.stringify(info.body.update_seq ?? null);
      const result: Record<string, ViewRow[]> = {};
      for (const view of views) {
        const key = `${login.url}\n${login.username}\n${db}\n${view}`;
        const known = entries.get(key);
        if (known && known.seq === seq && seq !== 'null') {
          result[view] = known.rows;
          continue;
        }
        const path = `${db}/${REGENCY_DESIGN_DOC_ID}/_view/${view}`;
        const reply = await couchRequest<{ rows?: ViewRow[] }>(login, 'GET', path);
        if (reply.status !== 200) {
          entries.delete(key);
          return { status: reply.status, views: null };
        }
        result[view] = reply.body.rows ?? [];
        entries.set(key, { seq, rows: result[view] });
      }
      return { status: 200, views: result };
    },
  };
}
