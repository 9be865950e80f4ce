// A small client for one CouchDB database, over fetch, for the kiosk (through the host's
// `/regency/` proxy) and for Node (directly, with an Authorization header). Every answer is
// validated before use: a proxy or a half-broken server can return anything.
import { z } from 'zod';
import { PROBE_HEADER, REGENCY_STATE_HEADER } from '../../shared/ipc';

export interface CouchEndpoint {
  /** The database URL, ending in `/`: `http://host:5984/desa_3510992001/` or `/regency/`. */
  dbUrl: string;
  headers?: Record<string, string>;
  fetch?: typeof fetch;
  /** Milliseconds before an ordinary request is abandoned. */
  timeoutMs?: number;
  /** Send large bodies gzip-compressed (default), falling back by itself if the server refuses. */
  gzip?: boolean;
}

export type CouchErrorKind =
  | 'offline'
  | 'unauthorized'
  /** The account is locked for a while after failed logins (CouchDB 3.4+ answers 403). */
  | 'locked'
  | 'too-large'
  | 'server'
  | 'invalid-response';

/** A failed exchange, with a kind the replicator can act on and a reason staff can read. */
export class CouchError extends Error {
  constructor(
    readonly kind: CouchErrorKind,
    message: string,
    readonly status = 0,
  ) {
    super(message);
    this.name = 'CouchError';
  }
}

const changeRowSchema = z.object({
  id: z.string(),
  seq: z.union([z.string(), z.number()]),
  deleted: z.boolean().optional(),
  changes: z.array(z.object({ rev: z.string() })),
});
const changesSchema = z.object({
  results: z.array(changeRowSchema),
  last_seq: z.union([z.string(), z.number()]),
  pending: z.number().optional(),
});
export type ChangeRow = z.infer<typeof changeRowSchema>;
export type ChangesResponse = z.infer<typeof changesSchema>;

const bulkResultSchema = z.array(
  z.object({
    id: z.string(),
    rev: z.string().optional(),
    ok: z.boolean().optional(),
    error: z.string().optional(),
    reason: z.string().optional(),
  }),
);
export type BulkResult = z.infer<typeof bulkResultSchema>[number];

const allDocsSchema = z.object({
  rows: z.array(
    z.object({
      key: z.string(),
      value: z.object({ rev: z.string(), deleted: z.boolean().optional() }).optional(),
      doc: z.record(z.string(), z.unknown()).nullable().optional(),
      error: z.string().optional(),
    }),
  ),
});

const openRevsSchema = z.array(
  z.object({ ok: z.record(z.string(), z.unknown()).optional() }).loose(),
);

const errorBodySchema = z.object({ error: z.string().optional(), reason: z.string().optional() });

export type CouchDoc = Record<string, unknown> & { _id: string; _rev?: string };

export interface ChangesParams {
  since: string | number;
  limit: number;
  /** Hold the request open until something changes, up to this many milliseconds. */
  longpollMs?: number;
  signal?: AbortSignal;
  /**
   * Only changes whose document matches this Mango selector (CouchDB 3's `filter=_selector`).
   * A server that refuses the filter gets the unfiltered feed from then on.
   */
  selector?: Record<string, unknown>;
}

export interface CouchClient {
  changes(params: ChangesParams): Promise<ChangesResponse>;
  bulkDocs(docs: CouchDoc[]): Promise<BulkResult[]>;
  getDoc(id: string): Promise<CouchDoc | null>;
  /** Writes one document; answers its new revision. */
  putDoc(doc: CouchDoc): Promise<string>;
  /** Whether the regency answers at all (any HTTP answer of its own, even a refusal). */
  probe(): Promise<boolean>;
  /** Reads the database's own record: throws the CouchError of a refusal (e.g. `unauthorized`). */
  checkAccess(): Promise<void>;
  /**
   * The current revisions of these documents, with their bodies and their `_conflicts` (the
   * other live leaves a cluster let in); missing ones are left out.
   */
  getDocs(ids: string[]): Promise<CouchDoc[]>;
  /** Every live leaf revision of one document (`open_revs=all`), with its body. */
  leaves(id: string): Promise<CouchDoc[]>;
  /** The current revision of each of these documents the server holds (deleted ones left out). */
  revisionsOf(ids: string[]): Promise<Map<string, string>>;
  /** The server's `Date` on its last answer and our clock at that moment (for skew checks). */
  readonly lastServerDate: { server: number; local: number } | null;
}

