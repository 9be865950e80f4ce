// What the regency dashboard shows, gathered over the plain CouchDB HTTP API (the hub or any
// CouchDB 3.x) with a server admin login or a regency staff login. Per village database, at
// most six requests, none of which loads every document (docs/decisions/0006, 0010):
//   1. GET /desa_<code>                                  document count
//   2. GET _all_docs on the id range `sync-report:`      one small report per kiosk
//   3. GET _design/regency/_view/open-requests?group     open requests by status (counts only)
//   4. GET _design/regency/_view/finance?group           the fiscal year's sums (a few rows)
//   5. GET _design/regency/_view/planning                proposals, projects, reports (small rows)
//   6. GET village-profile:<code>                         the village's names (one document)
//   (+1 POST _all_docs for the entries that reversals cancel, only when there are reversals)
// The served page is paged (gatherDashboardPage): request 2 for every village, to order them and
// total the regency; the others for the page's villages only.
import { syncReportDocSchema } from '../../shared/documents/sync-report';
import { DEFAULT_PLANNING_SETTINGS } from '../../shared/planning/settings';
import { villageCodeOfDb, villageDbName, type VillageCode } from '../../shared/village';
import { couchRequest, expectStatus, type AdminConnection } from '../provision/couch-request';
import {
  publishedNames,
  readVillageProfile,
  type PublishedVillage,
} from '../provision/published-keys';
import { readConflictedIds, readLawfulView } from './lawful-view';
import { villagePlanning, type VillagePlanning } from './planning-data';

/** The stalled-project threshold when the page is not told (the kiosks' default). */
export const DEFAULT_STALLED_DAYS = DEFAULT_PLANNING_SETTINGS.stalledDays;

export interface KioskSync {
  kioskId: string;
  lastSuccessAt: string | null;
  lastAttemptAt: string;
  pending: number;
  rejected: number;
  /** Failures since install, all kinds together, and by kind. */
  failures: number;
  failuresByKind: Record<string, number>;
  clockSkewMs: number | null;
}

export interface BudgetRealisation {
  fiscalYear: number;
  /** The latest adopted version's number. */
  version: number;
  /** Spending (accounts 5.*) of the latest adopted version, whole rupiah. */
  budgetSpending: number;
  /** payment-ls + spj, less reversals of those, whole rupiah. */
  realisedSpending: number;
}

export interface VillageRow {
  code: VillageCode;
  /** The names the regency's profile gives the village; null before it has any (or unreadable). */
  names: PublishedVillage | null;
  db: string;
  docCount: number | null;
  kiosks: KioskSync[];
  /** The newest `lastSuccessAt` of its kiosks, or null when none has succeeded. */
  lastSuccessAt: string | null;
  pending: number;
  rejected: number;
  failures: number;
  /** The largest clock difference any kiosk reported (by absolute value), or null. */
  clockSkewMs: number | null;
  /** null: could not be counted. */
  openRequests: number | null;
  openByStatus: Record<string, number>;
  /** null: no adopted budget for the year (shown as "—"). */
  budget: BudgetRealisation | null;
  /** Proposals and projects of the year; null when the village's planning view is missing. */
  planning: VillagePlanning | null;
  /** Set when the village could not be read; the other fields are then empty. */
  error?: string;
}

export interface DashboardData {
  generatedAt: string;
  fiscalYear: number;
  villages: VillageRow[];
}

export interface GatherOptions {
  /** The villages to show; default every `desa_<code>` from `_all_dbs` (a server admin only). */
  villages?: VillageCode[];
  now?: Date;
  /** Default: the year in Western Indonesian Time (UTC+7) at `now`. */
  fiscalYear?: number;
  /** Villages read at once (default 8). */
  concurrency?: number;
  /** A project not finished and without a report for longer than this is stalled (default 14). */
  stalledDays?: number;
}

/** The calendar year in WIB (UTC+7), the zone of most regencies using Balai. */
export function fiscalYearAt(now: Date): number {
  return new Date(now.getTime() + 7 * 3600_000).getUTCFullYear();
}

export async function gatherDashboard(
  login: AdminConnection,
  options: GatherOptions = {},
): Promise<DashboardData> {
  const now = options.now ?? new Date();
  const fiscalYear = options.fiscalYear ?? fiscalYearAt(now);
  const codes = options.villages ?? (await villageCodes(login));
  const planning = {
    today: new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10),
    stalledDays: options.stalledDays ?? DEFAULT_STALLED_DAYS,
  };
  const villages: VillageRow[] = new Array(codes.length);
  let next = 0;
  const worker = async () => {
    while (next < codes.length) {
      const at = next++;
      villages[at] = await villageRow(login, codes[at]!, fiscalYear, planning).catch(
        (error: unknown): VillageRow => ({
          ...emptyRow(codes[at]!),
          error: error instanceof Error ? error.message : String(error),
        }),
      );
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 8) }, worker));
  return { generatedAt: now.toISOString(), fiscalYear, villages };
}

