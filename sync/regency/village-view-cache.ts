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
import type { LawfulViewName } from '../provision/regency-views';
import { mapLimited } from './dashboard-data';
import { readConflictedIds, readLawfulView } from './lawful-view';

export interface ViewRow {
  key: unknown[];
  value: Record<string, unknown>;
}

/** 200 with each view's rows, or the HTTP status the server answered instead. */
export type VillageViewsReply =
  { status: 200; views: Record<string, ViewRow[]> } | { status: number; views: null };

export interface VillageViewCache {
  /**
   * These views of `_design/regency` (no query: every row) for each village, in the villages'
   * order; `concurrency` view reads at once.
   */
  readAll(
    login: AdminConnection,
    codes: readonly VillageCode[],
    views: readonly LawfulViewName[],
    concurrency?: number,
  ): Promise<VillageViewsReply[]>;
}

interface Entry {
  seq: string;
  rows: ViewRow[];
}

/** A database's `update_seq` as text, or the HTTP status answered instead. */
type SeqReply = { status: 200; seq: string } | { status: number; seq: null };

/** One cache per route (its owner); entries are replaced, never grow past villages × views. */
export function villageViewCache(): VillageViewCache {
  const entries = new Map<string, Entry>();
  // Whether the server answers `POST /_dbs_info` (CouchDB 3.2+, the hub); learnt once.
  let dbsInfo: boolean | null = null;

  const seqOf = (value: unknown): string => JSON.stringify(value ?? null);

  async function seqsOneByOne(
    login: AdminConnection,
    codes: readonly VillageCode[],
    limit: number,
  ) {
    return mapLimited(codes, limit, async (code): Promise<SeqReply> => {
      const info = await couchRequest<{ update_seq?: unknown }>(
        login,
        'GET',
        encodeURIComponent(villageDbName(code)),
      );
      return info.status === 200
        ? { status: 200, seq: seqOf(info.body.update_seq) }
        : { status: info.status, seq: null };
    });
  }

  /** Every village's sequence: `_dbs_info`, 100 names a request, where the server has it. */
  async function seqs(login: AdminConnection, codes: readonly VillageCode[], limit: number) {
    if (dbsInfo === false) return seqsOneByOne(login, codes, limit);
    const replies: SeqReply[] = [];
    for (let at = 0; at < codes.length; at += 100) {
      const chunk = codes.slice(at, at + 100);
      const reply = await couchRequest<{ key?: unknown; info?: { update_seq?: unknown } }[]>(
        login,
        'POST',
        '_dbs_info',
        { keys: chunk.map(villageDbName) },
      );
      if (reply.status !== 200 || !Array.isArray(reply.body)) {
        // Not offered (an older CouchDB), or not to this login: one request per village.
        dbsInfo ??= false;
        return seqsOneByOne(login, codes, limit);
      }
      dbsInfo = true;
      const byName = new Map(reply.body.map((row) => [row.key, row.info]));
      for (const code of chunk) {
        const info = byName.get(villageDbName(code));
        replies.push(
          info ? { status: 200, seq: seqOf(info.update_seq) } : { status: 404, seq: null },
        );
      }
    }
    return replies;
  }

  return {
    async readAll(login, codes, views, concurrency = 8) {
      const known = await seqs(login, codes, concurrency);
      return mapLimited(codes, concurrency, async (code, i): Promise<VillageViewsReply> => {
        const { status, seq } = known[i]!;
        if (seq === null) return { status, views: null };
        const db = encodeURIComponent(villageDbName(code));
        const result: Record<string, ViewRow[]> = {};
        // Read once, on the first view this load must read again (none when all are cached).
        let conflicted: Promise<string[]> | undefined;
        for (const view of views) {
          const key = `${login.url}\n${login.username}\n${db}\n${view}`;
          const entry = entries.get(key);
          if (entry && entry.seq === seq && seq !== 'null') {
            result[view] = entry.rows;
            continue;
          }
          conflicted ??= readConflictedIds(login, db);
          const reply = await readLawfulView(login, db, view, {}, conflicted);
          if (!reply.rows) {
            entries.delete(key);
            return { status: reply.status, views: null };
          }
          result[view] = reply.rows as ViewRow[];
          entries.set(key, { seq, rows: result[view] });
        }
        return { status: 200, views: result };
      });
    },
  };
}