export function createCouchClient(endpoint: CouchEndpoint): CouchClient {
  const doFetch = endpoint.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = endpoint.timeoutMs ?? 30_000;
  let lastServerDate: CouchClient['lastServerDate'] = null;
  let gzipAccepted = endpoint.gzip ?? true;
  let selectorAccepted = true;

  /** POSTs JSON, gzip-compressed when large and the server takes it (most of a push is text). */
  async function postJson(path: string, payload: unknown): Promise<Response> {
    const text = JSON.stringify(payload);
    if (gzipAccepted && text.length >= GZIP_FROM_BYTES) {
      const res = await request(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
        body: await gzip(text),
      });
      if (res.status !== 415 && res.status !== 400) return res;
      // The server did not take the compressed body: send plain from now on.
      await res.body?.cancel();
      gzipAccepted = false;
    }
    return request(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: text,
    });
  }

  async function request(
    path: string,
    init: RequestInit & { timeoutMs?: number },
  ): Promise<Response> {
    const timeout = AbortSignal.timeout(init.timeoutMs ?? timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    let res: Response;
    try {
      res = await doFetch(endpoint.dbUrl + path, {
        ...init,
        signal,
        headers: { Accept: 'application/json', ...endpoint.headers, ...init.headers },
      });
    } catch (err) {
      if (init.signal?.aborted) throw err;
      throw new CouchError('offline', 'Server kabupaten tidak dapat dihubungi.');
    }
    const date = res.headers.get('date');
    if (date && !Number.isNaN(Date.parse(date))) {
      lastServerDate = { server: Date.parse(date), local: Date.now() };
    }
    return res;
  }

  async function json<T>(res: Response, schema: z.ZodType<T>): Promise<T> {
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      throw new CouchError(
        'invalid-response',
        'Jawaban server kabupaten terputus atau rusak.',
        res.status,
      );
    }
    if (!res.ok) throw errorFromStatus(res.status, body);
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new CouchError(
        'invalid-response',
        'Jawaban server kabupaten tidak dikenali.',
        res.status,
      );
    }
    return parsed.data;
  }

  return {
    get lastServerDate() {
      return lastServerDate;
    },

    async changes({ since, limit, longpollMs, signal, selector }) {
      // Revisions only: the kiosk fetches the bodies it lacks, so its own pushes never come back.
      const query = new URLSearchParams({ since: String(since), limit: String(limit) });
      if (longpollMs !== undefined) {
        query.set('feed', 'longpoll');
        query.set('timeout', String(longpollMs));
      }
      const common = {
        ...(signal ? { signal } : {}),
        // A long poll is allowed to last; a server that holds it far past its timeout is not.
        timeoutMs: (longpollMs ?? 0) + timeoutMs,
      };
      if (selector && selectorAccepted) {
        const res = await request(`_changes?filter=_selector&${query}`, {
          ...common,
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ selector }),
        });
        if (res.status !== 400) return json(res, changesSchema);
        await res.body?.cancel();
        // A server without Mango filters: the whole feed from now on, if it answers that.
        const whole = await json(
          await request(`_changes?${query}`, { ...common, method: 'GET' }),
          changesSchema,
        );
        selectorAccepted = false;
        return whole;
      }
      return json(await request(`_changes?${query}`, { ...common, method: 'GET' }), changesSchema);
    },

    async bulkDocs(docs) {
      return json(await postJson('_bulk_docs', { docs }), bulkResultSchema);
    },

    async putDoc(doc) {
      const res = await request(documentPath(doc._id), {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(doc),
      });
      return (await json(res, z.object({ rev: z.string() }))).rev;
    },

    async probe() {
      try {
        // Being offline is not an error: the kiosk host's proxy answers a probe it cannot carry
        // with 204 and `X-Balai-Regency: unreachable` instead of a 502 the browser would log.
        const res = await request('', {
          method: 'HEAD',
          timeoutMs: 10_000,
          headers: { [PROBE_HEADER]: '1' },
        });
        if (res.headers.get(REGENCY_STATE_HEADER) === 'unreachable') return false;
        // 502/503/504 come from a proxy or gateway in front of the regency, not from it.
        return ![502, 503, 504].includes(res.status);
      } catch {
        return false;
      }
    },

    async checkAccess() {
      await json(await request('', { method: 'GET' }), z.object({}).loose());
    },

    async getDocs(ids) {
      if (ids.length === 0) return [];
      const body = await json(
        await postJson('_all_docs?include_docs=true&conflicts=true', { keys: ids }),
        allDocsSchema,
      );
      return body.rows.flatMap((row) =>
        row.doc && typeof row.doc._id === 'string' ? [row.doc as CouchDoc] : [],
      );
    },

    async leaves(id) {
      const res = await request(`${documentPath(id)}?open_revs=all`, { method: 'GET' });
      const body = await json(res, openRevsSchema);
      return body.flatMap((leaf) =>
        leaf.ok && typeof leaf.ok._id === 'string' && leaf.ok._deleted !== true
          ? [leaf.ok as CouchDoc]
          : [],
      );
    },

    async revisionsOf(ids) {
      if (ids.length === 0) return new Map();
      const body = await json(await postJson('_all_docs', { keys: ids }), allDocsSchema);
      return new Map(
        body.rows.flatMap((row) =>
          row.value && !row.value.deleted ? [[row.key, row.value.rev] as const] : [],
        ),
      );
    },

    async getDoc(id) {
      const res = await request(documentPath(id), { method: 'GET' });
      if (res.status === 404) {
        await res.body?.cancel();
        return null;
      }
      const doc = await json(res, z.record(z.string(), z.unknown()));
      if (typeof doc._id !== 'string') {
        throw new CouchError(
          'invalid-response',
          'Jawaban server kabupaten tidak dikenali.',
          res.status,
        );
      }
      return doc as CouchDoc;
    },
  };
}

