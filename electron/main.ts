// The Electron shell: one locked-down window on the app's own `balai://app/` origin. Files and
// the `/regency/` proxy are answered in-process by the same host modules the browser kiosk
// uses; the bridge is `ipcMain.handle`, one channel per entry of `shared/ipc.ts`.
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage } from 'electron';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { ipcChannels, type IpcChannel } from '../shared/ipc';
import { APP_HOST, APP_SCHEME, APP_URL, isAppUrl } from './app-url';
import { createAppRequestHandler } from './host/app-requests';
import { BridgeRefusal, createBridgeHandlers, invokeBridge } from './host/bridge-handlers';
import {
  ConfigError,
  ConfigStore,
  ENV_NAMES,
  readKioskMode,
  type SecretCodec,
} from './host/config-store';
import { jsonResponse } from './host/host-exchange';
import { electronLetterOutput, readPrinterSetting } from './host/letter-print';
import { RegencyProxy, regencyTargetOf } from './host/regency-proxy';
import { WindowSessions } from './host/staff-session';
import { hostRequestFromWeb, webResponseFrom } from './host/web-exchange';
import type { IpcResult } from './ipc-result';
import { installLockdown } from './lockdown';
import { applyAutostart, configHomeOf, executableOf, readAutostart } from './lockdown-autostart';
import { recoverFromCrashes } from './window-crash-recovery';
import { devToolsAllowed, kioskWindowOptions, windowFactory } from './window-factory';

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

const devTools = devToolsAllowed(process.env, app.isPackaged);
/** Every window of the shell comes from here, with the security baseline (window-factory.ts). */
const openLockedWindow = windowFactory(BrowserWindow, { devTools });

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
  installLockdown(app, { isAppUrl, devTools, log: (line) => console.warn(line) });
  // No menu bar, and none of the default menu's shortcuts (reload, devtools, zoom, quit).
  Menu.setApplicationMenu(null);
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

  const bridge = createBridgeHandlers(
    store,
    'electron',
    electronLetterOutput({
      openWindow: openLockedWindow,
      dataDir: app.getPath('userData'),
      printer: () => readPrinterSetting(process.env),
    }),
  );
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

  const window = openKioskWindow(readKioskMode(process.env) ?? app.isPackaged);
  // A second launch (a double click on the icon, the login item) shows the running kiosk.
  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  const autostart = readAutostart(process.env, app.isPackaged);
  if (autostart !== null) {
    applyAutostart(autostart, {
      platform: process.platform,
      setLoginItemSettings: (settings) => app.setLoginItemSettings(settings),
      executable: executableOf(process.env, process.execPath),
      configHome: configHomeOf(process.env, homedir()),
    }).catch((error: unknown) => console.warn(`Start at login was not set: ${String(error)}`));
  }
}

function openKioskWindow(kiosk: boolean): BrowserWindow {
  const window = openLockedWindow(
    kioskWindowOptions({ kiosk, preload: join(__dirname, 'preload.cjs') }),
  );
  recoverFromCrashes(window, {
    url: APP_URL,
    dialog,
    quit: () => app.quit(),
    log: (line) => console.error(line),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_URL);
  return window;
}

function fail(error: unknown): void {
  const message = error instanceof ConfigError ? error.message : String(error);
  console.error(`Balai cannot start: ${message}`);
  dialog.showErrorBox('Balai tidak dapat dimulai', message);
  app.exit(1);
}
