// The browser kiosk's front door (decision 0013). Its loopback port answers any local process, so
// the bridge (`/api/*`) and the regency proxy (`/regency/*`, which adds the kiosk's regency
// credentials) answer only the window the host launched. The host mints a one-time launch token
// and opens (or prints) `/launch?token=…`; the first request with it gets a random window key in
// an HttpOnly, SameSite=Strict cookie and is sent on to `/`, so the token leaves the address bar
// and, used once, is worth nothing to whoever reads it later in the process list or the terminal.
// Keys and tokens live in memory: a restarted host admits only the windows it launches anew.
import { randomBytes } from 'node:crypto';
import { ANJUNGAN_PATH } from '../../shared/anjungan/channels';
import { jsonResponse, type HostResponse } from './host-exchange';
import { cookieValue } from './staff-session';

export const WINDOW_COOKIE = 'balai_window';
export const LAUNCH_PATH = '/launch';

export class LaunchDoor {
  private readonly unusedTokens = new Set<string>();
  private readonly windowKeys = new Set<string>();

  /**
   * A new one-time launch path, `/launch?token=…`, relative to the kiosk's origin; with
   * `anjungan`, the window it admits opens the residents' anjungan (decision 0026).
   */
  mintLaunchPath(to: 'desk' | 'anjungan' = 'desk'): string {
    const token = randomBytes(32).toString('base64url');
    this.unusedTokens.add(token);
    return `${LAUNCH_PATH}?token=${token}${to === 'anjungan' ? '&to=anjungan' : ''}`;
  }

  isLaunchPath(path: string): boolean {
    return path.split('?')[0] === LAUNCH_PATH;
  }

  /** The answer to `GET /launch?token=…`: the window's cookie and on to `/`, once per token. */
  enter(method: string, path: string): HostResponse {
    if (method !== 'GET') return jsonResponse(405, { error: 'Gunakan GET untuk membuka kios.' });
    const query = new URLSearchParams(path.split('?')[1] ?? '');
    const token = query.get('token') ?? '';
    if (!this.unusedTokens.delete(token)) {
      return jsonResponse(401, {
        error:
          'Tautan pembuka kios ini sudah dipakai atau tidak sah. Jalankan kios lagi (npm start) untuk mendapat tautan baru.',
      });
    }
    const key = randomBytes(32).toString('base64url');
    this.windowKeys.add(key);
    return {
      status: 303,
      headers: {
        location: query.get('to') === 'anjungan' ? ANJUNGAN_PATH : '/',
        'set-cookie': `${WINDOW_COOKIE}=${key}; Path=/; HttpOnly; SameSite=Strict`,
        'cache-control': 'no-store',
        'content-length': '0',
      },
      body: null,
    };
  }

  /** Whether a request's Cookie header carries the key of a window this host launched. */
  admits(cookieHeader: string | undefined): boolean {
    const key = cookieValue(cookieHeader, WINDOW_COOKIE);
    return key !== null && this.windowKeys.has(key);
  }
}

/** The refusal for anything else that asks for the bridge or the proxy. */
export function notLaunchedWindow(path: string): HostResponse {
  const reason =
    'Permintaan ini tidak berasal dari jendela yang dibuka oleh kios Balai. Tutup jendela ini lalu jalankan kios lagi (npm start).';
  // The proxy answers in CouchDB's shape, with a name of its own: not the regency refusing the kiosk.
  return path.startsWith('/regency/')
    ? jsonResponse(401, { error: 'window_not_launched', reason })
    : jsonResponse(401, { error: reason });
}