/**
 * A document's path in the database: `_local/` and `_design/` keep their slash (CouchDB and the
 * kiosk host's proxy both refuse an encoded one), the rest of the id is encoded.
 */
function documentPath(id: string): string {
  const prefix = /^(_local|_design)\//.exec(id)?.[0] ?? '';
  return prefix + encodeURIComponent(id.slice(prefix.length));
}

/** Below this a compressed body saves less than the work costs. */
const GZIP_FROM_BYTES = 1024;

async function gzip(text: string): Promise<ArrayBuffer> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Response(stream).arrayBuffer();
}

function errorFromStatus(status: number, body: unknown): CouchError {
  const parsed = errorBodySchema.safeParse(body);
  const reason = parsed.success ? (parsed.data.reason ?? parsed.data.error ?? '') : '';
  // A wrong or rotated password (401), or an account CouchDB locked after failed logins (403):
  // staff must act, and retrying soon only keeps the account locked (sync-loops.ts waits long).
  if (status === 403 && /locked/i.test(reason)) {
    return new CouchError(
      'locked',
      'Akun kios dikunci sementara oleh server kabupaten setelah beberapa kali gagal masuk. ' +
        'Yang perlu dilakukan: tunggu; bila kata sandi kios sudah diganti di kabupaten, minta ' +
        'petugas kabupaten memasang sambungan yang baru di kios ini. Data tetap tersimpan di kios.',
      status,
    );
  }
  if (status === 401 || status === 403) {
    return new CouchError(
      'unauthorized',
      `Akun kios ditolak server kabupaten (${status}${reason ? `: ${reason}` : ''}): kata sandi ` +
        'salah, sudah diganti, atau kios tidak berhak atas desa ini. Yang perlu dilakukan: minta ' +
        'petugas kabupaten memeriksa akun kios ini dan memasang sambungan yang benar di kios. ' +
        'Data tetap tersimpan di kios.',
      status,
    );
  }
  if (status === 413)
    return new CouchError('too-large', 'Kiriman terlalu besar untuk server.', status);
  // A proxy or gateway that cannot reach the regency: the link is down, not the server broken.
  if (status === 502 || status === 503 || status === 504) {
    return new CouchError('offline', 'Server kabupaten tidak dapat dihubungi.', status);
  }
  return new CouchError('server', `Server kabupaten menjawab ${status}: ${reason}`, status);
}
