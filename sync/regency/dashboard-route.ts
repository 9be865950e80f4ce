// Serving the regency dashboard: by the hub at `GET /_balai/dashboard` (a server admin or a
// regency staff login, checked with the server's own `GET /_session`), and standalone by
// `npm run hub -- dashboard --server <url>` on loopback with the login given there.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { REGENCY_STAFF_ROLE, type VillageCode } from '../../shared/village';
import { couchRequest, type AdminConnection } from '../provision/couch-request';
import {
  DEFAULT_STALLED_DAYS,
  fiscalYearAt,
  gatherDashboardPage,
  PageOutOfRange,
  villageCodes,
} from './dashboard-data';
import { gatherCivilFigures } from './civil-figures-data';
import { CIVIL_SECTION, renderCivilFiguresPage } from './civil-figures-page';
import { villageViewCache, type VillageViewCache } from './village-view-cache';
import { readConflictLog } from './conflict-guard';
import {
  DEFAULT_PER_PAGE,
  DEFAULT_STALE_DAYS,
  MAX_PER_PAGE,
  MIN_PER_PAGE,
  renderDashboardPage,
} from './dashboard-page';

export const DASHBOARD_PATH = '/_balai/dashboard';

export function isDashboardRequest(req: IncomingMessage): boolean {
  const path = (req.url ?? '').split('?')[0]!;
  return path === DASHBOARD_PATH || path === DASHBOARD_PATH + '/';
}

export interface DashboardRouteOptions {
  /** The server the data is read from: its root URL, no credentials. */
  serverUrl: () => string;
  /**
   * The login the data is read with. Absent: the caller's own login, which must then be given.
   * The hub passes its admin (a staff login cannot list databases) after checking the caller.
   */
  dataLogin?: AdminConnection;
  /** When set, the caller must log in as a server admin or regency staff (basic auth). */
  requireLogin: boolean;
  villages?: VillageCode[];
  /** Awaited before the data is read: the hub's running conflict pass (decision 0022). */
  beforeRead?: () => Promise<void>;
}

export function dashboardRoute(
  options: DashboardRouteOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  // The civil-registration page's view rows per village, read again only after a change (0021).
  const cache = villageViewCache();
  return (req, res) => {
    serve(options, cache, req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        send(res, 500, 'text/plain; charset=utf-8', `Dasbor gagal dibuat: ${String(error)}\n`);
      } else res.end();
    });
  };
}