export async function villageCodes(login: AdminConnection): Promise<VillageCode[]> {
  const reply = await couchRequest<unknown>(login, 'GET', '_all_dbs');
  if (reply.status === 401 || reply.status === 403) {
    throw new Error(
      'Listing the village databases needs a server admin login; with a staff login, name the ' +
        'villages (--village <code>, repeatable).',
    );
  }
  expectStatus(reply, [200], 'Listing databases');
  return (Array.isArray(reply.body) ? reply.body : [])
    .map((name) => (typeof name === 'string' ? villageCodeOfDb(name) : null))
    .filter((code): code is VillageCode => code !== null)
    .sort();
}

function emptyRow(code: VillageCode): VillageRow {
  return {
    code,
    names: null,
    db: villageDbName(code),
    docCount: null,
    kiosks: [],
    lastSuccessAt: null,
    pending: 0,
    rejected: 0,
    failures: 0,
    clockSkewMs: null,
    openRequests: null,
    openByStatus: {},
    budget: null,
    planning: null,
  };
}

const q = (value: unknown) => encodeURIComponent(JSON.stringify(value));

async function villageRow(
  login: AdminConnection,
  code: VillageCode,
  fiscalYear: number,
  planningAt: { today: string; stalledDays: number },
  // The paged page has already read the reports to order the villages: not read twice.
  knownKiosks?: KioskSync[],
): Promise<VillageRow> {
  const db = encodeURIComponent(villageDbName(code));
  // Read once for the three views: their conflicted documents count by the lawful revision.
  const conflicted = readConflictedIds(login, db);
  conflicted.catch(() => undefined); // awaited by each view read; one failure is theirs to report
  const [info, kiosks, open, budget, planning, profile] = await Promise.all([
    couchRequest<{ doc_count?: unknown }>(login, 'GET', db),
    knownKiosks ?? kioskReports(login, db),
    openRequests(login, db, conflicted),
    budgetRealisation(login, db, fiscalYear, conflicted),
    villagePlanning(login, db, fiscalYear, planningAt.today, planningAt.stalledDays, conflicted),
    // Without its names the village is still shown, by its code: the figures matter more.
    readVillageProfile(login, code).catch(() => null),
  ]);
  expectStatus(info, [200], `Reading ${villageDbName(code)}`);
  const skews = kiosks.map((k) => k.clockSkewMs).filter((s): s is number => s !== null);
  const sum = (pick: (k: KioskSync) => number) => kiosks.reduce((n, k) => n + pick(k), 0);
  return {
    ...emptyRow(code),
    names: profile?.villageName ? publishedNames(profile) : null,
    docCount: typeof info.body.doc_count === 'number' ? info.body.doc_count : null,
    kiosks,
    lastSuccessAt: newestSuccess(kiosks),
    pending: sum((k) => k.pending),
    rejected: sum((k) => k.rejected),
    failures: sum((k) => k.failures),
    clockSkewMs: skews.length ? skews.reduce((a, b) => (Math.abs(b) > Math.abs(a) ? b : a)) : null,
    openRequests: open ? Object.values(open).reduce((a, b) => a + b, 0) : null,
    openByStatus: open ?? {},
    budget,
    planning,
  };
}

/** The newest `lastSuccessAt` of the kiosks, or null when none has succeeded. */
function newestSuccess(kiosks: readonly KioskSync[]): string | null {
  const successes = kiosks.map((k) => k.lastSuccessAt).filter((t): t is string => t !== null);
  return successes.length ? successes.reduce((a, b) => (newer(a, b) ? a : b)) : null;
}

function newer(a: string, b: string): boolean {
  return Date.parse(a) >= Date.parse(b);
}

/** The `sync-report:<village>:<kiosk>` documents, one per kiosk; invalid ones are skipped. */
async function kioskReports(login: AdminConnection, db: string): Promise<KioskSync[]> {
  const reply = await couchRequest<{ rows?: { doc?: unknown }[] }>(
    login,
    'GET',
    `${db}/_all_docs?include_docs=true&startkey=${q('sync-report:')}&endkey=${q('sync-report:\ufff0')}`,
  );
  expectStatus(reply, [200], 'Reading sync reports');
  const kiosks: KioskSync[] = [];
  for (const row of reply.body.rows ?? []) {
    const parsed = syncReportDocSchema.safeParse(row.doc);
    if (!parsed.success) continue;
    const r = parsed.data;
    kiosks.push({
      kioskId: r.kioskId,
      lastSuccessAt: r.lastSuccessAt,
      lastAttemptAt: r.lastAttemptAt,
      pending: r.pending,
      rejected: r.rejected,
      failures: Object.values(r.failures).reduce((a, b) => a + b, 0),
      failuresByKind: r.failures,
      clockSkewMs: r.clockSkewMs,
    });
  }
  return kiosks.sort((a, b) => a.kioskId.localeCompare(b.kioskId));
}

