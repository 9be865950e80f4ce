// Serving the Dukcapil back office: by the hub at `/_balai/dukcapil`, and standalone by
// `npm run hub -- dukcapil --server <url-with-admin-credentials>` against any CouchDB. The
// caller logs in (basic auth) as a Dukcapil officer, checked by the server's own `GET /_session`;
// the officer's role names the regency. The list is read with the server admin's login (only an
// admin lists databases), restricted to the officer's regency; an application, its photos and
// every decision are read and written with the officer's own login, so the village database's
// `_security` and validation apply to the person (docs/decisions/0018).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DUKCAPIL_ROLE_PREFIX, parseVillageCode, type VillageCode } from '../../shared/village';
import type { AdminConnection } from '../provision/couch-request';
import { loginOf, readForm, sameOrigin, send } from './page-http';
import { villageCodes } from './dashboard-data';
import { villageViewCache, type VillageViewCache } from './village-view-cache';
import { gatherDukcapilList, readApplication, recordDecision } from './dukcapil-data';
import {
  renderApplicationPage,
  renderDukcapilList,
  renderMessagePage,
  type ListFilter,
} from './dukcapil-page';
import { DUKCAPIL_DOCUMENT_TYPES } from '../../shared/dukcapil/catalogue';
import { APPLICATION_STATUSES } from '../../shared/dukcapil/application';
import {
  DECISION_STEP_LABELS,
  DUKCAPIL_FILE_MAX_BYTES,
  type DecisionStep,
} from '../../shared/documents/dukcapil';

export const DUKCAPIL_PATH = '/_balai/dukcapil';

export function isDukcapilRequest(req: IncomingMessage): boolean {
  const path = (req.url ?? '').split('?')[0]!;
  return path === DUKCAPIL_PATH || path.startsWith(DUKCAPIL_PATH + '/');
}

export interface DukcapilRouteOptions {
  /** The server's root URL, no credentials. */
  serverUrl: () => string;
  /** A server admin: lists the regency's village databases and reads their list view. */
  adminLogin: AdminConnection;
  /** Awaited before the list or an application is read: the hub's running conflict pass (0022). */
  beforeRead?: () => Promise<void>;
}

/** Officer + the regency their role names. */
interface Officer {
  login: AdminConnection;
  regency: string;
}

export function dukcapilRoute(
  options: DukcapilRouteOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  // The list's rows per village, read again only when the village changed (0021).
  const cache = villageViewCache();
  return (req, res) => {
    serve(options, cache, req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        send(res, 500, 'text/plain; charset=utf-8', `Kantor belakang gagal: ${String(error)}\n`);
      } else res.end();
    });
  };
}

