// The Electron shell: one locked-down window on the app's own `balai://app/` origin. Files and
// the `/regency/` proxy are answered in-process by the same host modules the browser kiosk
// uses; the bridge is `ipcMain.handle`, one channel per entry of `shared/ipc.ts`.
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  protocol,
  safeStorage,
  session,
  type WebContents,
} from 'electron';
import { join, resolve } from 'node:path';
import { ipcChannels, type IpcChannel } from '../shared/ipc';
import { APP_HOST, APP_SCHEME, APP_URL, isAppUrl } from './app-url';
import { createAppRequestHandler } from './host/app-requests';
import {
  BridgeRefusal,
  createBridgeHandlers,
  invokeBridge,
  readLetterKey,
} from './host/bridge-handlers';
import {
  ConfigError,
  ConfigStore,
  ENV_NAMES,
  readKioskMode,
  type SecretCodec,
} from './host/config-store';
import { jsonResponse } from './host/host-exchange';
import { RegencyProxy, regencyTargetOf } from './host/regency-proxy';
import { WindowSessions } from './host/staff-session';
import { hostRequestFromWeb, webResponseFrom } from './host/web-exchange';
import type { IpcResult } from './ipc-result';

// Before `ready`, so Chromium's profile (the renderer's IndexedDB) moves along with our config.
const dataDirOverride = process.env[ENV_NAMES.dataDir]?.trim();
if (dataDirOverride) app.setPath('userData', resolve(dataDirOverride));

// Standard + secure: a real origin with IndexedDB and a secure context; fetch for `/regency/`.
protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
  },
]);
app.enableSandbox();

const safeStorageCodec: SecretCodec = {
  scheme: 'safeStorage',
  seal: (secret) => {
    if (!safeStorage.isEncryptionAvailable()) {
      throw new BridgeRefusal(
        'Penyimpanan rahasia sistem operasi tidak tersedia, jadi kata sandi sinkronisasi tidak disimpan.',
        503,
      );
    }
    return safeStorage.encryptString(secret).toString('base64');
  },
  open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
};

if (!app.requestSingleInstanceLock()) {
  // A second kiosk process on the same data would fight over IndexedDB; the first one wins.
  app.quit();
} else {
  app.on('web-contents-created', (_event, contents) => lockDown(contents));
  app.on('window-all-closed', () => app.quit());
  app.whenReady().then(start, (error: unknown) => fail(error));
}

function start(): void {
  let store: ConfigStore;
  try {
    store = new ConfigStore({
      dataDir: app.getPath('userData'),
      env: process.env,
      defaultHubDir: join(app.getAppPath(), '.data', 'hub'),
      codec: safeStorageCodec,
    });
  } catch (error) {
    fail(error);
    return;
  }

  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    console.warn(
      'No OS keyring found: safeStorage falls back to a fixed key, so the sync password is only ' +
        'obscured in the config file (which is still readable by this user only).',
    );
  }

  const proxy = new RegencyProxy(() => regencyTargetOf(store.settings()));
  app.on('will-quit', () => proxy.close());
  const serveApp = createAppRequestHandler({
    rendererDir: join(__dirname, '..', 'renderer'),
    proxy,
  });

  protocol.handle(APP_SCHEME, async (request) => {
    if (new URL(request.url).host !== APP_HOST) {
      return webResponseFrom(jsonResponse(404, { error: 'Berkas tidak ditemukan.' }));
    }
    const hostRequest = hostRequestFromWeb(request);
    // Answers from a protocol handler skip the part of Chromium's network stack that decodes
    // Content-Encoding, so the regency must answer uncompressed here.
    delete hostRequest.headers['accept-encoding'];
    return webResponseFrom(await serveApp(hostRequest));
  });

  const bridge = createBridgeHandlers(store, 'electron', readLetterKey(process.env));
  // A reloaded or crashed renderer starts signed out: its unsaved work is gone, so is its session.
  const sessions = new WindowSessions();
  app.on('web-contents-created', (_event, contents) => {
    const id = contents.id;
    contents.on('did-start-navigation', (details) => {
      if (details.isMainFrame && !details.isSameDocument) sessions.end(id);
    });
    contents.on('render-process-gone', () => sessions.end(id));
    contents.once('destroyed', () => sessions.end(id));
  });
  for (const channel of Object.keys(ipcChannels) as IpcChannel[]) {
    ipcMain.handle(channel, async (event, payload: unknown): Promise<IpcResult<unknown>> => {
      if (!event.senderFrame || !isAppUrl(event.senderFrame.url)) {
        return { ok: false, error: 'Permintaan ditolak: tidak berasal dari aplikasi Balai.' };
      }
      const outcome = await invokeBridge(bridge, channel, payload, sessions.slot(event.sender.id));
      return outcome.ok ? { ok: true, value: outcome.value } : { ok: false, error: outcome.error };
    });
  }

  const ses = session.defaultSession;
  // The renderer uses no permission-gated API (camera, notifications, clipboard, …): deny all,
  // and grant one here, named, when a feature needs it.
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  // Beside the CSP: the page has no business with any web server; the regency goes via the host.
  ses.webRequest.onBeforeRequest(
    { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] },
    (_details, callback) => callback({ cancel: true }),
  );

  const window = openWindow(readKioskMode(process.env) ?? app.isPackaged);
  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
}

function openWindow(kiosk: boolean): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Balai',
    width: 1280,
    height: 800,
    kiosk,
    autoHideMenuBar: true,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_URL);
  return window;
}

/** Applied to every web contents: it stays on the app's origin and opens nothing else. */
function lockDown(contents: WebContents): void {
  // Moving within the app (a link to another route) is harmless; leaving it is not.
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

function fail(error: unknown): void {
  const message = error instanceof ConfigError ? error.message : String(error);
  console.error(`Balai cannot start: ${message}`);
  dialog.showErrorBox('Balai tidak dapat dimulai', message);
  app.exit(1);
}
