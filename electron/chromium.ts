// Opening the browser kiosk in an installed Chromium, as an app window without browser chrome.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Env } from './host/config-store';

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** Debian's Chromium first, then the usual names on PATH; null when none is installed. */
export function findChromium(env: Env): string | null {
  const paths = ['/usr/bin/chromium'];
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of CANDIDATES) paths.push(join(dir, name));
  }
  return paths.find(isExecutable) ?? null;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function hasDisplay(env: Env): boolean {
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

export interface ChromiumLaunch {
  url: string;
  profileDir: string;
  /** Full screen with no way out but Alt+F4, for a kiosk at the counter. */
  kiosk: boolean;
  runningAsRoot: boolean;
}

export function chromiumArgs({ url, profileDir, kiosk, runningAsRoot }: ChromiumLaunch): string[] {
  return [
    ...(kiosk ? ['--kiosk', url] : [`--app=${url}`]),
    // Its own profile: the renderer's IndexedDB lives here, apart from anyone's browsing.
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    // The kiosk talks to nobody but its loopback host.
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    // Chromium refuses to start as root with its sandbox on.
    ...(runningAsRoot ? ['--no-sandbox'] : []),
  ];
}
