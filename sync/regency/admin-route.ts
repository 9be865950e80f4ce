// Serving the regency's administration pages (decision 0028): by the hub at `/_balai/admin`, and
// beside any CouchDB by `npm run hub -- admin-pages --server <url-with-admin-credentials>`. The
// caller logs in (basic auth, checked by the server's own `GET /_session`) as an administrator of
// one regency (role `admin_kabupaten_<4 digits>`); anyone else is refused. What the pages write
// (kiosk accounts, the regency's documents in every village database) is written with the server
// admin's login, after the officer's input is validated whole, and records the officer's name.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { REGENCY_ADMIN_ROLE_PREFIX } from '../../shared/village';
import type { AdminConnection } from '../provision/couch-request';
import { loginOf, readForm, sameOrigin, send } from './page-http';
import { ADMIN_PATH, adminPage, messageHtml, type AdminPage } from './admin-shell';
import { kioskAction, regencyVillages, villagesBody } from './admin-villages';
import { randomBytes } from 'node:crypto';
import { isLetterType, letterTypeName, type LetterTypeCode } from '../../shared/letter-types';
import {
  lettersBody,
  readWordingForm,
  sampleLetterHtml,
  wordCopy,
  wordingOf,
} from './admin-letters';
import { publishVersion, saveVersion, versionsOf } from './regency-documents';
import {
  planningBody,
  planningFormText,
  readPlanningForm,
  settingsOfVersion,
} from './admin-planning';
import { fiscalYearAt } from './dashboard-data';
import { LETTERHEAD_KEY, readLogo, readReferenceForm, referenceBody } from './admin-reference';
import { publishRegencyLogo, publishVillageNames, villageProfileId } from '../provision/letter-key';
import { couchRequest } from '../provision/couch-request';
import { villageDbName } from '../../shared/village';

export { ADMIN_PATH } from './admin-shell';

export function isAdminRequest(req: IncomingMessage): boolean {
  const path = (req.url ?? '').split('?')[0]!;
  return path === ADMIN_PATH || path.startsWith(ADMIN_PATH + '/');
}

export interface AdminRouteOptions {
  /** The server's root URL, no credentials. */
  serverUrl: () => string;
  /** A server admin: writes kiosk accounts and the regency's documents. */
  adminLogin: AdminConnection;
  /** The address kiosks reach the server at, printed on their sheets (default: serverUrl). */
  publicUrl?: () => string;
}

/** An administrator and the regency their role names. */
export interface RegencyOfficer {
  name: string;
  regency: string;
}

/** A posted form is small text (a logo is the largest part). */
const FORM_LIMIT = 1024 * 1024;

export function adminRoute(
  options: AdminRouteOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    serve(options, req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        send(res, 500, 'text/plain; charset=utf-8', `Administrasi gagal: ${String(error)}\n`);
      } else res.end();
    });
  };
}

