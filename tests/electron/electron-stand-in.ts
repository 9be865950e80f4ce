// A stand-in for the `electron` module, for running the real electron/main.ts in Node where
// Electron's binary cannot be downloaded (DESIGN decision 3). It does what Electron does at the
// points main.ts relies on, and records what main.ts asked for, nothing more:
// - constructing a BrowserWindow emits `web-contents-created` on the app, as Electron does;
// - a renderer-initiated navigation asks `will-navigate` and goes only if not prevented;
// - sessions keep the handlers main.ts installs, so a test can ask them as Chromium would.
// What it cannot show is whether Electron itself honours those settings: that is the Electron
// end-to-end test's job (tests/electron/kiosk.test.ts), skipped here with its reason.
import { EventEmitter } from 'node:events';

export class StandInEvent {
  defaultPrevented = false;
  constructor(readonly url = '') {}
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

type PermissionRequestHandler = (
  contents: StandInWebContents | null,
  permission: string,
  callback: (granted: boolean) => void,
  details: { requestingUrl?: string },
) => void;
type PermissionCheckHandler = (
  contents: StandInWebContents | null,
  permission: string,
  requestingOrigin: string,
) => boolean;
type BeforeRequest = (
  details: { url: string },
  callback: (response: { cancel?: boolean }) => void,
) => void;

export class StandInSession {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;
  beforeRequest: { urls: string[]; listener: BeforeRequest }[] = [];
  readonly webRequest = {
    onBeforeRequest: (filter: { urls: string[] }, listener: BeforeRequest) => {
      this.beforeRequest.push({ urls: filter.urls, listener });
    },
  };

  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.permissionRequestHandler = handler;
  }

  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    this.permissionCheckHandler = handler;
  }

  /** What Chromium would be told for a permission request (no handler: Electron grants it). */
  requestPermission(contents: StandInWebContents, permission: string, url: string): boolean {
    let granted = true;
    this.permissionRequestHandler?.(contents, permission, (g) => (granted = g), {
      requestingUrl: url,
    });
    return granted;
  }

  /** Whether a request to `url` is cancelled by a listener whose filter matches it. */
  cancels(url: string): boolean {
    return this.beforeRequest.some(({ urls, listener }) => {
      if (!urls.some((pattern) => matches(pattern, url))) return false;
      let cancel = false;
      listener({ url }, (response) => (cancel = response.cancel === true));
      return cancel;
    });
  }
}

/** Chromium's URL patterns as used here: `scheme://*\/*`. */
function matches(pattern: string, url: string): boolean {
  const scheme = pattern.split('://', 1)[0];
  return url.startsWith(`${scheme}://`);
}

let nextContentsId = 1;

export class StandInWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  url = '';
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  devToolsClosed = 0;

  constructor(readonly session: StandInSession) {
    super();
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }

  closeDevTools(): void {
    this.devToolsClosed++;
  }

  getURL(): string {
    return this.url;
  }

  isDestroyed(): boolean {
    return false;
  }

  /** A navigation the page starts (a link, `location.href = …`): Electron asks first. */
  navigate(url: string, event = 'will-navigate'): boolean {
    const asked = new StandInEvent(url);
    this.emit(event, asked);
    if (!asked.defaultPrevented) this.url = url;
    return !asked.defaultPrevented;
  }

  /** `window.open(url)`: what the window-open handler decides. */
  open(url: string): string {
    return this.windowOpenHandler?.({ url }).action ?? 'allow';
  }
}

export interface StandInOptions {
  packaged?: boolean;
  /** What `requestSingleInstanceLock` answers: false = another kiosk already runs. */
  singleInstance?: boolean;
  userData: string;
  appPath: string;
  /** Which button the next message boxes answer with. */
  messageBoxResponse?: number;
}

export type StandIn = ReturnType<typeof createElectronStandIn>;

export function createElectronStandIn(options: StandInOptions) {
  const defaultSession = new StandInSession();
  const record = {
    windows: [] as StandInWindow[],
    quits: 0,
    exits: [] as number[],
    errorBoxes: [] as { title: string; message: string }[],
    messageBoxes: [] as { title?: string; message: string; buttons?: string[] }[],
    applicationMenu: undefined as unknown,
    loginItems: [] as Record<string, unknown>[],
    ipcHandlers: new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>(),
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
    privilegedSchemes: [] as unknown[],
  };
  const paths: Record<string, string> = { userData: options.userData };

  const app = Object.assign(new EventEmitter(), {
    isPackaged: options.packaged ?? false,
    requestSingleInstanceLock: () => options.singleInstance ?? true,
    whenReady: () => Promise.resolve(),
    quit: () => {
      record.quits++;
    },
    exit: (code = 0) => {
      record.exits.push(code);
    },
    getPath: (name: string) => paths[name] ?? options.userData,
    setPath: (name: string, path: string) => {
      paths[name] = path;
    },
    getAppPath: () => options.appPath,
    enableSandbox: () => undefined,
    setLoginItemSettings: (settings: Record<string, unknown>) => {
      record.loginItems.push(settings);
    },
  });

  class StandInWindow extends EventEmitter {
    readonly webContents = new StandInWebContents(defaultSession);
    readonly loads: string[] = [];
    focused = 0;
    restored = 0;
    shown = 0;
    minimized = false;

    constructor(readonly options: Record<string, unknown>) {
      super();
      record.windows.push(this);
      app.emit('web-contents-created', new StandInEvent(), this.webContents);
    }

    loadURL(url: string): Promise<void> {
      this.loads.push(url);
      this.webContents.url = url;
      return Promise.resolve();
    }

    show(): void {
      this.shown++;
    }

    focus(): void {
      this.focused++;
    }

    restore(): void {
      this.restored++;
      this.minimized = false;
    }

    isMinimized(): boolean {
      return this.minimized;
    }

    isDestroyed(): boolean {
      return false;
    }

    destroy(): void {
      this.emit('closed');
    }
  }

  const module = {
    app,
    BrowserWindow: StandInWindow,
    dialog: {
      showErrorBox: (title: string, message: string) => record.errorBoxes.push({ title, message }),
      showMessageBox: (_window: unknown, box: { title?: string; message: string }) => {
        record.messageBoxes.push(box);
        return Promise.resolve({
          response: options.messageBoxResponse ?? 0,
          checkboxChecked: false,
        });
      },
    },
    ipcMain: {
      handle: (
        channel: string,
        handler: (event: unknown, payload: unknown) => Promise<unknown>,
      ) => {
        record.ipcHandlers.set(channel, handler);
      },
    },
    Menu: {
      setApplicationMenu: (menu: unknown) => {
        record.applicationMenu = menu;
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) =>
        record.privilegedSchemes.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => {
        record.protocolHandlers.set(scheme, handler);
      },
    },
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (text: string) => Buffer.from(`sealed:${text}`),
      decryptString: (sealed: Buffer) => sealed.toString().replace(/^sealed:/, ''),
      getSelectedStorageBackend: () => 'gnome_libsecret',
    },
    session: { defaultSession },
  };
  return { module, record, app, defaultSession, StandInWindow };
}