/**
 * Open requests by status from the `open-requests` view; where the view is missing (a village
 * provisioned before it existed), the `request:` id range is read instead. null: unreadable.
 */
async function openRequests(
  login: AdminConnection,
  db: string,
  conflicted: Promise<string[]>,
): Promise<Record<string, number> | null> {
  const view = await readLawfulView(login, db, 'open-requests', { group: true }, conflicted);
  const counts: Record<string, number> = {};
  if (view.rows) {
    for (const row of view.rows) {
      if (typeof row.key === 'string' && typeof row.value === 'number') counts[row.key] = row.value;
    }
    return counts;
  }
  if (view.status !== 404) return null;
  const all = await couchRequest<{ rows?: { doc?: { type?: unknown; status?: unknown } }[] }>(
    login,
    'GET',
    `${db}/_all_docs?include_docs=true&startkey=${q('request:')}&endkey=${q('request:\ufff0')}`,
  );
  if (all.status !== 200) return null;
  for (const row of all.body.rows ?? []) {
    const status = row.doc?.status;
    if (row.doc?.type !== 'request' || typeof status !== 'string') continue;
    if (status === 'collected' || status === 'rejected') continue;
    counts[status] = (counts[status] ?? 0) + 1;
  }
  return counts;
}

/**
 * Budget: the spending lines (accounts 5.*) of the year's latest adopted version. Realised: the
 * year's `payment-ls` and `spj` entries (what shared/finance/ledger.ts counts as realised
 * spending; an advance, `payment-um`, counts once its SPJ comes), less the reversals of such
 * entries. null when the year has no adopted budget (or the view is missing).
 */
async function budgetRealisation(
  login: AdminConnection,
  db: string,
  fiscalYear: number,
  conflicted: Promise<string[]>,
): Promise<BudgetRealisation | null> {
  const view = await readLawfulView(
    login,
    db,
    'finance',
    { group: true, startkey: [fiscalYear], endkey: [fiscalYear, {}] },
    conflicted,
  );
  if (!view.rows) return null;
  const budgetRows: { version: number; account: string; sum: number }[] = [];
  let realised = 0;
  const reversed = new Map<string, number>();
  for (const row of view.rows) {
    const key = row.key;
    const sum = typeof row.value === 'number' ? row.value : 0;
    if (!Array.isArray(key)) continue;
    if (key[1] === 'budget' && key[3] === 'adopted' && typeof key[2] === 'number') {
      budgetRows.push({ version: key[2], account: String(key[4]), sum });
    } else if (key[1] === 'ledger' && (key[2] === 'payment-ls' || key[2] === 'spj')) {
      realised += sum;
    } else if (key[1] === 'reversal' && typeof key[2] === 'string') {
      reversed.set(key[2], sum);
    }
  }
  if (budgetRows.length === 0) return null;
  if (reversed.size > 0) {
    const originals = await couchRequest<{ rows?: { key?: unknown; doc?: { kind?: unknown } }[] }>(
      login,
      'POST',
      `${db}/_all_docs?include_docs=true`,
      { keys: [...reversed.keys()] },
    );
    expectStatus(originals, [200], 'Reading reversed ledger entries');
    for (const row of originals.body.rows ?? []) {
      const kind = row.doc?.kind;
      if (typeof row.key === 'string' && (kind === 'payment-ls' || kind === 'spj')) {
        realised -= reversed.get(row.key) ?? 0;
      }
    }
  }
  const version = Math.max(...budgetRows.map((r) => r.version));
  const budgetSpending = budgetRows
    .filter((r) => r.version === version && /^5(\.|$)/.test(r.account))
    .reduce((n, r) => n + r.sum, 0);
  return { fiscalYear, version, budgetSpending, realisedSpending: realised };
}

/** True when the village's newest kiosk success is older than `days` days, or there is none. */
export function isStale(row: Pick<VillageRow, 'lastSuccessAt'>, days: number, now: Date): boolean {
  if (row.lastSuccessAt === null) return true;
  return now.getTime() - Date.parse(row.lastSuccessAt) > days * 86_400_000;
}