async function serve(
  options: AdminRouteOptions,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const person = await loginOf(options.serverUrl(), req.headers.authorization);
  if (!person) {
    res.setHeader('WWW-Authenticate', 'Basic realm="Balai Administrasi", charset="UTF-8"');
    return send(res, 401, 'text/plain; charset=utf-8', 'Masuk sebagai admin kabupaten.\n');
  }
  const role = person.roles.find((r) => new RegExp(`^${REGENCY_ADMIN_ROLE_PREFIX}\\d{4}$`).test(r));
  if (!role) {
    return send(
      res,
      403,
      'text/plain; charset=utf-8',
      'Halaman ini hanya untuk admin kabupaten (peran admin_kabupaten).\n',
    );
  }
  const officer: RegencyOfficer = {
    name: person.login.username,
    regency: role.slice(REGENCY_ADMIN_ROLE_PREFIX.length),
  };
  res.setHeader('Cache-Control', 'no-store');
  // The one script (the wording page's live preview) runs by this response's nonce only.
  const nonce = randomBytes(16).toString('base64');
  res.setHeader(
    'Content-Security-Policy',
    `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'nonce-${nonce}'; connect-src 'self'; form-action 'self'`,
  );
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'SAMEORIGIN');
  const url = new URL(req.url ?? '/', 'http://localhost');
  const path = url.pathname.replace(/\/$/, '');
  const admin = { ...options.adminLogin, url: options.serverUrl() };
  const villages = await regencyVillages(admin, officer.regency);
  const regencyName = villages[0]
    ? `${villages[0].names.regencyKind} ${villages[0].names.regencyName}`
    : `Kabupaten ${officer.regency}`;
  const page = (status: number, active: AdminPage, title: string, body: string) =>
    send(
      res,
      status,
      'text/html; charset=utf-8',
      req.method === 'HEAD'
        ? ''
        : adminPage({ title, officer: officer.name, regencyName, active, body }),
    );
  const isRead = req.method === 'GET' || req.method === 'HEAD';
  const message = (ok: boolean, text: string) => messageHtml({ ok, text });

  if (path === ADMIN_PATH && isRead) {
    const kecamatan = url.searchParams.get('kecamatan') ?? '';
    const done = url.searchParams.get('pesan');
    return page(
      200,
      '',
      'Desa dan kios',
      (done ? message(true, done.slice(0, 300)) : '') +
        villagesBody(villages, { kecamatan: /^\d{6}$/.test(kecamatan) ? kecamatan : '' }),
    );
  }
  if (req.method !== 'POST' && !isRead) {
    res.setHeader('Allow', 'GET, HEAD, POST');
    return send(res, 405, 'text/plain; charset=utf-8', 'Metode tidak dikenal.\n');
  }
  if (req.method === 'POST' && !sameOrigin(req)) {
    return page(403, '', 'Ditolak', message(false, 'Formulir dari situs lain ditolak.'));
  }
  const form = req.method === 'POST' ? await readForm(req, FORM_LIMIT) : null;
  if (typeof form === 'string') return page(400, '', 'Ditolak', message(false, form));
  const text = (k: string) => {
    const v = form?.get(k);
    return typeof v === 'string' ? v : '';
  };

  if (path === `${ADMIN_PATH}/kios` && req.method === 'POST') {
    const outcome = await kioskAction(admin, officer.regency, {
      action: text('aksi'),
      village: text('desa'),
      kiosk: text('kios'),
      officer: officer.name,
      publicUrl: options.publicUrl?.() ?? options.serverUrl(),
    });
    if (outcome.kind === 'sheet') return send(res, 200, 'text/html; charset=utf-8', outcome.html);
    if (outcome.kind === 'refused') {
      return page(
        400,
        '',
        'Desa dan kios',
        message(false, outcome.text) + villagesBody(villages, { kecamatan: '' }),
      );
    }
    return redirect(res, `${ADMIN_PATH}?pesan=${encodeURIComponent(outcome.text)}`);
  }
  const online = villages.filter((v) => v.online);
  const sample = (online[0] ?? villages[0])?.names;
  if (!sample) return page(404, '', 'Tidak ditemukan', message(false, 'Kabupaten tidak dikenal.'));

  if (path === `${ADMIN_PATH}/surat` || path === `${ADMIN_PATH}/surat/word`) {
    const requested = form ? text('jenis') : (url.searchParams.get('jenis') ?? 'domisili');
    const type: LetterTypeCode | null = isLetterType(requested) ? requested : null;
    if (!type)
      return page(400, '/surat', 'Redaksi surat', message(false, 'Jenis surat tidak dikenal.'));
    const versions = await versionsOf(admin, officer.regency, 'template', type);
    const current = wordingOf(versions.at(-1));
    if (path.endsWith('/word') && isRead) {
      res.setHeader('Content-Disposition', `attachment; filename="surat-${type}.doc"`);
      return send(
        res,
        200,
        'application/msword; charset=utf-8',
        wordCopy(sampleLetterHtml(type, sample, current)),
      );
    }
    const shown = (w: { title: string; body: readonly string[]; closing: string } | undefined) => ({
      title: w?.title ?? '',
      body: (w?.body ?? []).join('\n\n'),
      closing: w?.closing ?? '',
    });
    const body = (
      status: number,
      note: string,
      posted?: { title: string; body: string; closing: string },
      wording = current,
    ) =>
      page(
        status,
        '/surat',
        'Redaksi surat',
        note +
          lettersBody({
            type,
            form: posted ?? shown(current),
            versions,
            preview: sampleLetterHtml(type, sample, wording),
            nonce,
          }),
      );
    if (isRead) {
      const done = url.searchParams.get('pesan');
      return body(200, done ? message(true, done.slice(0, 300)) : '');
    }
    const posted = { title: text('judul'), body: text('isi'), closing: text('penutup') };
    const wording = readWordingForm(text);
    if (typeof wording === 'string') return body(400, message(false, wording), posted);
    if (text('aksi') !== 'simpan') return body(200, '', posted, wording);
    const saved = await publishVersion(
      admin,
      officer.regency,
      {
        type: 'template',
        key: type,
        changedBy: officer.name,
        content: {
          letterType: type,
          title: wording.title,
          body: wording.body,
          closing: wording.closing,
        },
      },
      online.map((v) => v.code),
    );
    const note = sentNote(letterTypeName(type), saved, online.length);
    return redirect(res, `${ADMIN_PATH}/surat?jenis=${type}&pesan=${encodeURIComponent(note)}`);
  }
  if (path === `${ADMIN_PATH}/perencanaan`) {
    const yearText = form ? text('tahun') : (url.searchParams.get('tahun') ?? '');
    const year = /^\d{4}$/.test(yearText) ? Number(yearText) : fiscalYearAt(new Date());
    const versions = await versionsOf(admin, officer.regency, 'planning-settings', String(year));
    const shown = (
      status: number,
      note: string,
      posted = planningFormText(settingsOfVersion(versions.at(-1))),
    ) =>
      page(
        status,
        '/perencanaan',
        'Perencanaan',
        note + planningBody({ year, form: posted, versions }),
      );
    if (isRead) {
      const done = url.searchParams.get('pesan');
      return shown(200, done ? message(true, done.slice(0, 300)) : '');
    }
    const settings = readPlanningForm(text);
    if (typeof settings === 'string') {
      return shown(400, message(false, settings), {
        priorities: text('prioritas'),
        criteria: text('kriteria'),
        days: text('hari'),
      });
    }
    const saved = await publishVersion(
      admin,
      officer.regency,
      {
        type: 'planning-settings',
        key: String(settings.fiscalYear),
        changedBy: officer.name,
        content: { ...settings },
      },
      online.map((v) => v.code),
    );
    const note = sentNote(`Perencanaan ${settings.fiscalYear}`, saved, online.length);
    return redirect(
      res,
      `${ADMIN_PATH}/perencanaan?tahun=${settings.fiscalYear}&pesan=${encodeURIComponent(note)}`,
    );
  }
  if (path === `${ADMIN_PATH}/referensi` || path === `${ADMIN_PATH}/referensi/kop`) {
    const profile = online[0]
      ? await couchRequest<{ regencyLogo?: string }>(
          admin,
          'GET',
          `${villageDbName(online[0].code)}/${encodeURIComponent(villageProfileId(online[0].code))}`,
        )
      : null;
    const versions = await versionsOf(admin, officer.regency, 'reference');
    const letterheads = await versionsOf(admin, officer.regency, 'village-profile', LETTERHEAD_KEY);
    const shown = (status: number, note: string) =>
      page(
        status,
        '/referensi',
        'Data referensi dan kop',
        note +
          referenceBody({
            regencyName: (online[0] ?? villages[0])!.names.regencyName,
            logo: profile?.status === 200 ? profile.body.regencyLogo : undefined,
            versions,
            letterheads,
            year: fiscalYearAt(new Date()),
          }),
      );
    if (isRead) {
      const done = url.searchParams.get('pesan');
      return shown(200, done ? message(true, done.slice(0, 300)) : '');
    }
    if (path.endsWith('/kop')) {
      const regencyName = text('nama').trim();
      if (!regencyName || regencyName.length > 80) {
        return shown(400, message(false, 'Nama kabupaten wajib diisi, paling banyak 80 karakter.'));
      }
      const file = form?.get('logo');
      const bytes =
        file && typeof file !== 'string' && file.size > 0
          ? new Uint8Array(await file.arrayBuffer())
          : null;
      const logo = bytes ? readLogo(bytes) : null;
      if (logo && typeof logo !== 'string') return shown(400, message(false, logo.problem));
      // Validated whole above: kept as a version (who, when), then every village's profile, the
      // one document its kop reads (a letter already issued keeps the kop it was rendered with).
      await saveVersion(admin, officer.regency, {
        type: 'village-profile',
        key: LETTERHEAD_KEY,
        changedBy: officer.name,
        content: { regencyName, logo: logo ?? null },
      });
      for (const v of online) {
        await publishVillageNames(admin, {
          villageCode: v.code,
          names: { ...v.names, regencyName },
        });
        if (logo) await publishRegencyLogo(admin, { villageCode: v.code, logo });
      }
      const note = `Kop surat tersimpan di ${online.length} desa${logo ? ', dengan logo baru' : ''}.`;
      return redirect(res, `${ADMIN_PATH}/referensi?pesan=${encodeURIComponent(note)}`);
    }
    const reference = readReferenceForm(text);
    if (typeof reference === 'string') return shown(400, message(false, reference));
    const saved = await publishVersion(
      admin,
      officer.regency,
      {
        type: 'reference',
        key: `${reference.kind}:${reference.code}`,
        changedBy: officer.name,
        content: { ...reference },
      },
      online.map((v) => v.code),
    );
    const note = sentNote(`Referensi ${reference.code}`, saved, online.length);
    return redirect(res, `${ADMIN_PATH}/referensi?pesan=${encodeURIComponent(note)}`);
  }
  if (path === `${ADMIN_PATH}/surat/pratinjau` && req.method === 'POST') {
    const wording = readWordingForm(text);
    if (typeof wording === 'string') return send(res, 400, 'text/plain; charset=utf-8', wording);
    return send(
      res,
      200,
      'text/html; charset=utf-8',
      sampleLetterHtml(wording.letterType, sample, wording),
    );
  }
  return page(404, '', 'Tidak ditemukan', message(false, 'Halaman administrasi tidak dikenal.'));
}

/** What a saved version says: its number and how many villages have it. */
function sentNote(
  what: string,
  saved: { version: { version: number }; failed: readonly string[] },
  villages: number,
): string {
  const late = saved.failed.length
    ? `; ${saved.failed.length} desa belum terkirim (simpan lagi nanti)`
    : '';
  return `${what} versi ${saved.version.version} tersimpan dan dikirim ke ${villages - saved.failed.length} desa${late}.`;
}

function redirect(res: ServerResponse, location: string): void {
  res.statusCode = 303;
  res.setHeader('Location', location);
  res.end();
}
