// The security baseline of docs/PRINCIPLES.md §2 applied to EVERY web contents the shell ever
// has (the kiosk window, the hidden print window, anything a later feature adds), from
// `app.on('web-contents-created')`, so no code path can open one without it: it stays on its
// origin, opens no windows, attaches no webviews, asks for no permission it does not need,
// and reaches no web server (the regency goes through the host's `/regency/` proxy).
import type { App, PermissionRequest, Session, WebContents } from 'electron';

export interface LockdownPolicy {
  /** Where the contents may navigate to: the app's own origin. */
  isAppUrl: (url: string) => boolean;
  /** Developer tools allowed (the explicit developer flag); otherwise closed if they open. */
  devTools: boolean;
  log?: (line: string) => void;
}

/**
 * Permissions the app's own pages may have; everything else, and everything for any other
 * origin, is denied. Geolocation: the photo input records where a photo was taken (and saves
 * without it when refused).
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['geolocation']);

/** No page of the app talks to a web server directly: the CSP says so, the session enforces it. */
export const BLOCKED_REQUEST_URLS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'];

export function installLockdown(app: App, policy: LockdownPolicy): void {
  app.on('web-contents-created', (_event, contents) => lockDown(contents, policy));
}

const lockedSessions = new WeakSet<Session>();

/** Applies the baseline to one web contents (and, once, to its session). */
export function lockDown(contents: WebContents, policy: LockdownPolicy): void {
  const log = policy.log ?? (() => undefined);
  // Moving within the app (another route) is harmless; leaving it is not.
  const stayOnApp = (event: { url: string; preventDefault(): void }, what: string) => {
    if (policy.isAppUrl(event.url)) return;
    event.preventDefault();
    log(`Blocked ${what} to ${event.url}`);
  };
  contents.on('will-navigate', (event) => stayOnApp(event, 'navigation'));
  contents.on('will-frame-navigate', (event) => stayOnApp(event, 'frame navigation'));
  contents.on('will-redirect', (event) => stayOnApp(event, 'redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('Blocked a webview');
  });
  contents.setWindowOpenHandler(({ url }) => {
    log(`Blocked a new window for ${url}`);
    return { action: 'deny' };
  });
  if (!policy.devTools) {
    contents.on('devtools-opened', () => contents.closeDevTools());
  }
  lockSession(contents.session, policy);
}

function lockSession(session: Session, policy: LockdownPolicy): void {
  if (lockedSessions.has(session)) return;
  lockedSessions.add(session);
  session.setPermissionRequestHandler((contents, permission, callback, details) =>
    callback(isAllowed(permission, requestingUrl(contents, details), policy)),
  );
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isAllowed(permission, requestingOrigin, policy),
  );
  session.webRequest.onBeforeRequest({ urls: BLOCKED_REQUEST_URLS }, (_details, callback) =>
    callback({ cancel: true }),
  );
}

function requestingUrl(contents: WebContents | null, details: PermissionRequest): string {
  return details.requestingUrl ?? contents?.getURL() ?? '';
}

/** A permission is granted only when named above and asked for by the app's own origin. */
export function isAllowed(permission: string, url: string, policy: LockdownPolicy): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && policy.isAppUrl(url);
}
