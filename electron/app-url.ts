// The Electron shell's own origin. A privileged standard scheme instead of file:// gives the
// renderer a real origin (IndexedDB, fetch, CSP 'self') that no web page can share.
export const APP_SCHEME = 'balai';
export const APP_HOST = 'app';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/`;

/** True for URLs on the app's origin: the only place the window may be, and IPC may come from. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}