export interface PageOptions extends GatherOptions {
  /** 1-based. */
  page: number;
  /** Villages per page. */
  perPage: number;
  /** The stale threshold the order puts first, in days (the page's `?days=`). */
  staleDays: number;
}

/** Figures over every village of the regency, from the sync reports alone. */
export interface RegencyTotals {
  villages: number;
  /** Not seen for `staleDays` days, or never; unreadable villages are not counted here. */
  stale: number;
  /** Sync reports that could not be read. */
  unreadable: number;
  pending: number;
  rejected: number;
  /** The codes of the stale and unreadable villages, in page order (they fill the first pages). */
  problemCodes: VillageCode[];
}

export interface DashboardPage extends DashboardData {
  page: number;
  perPage: number;
  pages: number;
  /** The position (0-based) of the page's first village in the whole order. */
  firstIndex: number;
  totals: RegencyTotals;
}

/** A page number past the last page; the route answers it with 400. */
export class PageOutOfRange extends Error {
  constructor(
    readonly page: number,
    readonly pages: number,
  ) {
    super(`Page ${page} of ${pages}.`);
  }
}

/**
 * One page of the dashboard. Every village's sync reports are read (one small `_all_docs` range
 * per village: one document per kiosk) because the order and the regency-wide totals need each
 * village's last sync; the other five reads (document count, open requests, finance, planning —
 * the heavy one — and the names) are made for the page's villages only.
 *
 * Order: the villages needing attention first — unreadable, then stale (`staleDays` without a
 * success, or never) — then the rest, each group by village code. The order is stable for a
 * given `staleDays`; a village moves between groups only when it syncs or goes quiet, which is
 * what the operator wants to see on page one.
 */
export async function gatherDashboardPage(
  login: AdminConnection,
  options: PageOptions,
): Promise<DashboardPage> {
  const now = options.now ?? new Date();
  const fiscalYear = options.fiscalYear ?? fiscalYearAt(now);
  const codes = options.villages ?? (await villageCodes(login));
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const reports = await mapLimited(codes, concurrency, (code) =>
    kioskReports(login, encodeURIComponent(villageDbName(code))).then(
      (kiosks) => ({ code, kiosks, error: undefined as string | undefined }),
      (error: unknown) => ({
        code,
        kiosks: [] as KioskSync[],
        error: error instanceof Error ? error.message : String(error),
      }),
    ),
  );
  const rank = (r: (typeof reports)[number]) =>
    r.error !== undefined
      ? 0
      : isStale({ lastSuccessAt: newestSuccess(r.kiosks) }, options.staleDays, now)
        ? 1
        : 2;
  const ordered = reports
    .map((r) => ({ ...r, rank: rank(r) }))
    .sort((a, b) => a.rank - b.rank || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const pages = Math.max(1, Math.ceil(ordered.length / options.perPage));
  if (!Number.isInteger(options.page) || options.page < 1 || options.page > pages) {
    throw new PageOutOfRange(options.page, pages);
  }
  const firstIndex = (options.page - 1) * options.perPage;
  const onPage = ordered.slice(firstIndex, firstIndex + options.perPage);
  const planning = {
    today: new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10),
    stalledDays: options.stalledDays ?? DEFAULT_STALLED_DAYS,
  };
  const villages = await mapLimited(onPage, concurrency, (r) =>
    r.error !== undefined
      ? Promise.resolve<VillageRow>({ ...emptyRow(r.code), error: r.error })
      : villageRow(login, r.code, fiscalYear, planning, r.kiosks).catch(
          (error: unknown): VillageRow => ({
            ...emptyRow(r.code),
            error: error instanceof Error ? error.message : String(error),
          }),
        ),
  );
  const sum = (pick: (k: KioskSync) => number) =>
    reports.reduce((n, r) => n + r.kiosks.reduce((m, k) => m + pick(k), 0), 0);
  return {
    generatedAt: now.toISOString(),
    fiscalYear,
    villages,
    page: options.page,
    perPage: options.perPage,
    pages,
    firstIndex,
    totals: {
      villages: ordered.length,
      stale: ordered.filter((r) => r.rank === 1).length,
      unreadable: ordered.filter((r) => r.rank === 0).length,
      pending: sum((k) => k.pending),
      rejected: sum((k) => k.rejected),
      problemCodes: ordered.filter((r) => r.rank < 2).map((r) => r.code),
    },
  };
}

/** `work` over `items`, at most `limit` at once, the results in the items' order. */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const at = next++;
      results[at] = await work(items[at]!, at);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, Math.max(1, items.length)) }, worker));
  return results;
}
