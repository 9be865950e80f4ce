// The office hub's link to the regency: the village database copied both ways, revision for
// revision, as CouchDB's replication protocol does it (`_changes` → `_revs_diff` → `_bulk_get`
// with history → `_bulk_docs` with `new_edits: false`). Copying revisions as they are is what
// lets a kiosk move between the office hub and the regency without sending anything twice: the
// same document has the same revision on both, so the kiosk's sync state (server-identity.ts)
// finds nothing to resend, and its own writes stay echoes it skips (decision 0025).
//
// The kiosk's replicator cannot do this: it replicates a kiosk's RxDB store, not a CouchDB
// database. What it shares with it is the rule that a checkpoint belongs to one database: the
// relay's checkpoints name the regency marker they were written under, and a regency database
// without that marker (re-created, or another server) is copied from the start, which costs one
// `_revs_diff` per page and sends nothing it already holds.
import { z } from 'zod';
import { CouchError } from '../client/couch-client';
import { sleep } from '../client/link-monitor';

export interface RelayEnd {
  /** The village database's URL, ending in `/`. */
  dbUrl: string;
  authorization: string;
  fetch?: typeof fetch;
}

export interface RelayRound {
  /** Revisions sent to the regency and fetched from it. */
  pushed: number;
  pulled: number;
}

export interface Relay {
  /** Copies both ways until neither side has anything new; throws when either side fails. */
  runOnce(): Promise<RelayRound>;
  /** Relays continuously (long polls on both sides) until `stop()`. */
  start(): void;
  stop(): Promise<void>;
  /** Whether the last exchange with the regency succeeded (null before the first). */
  readonly regencyUp: boolean | null;
  /** Settles when the live pull first caught up with the regency, or first failed. */
  readonly firstPull: Promise<void>;
}

const CHECKPOINT_ID = '_local/balai-relay';
const MARKER_PREFIX = '_local/balai-relay-';

const changesSchema = z.object({
  results: z.array(
    z.object({ id: z.string(), seq: z.unknown(), changes: z.array(z.object({ rev: z.string() })) }),
  ),
  last_seq: z.union([z.string(), z.number()]),
});
const revsDiffSchema = z.record(z.string(), z.object({ missing: z.array(z.string()).optional() }));
const bulkGetSchema = z.object({
  results: z.array(
    z.object({
      id: z.string(),
      docs: z.array(z.object({ ok: z.record(z.string(), z.unknown()).optional() }).loose()),
    }),
  ),
});
const bulkDocsSchema = z.array(
  z.object({ id: z.string(), error: z.string().optional(), reason: z.string().optional() }).loose(),
);
const checkpointSchema = z.object({
  _rev: z.string().optional(),
  regency: z.string(),
  push: z.union([z.string(), z.number()]),
  pull: z.union([z.string(), z.number()]),
});
type Checkpoint = z.infer<typeof checkpointSchema>;