async function serve(
  options: DukcapilRouteOptions,
  cache: VillageViewCache,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const officer = await officerOf(options.serverUrl(), req.headers.authorization);
  if (!officer) {
    res.setHeader('WWW-Authenticate', 'Basic realm="Balai Dukcapil", charset="UTF-8"');
    return send(res, 401, 'text/plain; charset=utf-8', 'Masuk sebagai petugas Dukcapil.\n');
  }
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader(
    'Content-Security-Policy',
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'",
  );
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  const url = new URL(req.url ?? '/', 'http://localhost');
  const path = url.pathname.replace(/\/$/, '');
  const html = (status: number, body: string) =>
    send(res, status, 'text/html; charset=utf-8', req.method === 'HEAD' ? '' : body);
  const name = officer.login.username;
  await options.beforeRead?.();

  if (path === DUKCAPIL_PATH && (req.method === 'GET' || req.method === 'HEAD')) {
    const filter = listFilter(url.searchParams);
    if (typeof filter === 'string')
      return html(400, renderMessagePage(name, DUKCAPIL_PATH, filter));
    const admin = { ...options.adminLogin, url: options.serverUrl() };
    const villages = (await villageCodes(admin)).filter((c) => c.startsWith(officer.regency));
    const list = await gatherDukcapilList(admin, villages, cache);
    return html(
      200,
      renderDukcapilList(list.rows, filter, {
        officer: name,
        regency: officer.regency,
        now: new Date(),
        unreadable: list.unreadable.length,
        basePath: DUKCAPIL_PATH,
      }),
    );
  }
  if (path === `${DUKCAPIL_PATH}/permohonan` && (req.method === 'GET' || req.method === 'HEAD')) {
    const target = applicationTarget(
      url.searchParams.get('desa'),
      url.searchParams.get('id'),
      officer,
    );
    if (typeof target === 'string')
      return html(400, renderMessagePage(name, DUKCAPIL_PATH, target));
    const detail = await readApplication(officer.login, target.code, target.id);
    if (!detail)
      return html(404, renderMessagePage(name, DUKCAPIL_PATH, 'Permohonan tidak ditemukan.'));
    const saved = url.searchParams.get('tersimpan');
    return html(
      200,
      renderApplicationPage(detail, {
        officer: name,
        basePath: DUKCAPIL_PATH,
        ...(saved && saved in DECISION_STEP_LABELS
          ? {
              message: {
                ok: true,
                text: `Keputusan tersimpan: ${DECISION_STEP_LABELS[saved as DecisionStep]}.`,
              },
            }
          : {}),
      }),
    );
  }
  if (path === `${DUKCAPIL_PATH}/keputusan` && req.method === 'POST') {
    // A form posted from another site would carry the browser's basic auth: refuse it.
    if (!sameOrigin(req)) {
      return html(403, renderMessagePage(name, DUKCAPIL_PATH, 'Formulir dari situs lain ditolak.'));
    }
    const form = await readForm(req, DUKCAPIL_FILE_MAX_BYTES + 64 * 1024);
    if (typeof form === 'string') return html(400, renderMessagePage(name, DUKCAPIL_PATH, form));
    const text = (k: string) => {
      const v = form.get(k);
      return typeof v === 'string' ? v : '';
    };
    const target = applicationTarget(text('desa'), text('id'), officer);
    if (typeof target === 'string')
      return html(400, renderMessagePage(name, DUKCAPIL_PATH, target));
    const file = form.get('pdf');
    const pdf =
      file && typeof file !== 'string' && file.size > 0
        ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }
        : null;
    const outcome = await recordDecision(
      officer.login,
      target.code,
      target.id,
      {
        step: text('step'),
        note: text('note'),
        documentNumber: text('documentNumber'),
        kkNumber: text('kkNumber'),
        subjectNik: text('subjectNik'),
      },
      text('step') === 'terbit' ? pdf : null,
    );
    if (!outcome.ok) {
      const detail = await readApplication(officer.login, target.code, target.id);
      if (!detail)
        return html(outcome.status, renderMessagePage(name, DUKCAPIL_PATH, outcome.message));
      return html(
        outcome.status,
        renderApplicationPage(detail, {
          officer: name,
          basePath: DUKCAPIL_PATH,
          message: { ok: false, text: outcome.message },
        }),
      );
    }
    const back = `${DUKCAPIL_PATH}/permohonan?desa=${target.code}&id=${encodeURIComponent(target.id)}&tersimpan=${encodeURIComponent(outcome.decision.step)}`;
    res.statusCode = 303;
    res.setHeader('Location', back);
    return void res.end();
  }
  res.setHeader('Allow', 'GET, HEAD, POST');
  return send(res, 405, 'text/plain; charset=utf-8', 'Halaman atau metode tidak dikenal.\n');
}

function listFilter(params: URLSearchParams): ListFilter | string {
  const kecamatan = params.get('kecamatan') ?? '';
  const desa = params.get('desa') ?? '';
  const jenis = params.get('jenis') ?? '';
  const status = params.get('status') ?? '';
  const pageParam = params.get('halaman');
  if (!/^(\d{6})?$/.test(kecamatan)) return 'kecamatan harus 6 angka.';
  if (!/^(\d{10})?$/.test(desa)) return 'desa harus kode 10 angka.';
  if (jenis && !(DUKCAPIL_DOCUMENT_TYPES as readonly string[]).includes(jenis)) {
    return 'jenis dokumen tidak dikenal.';
  }
  if (status && !(APPLICATION_STATUSES as readonly string[]).includes(status)) {
    return 'status tidak dikenal.';
  }
  if (pageParam !== null && !/^[1-9]\d{0,5}$/.test(pageParam)) {
    return 'halaman harus bilangan bulat mulai dari 1.';
  }
  return { kecamatan, desa, jenis, status, page: pageParam ? Number(pageParam) : 1 };
}

function applicationTarget(
  desa: string | null,
  id: string | null,
  officer: Officer,
): { code: VillageCode; id: string } | string {
  const code = parseVillageCode(desa ?? '');
  if (!code) return 'desa harus kode 10 angka.';
  if (!code.startsWith(officer.regency)) return 'Desa ini bukan wilayah kabupaten Anda.';
  if (!id || !id.startsWith('dukcapil-application:') || id.length > 120) {
    return 'id permohonan tidak sah.';
  }
  return { code, id };
}

async function officerOf(serverUrl: string, header: string | undefined): Promise<Officer | null> {
  const person = await loginOf(serverUrl, header);
  const pattern = new RegExp(`^${DUKCAPIL_ROLE_PREFIX}\\d{4}$`);
  const role = person?.roles.find((r) => pattern.test(r));
  return person && role
    ? { login: person.login, regency: role.slice(DUKCAPIL_ROLE_PREFIX.length) }
    : null;
}