async function serve(
  options: DashboardRouteOptions,
  cache: VillageViewCache,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return send(res, 405, 'text/plain; charset=utf-8', 'Hanya GET.\n');
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  const daysParam = url.searchParams.get('days');
  const days = daysParam === null ? DEFAULT_STALE_DAYS : Number(daysParam);
  if (!Number.isInteger(days) || days < 1 || days > 3650) {
    return send(res, 400, 'text/plain; charset=utf-8', 'days harus bilangan bulat 1–3650.\n');
  }
  // `?tahun=2027`: next year's proposals and projects, or a past year's budget realisation.
  const yearParam = url.searchParams.get('tahun');
  const fiscalYear = yearParam === null || yearParam === '' ? null : Number(yearParam);
  if (
    fiscalYear !== null &&
    (!Number.isInteger(fiscalYear) || fiscalYear < 2000 || fiscalYear > 2100)
  ) {
    return send(res, 400, 'text/plain; charset=utf-8', 'tahun harus bilangan bulat 2000–2100.\n');
  }
  // The planning section's filters (sync/regency/planning-page.ts): empty means all.
  const bidang = url.searchParams.get('bidang') ?? '';
  const priority = url.searchParams.get('prioritas') ?? '';
  const stalledParam = url.searchParams.get('laporan');
  const stalledDays = stalledParam ? Number(stalledParam) : DEFAULT_STALLED_DAYS;
  if (!/^(\d{2})?$/.test(bidang) || !/^[a-z0-9-]{0,40}$/.test(priority)) {
    return send(res, 400, 'text/plain; charset=utf-8', 'bidang atau prioritas tidak sah.\n');
  }
  if (!Number.isInteger(stalledDays) || stalledDays < 1 || stalledDays > 3650) {
    return send(res, 400, 'text/plain; charset=utf-8', 'laporan harus bilangan bulat 1–3650.\n');
  }
  // Paging: digits only, so `1e1`, `2.0` or ` 3` are refused rather than read as a number.
  const pageParam = url.searchParams.get('halaman');
  const perParam = url.searchParams.get('per');
  const page = pageParam === null ? 1 : /^\d{1,6}$/.test(pageParam) ? Number(pageParam) : NaN;
  const perPage =
    perParam === null ? DEFAULT_PER_PAGE : /^\d{1,3}$/.test(perParam) ? Number(perParam) : NaN;
  if (!Number.isInteger(page) || page < 1) {
    return send(
      res,
      400,
      'text/plain; charset=utf-8',
      'halaman harus bilangan bulat mulai dari 1.\n',
    );
  }
  if (!Number.isInteger(perPage) || perPage < MIN_PER_PAGE || perPage > MAX_PER_PAGE) {
    return send(
      res,
      400,
      'text/plain; charset=utf-8',
      `per harus bilangan bulat ${MIN_PER_PAGE}–${MAX_PER_PAGE}.\n`,
    );
  }
  let login = options.dataLogin;
  if (options.requireLogin) {
    const caller = basicLogin(req.headers.authorization);
    if (!caller || !(await isAdminOrStaff(options.serverUrl(), caller))) {
      res.setHeader('WWW-Authenticate', 'Basic realm="Balai dasbor kabupaten", charset="UTF-8"');
      return send(
        res,
        401,
        'text/plain; charset=utf-8',
        'Masuk sebagai admin server atau staf kabupaten.\n',
      );
    }
    login ??= { url: options.serverUrl(), ...caller };
  }
  if (!login) throw new Error('No login to read the dashboard data with.');
  const now = new Date();
  const section = url.searchParams.get('bagian');
  if (section !== null && section !== CIVIL_SECTION) {
    return send(res, 400, 'text/plain; charset=utf-8', `bagian harus "${CIVIL_SECTION}".\n`);
  }
  setPageHeaders(res);
  await options.beforeRead?.();
  if (section === CIVIL_SECTION) {
    const villages = options.villages ?? (await villageCodes(login));
    const figures = await gatherCivilFigures(login, villages, cache, now);
    const html = renderCivilFiguresPage(figures, { now, dashboardHref: url.pathname });
    return send(res, 200, 'text/html; charset=utf-8', req.method === 'HEAD' ? '' : html);
  }
  let data;
  try {
    data = await gatherDashboardPage(login, {
      now,
      fiscalYear: fiscalYear ?? fiscalYearAt(now),
      stalledDays,
      page,
      perPage,
      staleDays: days,
      ...(options.villages ? { villages: options.villages } : {}),
    });
  } catch (error) {
    // Only known after the village list is read: the caller asked past the last page.
    if (!(error instanceof PageOutOfRange)) throw error;
    return send(
      res,
      400,
      'text/plain; charset=utf-8',
      `halaman ${error.page} tidak ada; hanya ada ${error.pages} halaman (${perPage} desa per halaman).\n`,
    );
  }
  const html = renderDashboardPage(data, {
    days,
    now,
    planning: { bidang, priority, stalledDays },
    // What the regency's conflict pass removed (decision 0022): regency staff may read the log.
    conflicts: await readConflictLog(login),
  });
  send(res, 200, 'text/html; charset=utf-8', req.method === 'HEAD' ? '' : html);
}

function setPageHeaders(res: ServerResponse): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader(
    'Content-Security-Policy',
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
  );
  res.setHeader('X-Content-Type-Options', 'nosniff');
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', type);
  res.end(body);
}

function basicLogin(header: string | undefined): { username: string; password: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return null;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

async function isAdminOrStaff(
  serverUrl: string,
  caller: { username: string; password: string },
): Promise<boolean> {
  const reply = await couchRequest<{ userCtx?: { name?: unknown; roles?: unknown } }>(
    { url: serverUrl, ...caller },
    'GET',
    '_session',
  );
  const ctx = reply.body.userCtx;
  if (reply.status !== 200 || ctx?.name !== caller.username || !Array.isArray(ctx.roles)) {
    return false;
  }
  return ctx.roles.includes('_admin') || ctx.roles.includes(REGENCY_STAFF_ROLE);
}