export function createRelay(options: {
  local: RelayEnd;
  regency: RelayEnd;
  /** Feed rows per step (default 500, as the kiosk's). */
  batchSize?: number;
  /** JSON bytes per `_bulk_docs` (default 2 MiB: under the hub's 4 MiB; photos are large). */
  maxBodyBytes?: number;
  longpollMs?: number;
  /** The wait after a failed exchange (default 1 s doubling to 60 s). */
  backoff?: { initialMs: number; maxMs: number };
  log?: (line: string) => void;
}): Relay {
  const batchSize = options.batchSize ?? 500;
  const maxBodyBytes = options.maxBodyBytes ?? 2 * 1024 * 1024;
  const longpollMs = options.longpollMs ?? 25_000;
  const backoff = options.backoff ?? { initialMs: 1_000, maxMs: 60_000 };
  const log = options.log ?? (() => {});
  let regencyUp: boolean | null = null;
  let checkpoint: Promise<Checkpoint> | null = null;
  let saving: Promise<unknown> = Promise.resolve();
  let stopController: AbortController | null = null;
  let loops: Promise<void>[] = [];
  let firstPullDone = () => {};
  const firstPull = new Promise<void>((resolve) => (firstPullDone = resolve));

  async function call<T>(
    end: RelayEnd,
    method: string,
    path: string,
    schema: z.ZodType<T>,
    body?: unknown,
    signal?: AbortSignal,
  ): Promise<T> {
    let res: Response;
    try {
      res = await (end.fetch ?? fetch)(end.dbUrl + path, {
        method,
        headers: {
          Accept: 'application/json',
          Authorization: end.authorization,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: signal
          ? AbortSignal.any([signal, AbortSignal.timeout(longpollMs + 30_000)])
          : AbortSignal.timeout(longpollMs + 30_000),
      });
    } catch (error) {
      if (end === options.regency) regencyUp = false;
      throw new CouchError('offline', `${end.dbUrl} tidak dapat dihubungi (${String(error)}).`);
    }
    if (end === options.regency) regencyUp = ![502, 503, 504].includes(res.status);
    const parsed: unknown = await res.json().catch(() => null);
    if (res.status === 404 && method === 'GET') return null as T;
    if (!res.ok) {
      throw new CouchError(
        'server',
        `${method} ${path} dijawab ${res.status}: ${JSON.stringify(parsed)}`,
        res.status,
      );
    }
    const checked = schema.safeParse(parsed);
    if (!checked.success)
      throw new CouchError('invalid-response', `${path}: jawaban tidak dikenali.`);
    return checked.data;
  }

  /** The checkpoint, once both loops agree on it (both may ask at once). */
  function ready(): Promise<Checkpoint> {
    checkpoint ??= readCheckpoint().catch((error: unknown) => {
      checkpoint = null;
      throw error;
    });
    return checkpoint;
  }

  /** The regency database's marker: the checkpoint is kept only while the marker is there. */
  async function readCheckpoint(): Promise<Checkpoint> {
    const saved = checkpointSchema
      .nullable()
      .catch(null)
      .parse(await call(options.local, 'GET', CHECKPOINT_ID, z.unknown()));
    if (saved && (await call(options.regency, 'GET', MARKER_PREFIX + saved.regency, z.unknown()))) {
      return saved;
    }
    const regency = crypto.randomUUID();
    await call(options.regency, 'PUT', MARKER_PREFIX + regency, z.unknown(), {
      at: new Date().toISOString(),
    });
    const fresh: Checkpoint = {
      ...(saved?._rev ? { _rev: saved._rev } : {}),
      regency,
      push: 0,
      pull: 0,
    };
    await saveCheckpoint(fresh);
    return fresh;
  }

  /** Saves one after the other: the two loops share the document. */
  function saveCheckpoint(cp: Checkpoint): Promise<void> {
    const next = saving.then(async () => {
      const { rev } = await call(
        options.local,
        'PUT',
        CHECKPOINT_ID,
        z.object({ rev: z.string() }),
        cp,
      );
      cp._rev = rev;
    });
    saving = next.catch(() => {});
    return next;
  }

  /**
   * One page of `from`'s feed copied to `to`; answers how many revisions went and whether the
   * feed is exhausted.
   */
  async function copyPage(
    from: RelayEnd,
    to: RelayEnd,
    side: 'push' | 'pull',
    signal?: AbortSignal,
    longpoll = false,
  ): Promise<{ copied: number; done: boolean }> {
    const cp = await ready();
    const query = new URLSearchParams({
      since: String(cp[side]),
      limit: String(batchSize),
      style: 'all_docs',
      ...(longpoll ? { feed: 'longpoll', timeout: String(longpollMs) } : {}),
    });
    const feed = await call(from, 'GET', `_changes?${query}`, changesSchema, undefined, signal);
    const wanted: Record<string, string[]> = {};
    for (const row of feed.results) {
      if (row.id.startsWith('_design/') || row.id.startsWith('_local/')) continue;
      wanted[row.id] = row.changes.map((c) => c.rev);
    }
    let copied = 0;
    if (Object.keys(wanted).length > 0) {
      const diff = await call(to, 'POST', '_revs_diff', revsDiffSchema, wanted);
      const missing = Object.entries(diff).flatMap(([id, d]) =>
        (d.missing ?? []).map((rev) => ({ id, rev })),
      );
      if (missing.length > 0) {
        const got = await call(from, 'POST', '_bulk_get?revs=true', bulkGetSchema, {
          docs: missing,
        });
        const docs = got.results.flatMap((r) => r.docs.flatMap((d) => (d.ok ? [d.ok] : [])));
        for (const chunk of byBytes(docs, maxBodyBytes)) {
          const answers = await call(to, 'POST', '_bulk_docs', bulkDocsSchema, {
            docs: chunk,
            new_edits: false,
          });
          for (const refused of answers.filter((a) => a.error)) {
            log(`${side}: ${refused.id} refused: ${refused.error} ${refused.reason ?? ''}`);
          }
          copied += chunk.length;
        }
      }
    }
    if (String(feed.last_seq) !== String(cp[side])) {
      cp[side] = feed.last_seq;
      await saveCheckpoint(cp);
    }
    return { copied, done: feed.results.length < batchSize };
  }

  async function drain(side: 'push' | 'pull'): Promise<number> {
    const [from, to] =
      side === 'push' ? [options.local, options.regency] : [options.regency, options.local];
    let total = 0;
    for (;;) {
      const page = await copyPage(from, to, side);
      total += page.copied;
      if (page.done) return total;
    }
  }

  async function loop(side: 'push' | 'pull', signal: AbortSignal) {
    const from = side === 'push' ? options.local : options.regency;
    const to = side === 'push' ? options.regency : options.local;
    let attempt = 0;
    let caughtUp = false;
    while (!signal.aborted) {
      try {
        const page = await copyPage(from, to, side, signal, caughtUp);
        caughtUp = page.done;
        if (caughtUp && side === 'pull') firstPullDone();
        attempt = 0;
      } catch (error) {
        if (signal.aborted) break;
        if (side === 'pull') firstPullDone();
        checkpoint = null; // the regency may have changed under us: look at its marker again
        caughtUp = false;
        log(`${side}: ${(error as Error).message}`);
        const ceiling = Math.min(backoff.maxMs, backoff.initialMs * 2 ** attempt++);
        await sleep(ceiling / 2 + (Math.random() * ceiling) / 2, signal);
      }
    }
  }

  return {
    get regencyUp() {
      return regencyUp;
    },
    firstPull,
    async runOnce() {
      const pushed = await drain('push');
      const pulled = await drain('pull');
      return { pushed, pulled };
    },
    start() {
      if (stopController) return;
      stopController = new AbortController();
      loops = [loop('push', stopController.signal), loop('pull', stopController.signal)];
    },
    async stop() {
      stopController?.abort();
      stopController = null;
      await Promise.allSettled(loops);
      loops = [];
    },
  };
}

/** Documents in groups whose JSON stays under `max` bytes (a single larger one goes alone). */
function byBytes<T>(docs: T[], max: number): T[][] {
  const groups: T[][] = [];
  let group: T[] = [];
  let size = 0;
  for (const doc of docs) {
    const bytes = JSON.stringify(doc).length;
    if (group.length > 0 && size + bytes > max) {
      groups.push(group);
      group = [];
      size = 0;
    }
    group.push(doc);
    size += bytes;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}
