// The one place a BrowserWindow is constructed (eslint's no-restricted-syntax keeps
// `new BrowserWindow` out of every other file). Whatever a caller asks for, the window gets the
// security baseline of docs/PRINCIPLES.md §2; a caller that asks for less is a bug, and fails
// loudly here instead of opening a weaker window.
import type { BrowserWindow, BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/** What every window of Balai runs with: the renderer is a web page, never Node. */
export const BASELINE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
} as const satisfies WebPreferences;

type Baseline = typeof BASELINE_WEB_PREFERENCES;

/** The `BrowserWindow` class, passed in so the factory can be exercised without Electron. */
export type WindowClass = new (options: BrowserWindowConstructorOptions) => BrowserWindow;

export interface WindowPolicy {
  /** Developer tools: only with the explicit developer flag (see `devToolsAllowed`). */
  devTools: boolean;
}

/** Opens windows that always carry the baseline; the only way the shell opens a window. */
export function windowFactory(
  Window: WindowClass,
  policy: WindowPolicy,
): (options: BrowserWindowConstructorOptions) => BrowserWindow {
  return (options) => new Window(lockedOptions(options, policy));
}

/** `options` with the baseline (and the devtools policy) in force. Throws if they would weaken it. */
export function lockedOptions(
  options: BrowserWindowConstructorOptions,
  policy: WindowPolicy,
): BrowserWindowConstructorOptions {
  const asked: WebPreferences = options.webPreferences ?? {};
  const weakened = (Object.keys(BASELINE_WEB_PREFERENCES) as (keyof Baseline)[]).filter(
    (key) => asked[key] !== undefined && asked[key] !== BASELINE_WEB_PREFERENCES[key],
  );
  if (weakened.length > 0) {
    throw new Error(`A Balai window may not weaken its security baseline: ${weakened.join(', ')}.`);
  }
  if (asked.devTools === true && !policy.devTools) {
    throw new Error('Developer tools need BALAI_DEVTOOLS=1 on an unpackaged build.');
  }
  return {
    ...options,
    webPreferences: {
      ...asked,
      ...BASELINE_WEB_PREFERENCES,
      devTools: policy.devTools && asked.devTools !== false,
    },
  };
}

/** True when `preferences` carry the whole baseline: what the regression tests assert. */
export function hasBaseline(preferences: WebPreferences | undefined): boolean {
  return (Object.keys(BASELINE_WEB_PREFERENCES) as (keyof Baseline)[]).every(
    (key) => preferences?.[key] === BASELINE_WEB_PREFERENCES[key],
  );
}

/**
 * Developer tools are for developers: never in a packaged (production) build, and in a
 * development build only when asked for with `BALAI_DEVTOOLS=1`.
 */
export function devToolsAllowed(
  env: Record<string, string | undefined>,
  packaged: boolean,
): boolean {
  return !packaged && env.BALAI_DEVTOOLS?.trim() === '1';
}

/** The service desk's window: full screen and locked in kiosk mode, no menu bar either way. */
export function kioskWindowOptions(options: {
  kiosk: boolean;
  preload: string;
}): BrowserWindowConstructorOptions {
  return {
    title: 'Balai',
    width: 1280,
    height: 800,
    kiosk: options.kiosk,
    // Only when locked: an explicit `false` would also hide the fullscreen button on macOS.
    ...(options.kiosk ? { fullscreen: true } : {}),
    autoHideMenuBar: true,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: { preload: options.preload, spellcheck: false },
  };
}
