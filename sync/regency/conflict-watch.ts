// The conflict pass run continuously (issue 19, decision 0022): for each village database a long
// poll of `_changes` with `style=all_docs`, so a row lists every leaf of the changed document; a
// document that has more than one leaf sends its village through the pass of conflict-guard.ts.
// The village list is read again every `rescanMs`, so a village added later is followed too. On
// start every village gets one pass (what came in while nothing watched). Readers that want the
// pass done first (the dashboard, the back office) await `settled()`: it answers at once when no
// pass is running, so it costs them nothing. Over the CouchDB API as a server admin: the hub runs
// it on itself, and `npm run hub -- resolve-conflicts --follow` beside any CouchDB.
import { villageDbName, type VillageCode } from '../../shared/village';
import { couchRequest, type AdminConnection } from '../provision/couch-request';
import { villageCodes } from './dashboard-data';
import { resolveVillageConflicts, type ConflictResolution } from './conflict-guard';

export interface ConflictWatchOptions {
  /** How often the village list is read again (default 30 s). */
  rescanMs?: number;
  /** How long one long poll waits for a change (default 25 s). */
  pollTimeoutMs?: number;
  /** Told every removal (default: nothing). */
  onResolved?: (resolved: ConflictResolution[]) => void;
  log?: (line: string) => void;
}

export interface ConflictWatch {
  /** Resolves when no pass is running or queued. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

interface ChangesReply {
  results?: { id?: string; changes?: { rev: string }[] }[];
  last_seq?: unknown;
}

const pause = (ms: number) => new Promise<void>((done) => setTimeout(done, ms).unref());

export function watchConflicts(
  admin: () => AdminConnection,
  options: ConflictWatchOptions = {},
): ConflictWatch {
  const rescanMs = options.rescanMs ?? 30_000;
  const pollTimeoutMs = options.pollTimeoutMs ?? 25_000;
  const log = options.log ?? (() => undefined);
  const followed = new Map<VillageCode, Promise<void>>();
  // One pass per village at a time; a change during a pass asks for one more after it.
  const passes = new Map<VillageCode, Promise<void>>();
  const again = new Set<VillageCode>();
  let stopping = false;

  function pass(code: VillageCode): Promise<void> {
    const running = passes.get(code);
    if (running) {
      again.add(code);
      return running;
    }
    const run = resolveVillageConflicts(admin(), code)
      .then((resolved) => {
        if (resolved.length > 0) options.onResolved?.(resolved);
      })
      .catch((error: unknown) => log(`conflict pass of ${code}: ${String(error)}`))
      .finally(() => {
        passes.delete(code);
        if (again.delete(code) && !stopping) void pass(code);
      });
    passes.set(code, run);
    return run;
  }

  async function follow(code: VillageCode): Promise<void> {
    const db = encodeURIComponent(villageDbName(code));
    let since: unknown = 'now';
    // The sequence first, then the pass: nothing written in between is missed.
    const info = await couchRequest<{ update_seq?: unknown }>(admin(), 'GET', db).catch(() => null);
    if (info?.status === 200) since = info.body.update_seq;
    await pass(code);
    while (!stopping) {
      const reply = await couchRequest<ChangesReply>(
        admin(),
        'GET',
        `${db}/_changes?feed=longpoll&style=all_docs&timeout=${pollTimeoutMs}&since=${encodeURIComponent(String(since))}`,
      ).catch((error: unknown) => {
        if (!stopping) log(`following ${code}: ${String(error)}`);
        return null;
      });
      if (stopping) return;
      if (reply?.status === 404) {
        followed.delete(code); // the village was removed; a rescan follows it if it returns
        return;
      }
      if (reply?.status !== 200) {
        await pause(2_000);
        continue;
      }
      // A deleted leaf stays a leaf, so a document once resolved sends its village through a
      // (cheap, finding nothing) pass again on its next change: rare.
      if ((reply.body.results ?? []).some((row) => (row.changes?.length ?? 0) > 1)) {
        await pass(code);
      }
      since = reply.body.last_seq ?? since;
    }
  }

  async function scan(): Promise<void> {
    while (!stopping) {
      const codes = await villageCodes(admin()).catch((error: unknown) => {
        log(`listing the villages: ${String(error)}`);
        return [] as VillageCode[];
      });
      for (const code of codes) {
        if (stopping || followed.has(code)) continue;
        followed.set(
          code,
          follow(code).catch((error: unknown) => {
            followed.delete(code);
            log(`following ${code}: ${String(error)}`);
          }),
        );
      }
      await pause(rescanMs);
    }
  }
  const scanning = scan();

  return {
    async settled() {
      while (passes.size > 0) await Promise.all(passes.values());
    },
    async stop() {
      stopping = true;
      await Promise.all(passes.values());
      // The long polls end with the server's answer (or its closing); not awaited past that.
      void scanning;
    },
  };
}
