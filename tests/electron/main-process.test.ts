// The real electron/main.ts, run in Node against a stand-in `electron` module
// (electron-stand-in.ts), because Electron's binary cannot be downloaded here. These are the
// lock-down's regression tests: they fail if a window is opened without the security baseline,
// if a page can navigate to another origin, open a window, attach a webview or get a
// permission it does not need, if an IPC handler answers a foreign sender or takes a malformed
// payload, if a renderer crash is not recovered (or a crash loop not stopped), or if a second
// kiosk process starts. Whether Electron honours what main.ts asks is not shown here: that is
// the Electron end-to-end test (kiosk.test.ts), which needs the binary.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { APP_URL } from '../../electron/app-url';
import { AUTOSTART_FILE } from '../../electron/lockdown-autostart';
import { CRASH_LOOP_MESSAGE } from '../../electron/window-crash-recovery';
import {
  createElectronStandIn,
  StandInEvent,
  type StandIn,
  type StandInOptions,
} from './electron-stand-in';

/**
 * docs/PRINCIPLES.md §2, written out here rather than imported: weakening the factory's own list
 * must fail this test, not change what it expects.
 */
const BASELINE = {
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
};

const ENV_KEYS = [
  'BALAI_DATA_DIR',
  'BALAI_HUB_DATA',
  'BALAI_KIOSK_MODE',
  'BALAI_DEVTOOLS',
  'BALAI_AUTOSTART',
  'BALAI_REGENCY_URL',
  'BALAI_REGENCY_USER',
  'BALAI_REGENCY_PASSWORD',
  'XDG_CONFIG_HOME',
  'APPIMAGE',
];
const savedEnv = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));
const temporary: string[] = [];

afterEach(async () => {
  for (const key of ENV_KEYS) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
  vi.doUnmock('electron');
  vi.resetModules();
  vi.restoreAllMocks();
  await Promise.all(temporary.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Loads electron/main.ts as Electron would start it, with the stand-in as `electron`. */
async function launch(
  options: Partial<StandInOptions> = {},
  env: Record<string, string> = {},
): Promise<StandIn> {
  const root = mkdtempSync(join(tmpdir(), 'balai-main-'));
  temporary.push(root);
  for (const key of ENV_KEYS) delete process.env[key];
  Object.assign(process.env, {
    BALAI_DATA_DIR: join(root, 'data'),
    BALAI_HUB_DATA: join(root, 'no-hub'),
    // Never write into the real home of whoever runs the tests.
    XDG_CONFIG_HOME: join(root, 'config'),
    ...env,
  });
  const standIn = createElectronStandIn({
    userData: join(root, 'data'),
    appPath: root,
    ...options,
  });
  // main.ts logs what it blocks and each crash; the assertions below check the blocking itself.
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  vi.resetModules();
  vi.doMock('electron', () => standIn.module);
  await import('../../electron/main');
  // `app.whenReady().then(start)`, and start's own promises.
  await new Promise((resolve) => setTimeout(resolve, 20));
  return standIn;
}

function kioskWindow(standIn: StandIn) {
  const window = standIn.record.windows[0];
  if (!window) throw new Error('main.ts opened no window');
  return window;
}

function webPreferencesOf(window: { options: Record<string, unknown> }) {
  return window.options.webPreferences as Record<string, unknown>;
}

describe('the kiosk window', () => {
  it('opens one window with the security baseline, locked full screen, no menu, no devtools when packaged', async () => {
    const standIn = await launch({ packaged: true });
    expect(standIn.record.windows).toHaveLength(1);
    const window = kioskWindow(standIn);
    expect(webPreferencesOf(window)).toMatchObject({
      ...BASELINE,
      devTools: false,
    });
    expect(String(webPreferencesOf(window).preload)).toMatch(/preload\.cjs$/);
    expect(window.options).toMatchObject({ kiosk: true, fullscreen: true, autoHideMenuBar: true });
    expect(standIn.record.applicationMenu).toBeNull();
    expect(window.loads).toEqual([APP_URL]);
    window.emit('ready-to-show');
    expect(window.shown).toBe(1);
  });

  it('gives developer tools only to an unpackaged build started with BALAI_DEVTOOLS=1', async () => {
    const cases = [
      { packaged: false, flag: '1', devTools: true },
      { packaged: false, flag: '', devTools: false },
      { packaged: true, flag: '1', devTools: false },
    ];
    for (const { packaged, flag, devTools } of cases) {
      const standIn = await launch({ packaged }, { BALAI_DEVTOOLS: flag, BALAI_KIOSK_MODE: '0' });
      const window = kioskWindow(standIn);
      expect(webPreferencesOf(window).devTools, `packaged=${packaged} flag=${flag}`).toBe(devTools);
      expect(window.options.kiosk).toBe(false);
      // Without the flag, devtools that open anyway (a shortcut Chromium keeps) are shut.
      window.webContents.emit('devtools-opened');
      expect(window.webContents.devToolsClosed).toBe(devTools ? 0 : 1);
    }
  });

  it('builds no window weaker than the baseline; every window built has all of it', async () => {
    const standIn = await launch({ packaged: true });
    // A window someone opens later, asking for less, never gets built.
    const factory = await import('../../electron/window-factory');
    const open = factory.windowFactory(standIn.module.BrowserWindow as never, { devTools: false });
    expect(() => open({ webPreferences: { nodeIntegration: true } })).toThrow(/nodeIntegration/);
    expect(() => open({ webPreferences: { sandbox: false, contextIsolation: false } })).toThrow(
      /contextIsolation, sandbox/,
    );
    open({ show: false, webPreferences: { javascript: false } });
    expect(standIn.record.windows).toHaveLength(2);
    for (const window of standIn.record.windows) {
      expect(webPreferencesOf(window), JSON.stringify(window.options)).toMatchObject(BASELINE);
    }
  });
});

describe('every web contents', () => {
  it('stays on the app: navigation, redirects and frames to another origin are refused', async () => {
    const standIn = await launch();
    // The kiosk window's contents, and one created any other way: both are locked down.
    const contentsList = [
      kioskWindow(standIn).webContents,
      new standIn.StandInWindow({}).webContents,
    ];
    for (const contents of contentsList) {
      for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
        for (const url of [
          'https://example.com/',
          'http://127.0.0.1:5984/_utils/',
          'file:///etc/passwd',
          'balai://other/',
          'javascript:alert(1)',
          'data:text/html,<script>1</script>',
        ]) {
          expect(contents.navigate(url, event), `${event} ${url}`).toBe(false);
        }
        expect(contents.navigate(`${APP_URL}#/arsip`, event)).toBe(true);
      }
    }
  });

  it('opens no window, attaches no webview and reaches no web server', async () => {
    const standIn = await launch();
    const contents = kioskWindow(standIn).webContents;
    expect(contents.open('https://example.com/')).toBe('deny');
    expect(contents.open(APP_URL)).toBe('deny');
    const webview = new StandInEvent('https://example.com/');
    contents.emit('will-attach-webview', webview, {}, {});
    expect(webview.defaultPrevented).toBe(true);
    for (const url of ['https://regency.example/', 'http://127.0.0.1:5984/', 'wss://x.example/']) {
      expect(standIn.defaultSession.cancels(url), url).toBe(true);
    }
    expect(standIn.defaultSession.cancels(`${APP_URL}regency/_changes`)).toBe(false);
  });

  it('denies every permission but geolocation, and that only to the app', async () => {
    const standIn = await launch();
    const session = standIn.defaultSession;
    const contents = kioskWindow(standIn).webContents;
    expect(session.requestPermission(contents, 'geolocation', APP_URL)).toBe(true);
    expect(session.requestPermission(contents, 'geolocation', 'https://evil.example/')).toBe(false);
    expect(session.permissionCheckHandler?.(contents, 'geolocation', 'balai://app')).toBe(true);
    expect(session.permissionCheckHandler?.(contents, 'geolocation', 'https://evil.example')).toBe(
      false,
    );
    for (const permission of [
      'media',
      'notifications',
      'clipboard-read',
      'clipboard-sanitized-write',
      'openExternal',
      'fullscreen',
      'pointerLock',
      'display-capture',
      'fileSystem',
      'unknown',
    ]) {
      expect(session.requestPermission(contents, permission, APP_URL), permission).toBe(false);
      expect(
        session.permissionCheckHandler?.(contents, permission, 'balai://app'),
        permission,
      ).toBe(false);
    }
  });
});

describe('the IPC bridge in the main process', () => {
  const foreignSenders = [
    { senderFrame: null, sender: { id: 999 } },
    { senderFrame: { url: 'https://evil.example/' }, sender: { id: 999 } },
    { senderFrame: { url: 'balai://other/' }, sender: { id: 999 } },
    { senderFrame: { url: 'data:text/html,x' }, sender: { id: 999 } },
  ];

  it('registers a handler for every channel and answers a foreign sender with a refusal', async () => {
    const standIn = await launch();
    const { ipcChannels } = await import('../../shared/ipc');
    expect([...standIn.record.ipcHandlers.keys()].sort()).toEqual(Object.keys(ipcChannels).sort());
    for (const [channel, handler] of standIn.record.ipcHandlers) {
      for (const event of foreignSenders) {
        expect(await handler(event, null), `${channel} from ${JSON.stringify(event)}`).toEqual({
          ok: false,
          error: 'Permintaan ditolak: tidak berasal dari aplikasi Balai.',
        });
      }
    }
    // A refused call changes nothing: no regency connection was saved.
    const handler = standIn.record.ipcHandlers.get('kiosk:set-regency')!;
    await handler(foreignSenders[1], {
      url: 'https://evil.example/',
      username: 'a',
      password: 'b',
    });
    expect(existsSync(join(process.env.BALAI_DATA_DIR!, 'config.json'))).toBe(false);
  });

  it('refuses a malformed payload on every channel, in Indonesian, after the door', async () => {
    const standIn = await launch();
    const { CHANNEL_ACCESS } = await import('../../shared/ipc');
    const { refusal } = await import('../../shared/staff/permissions');
    const fromApp = { senderFrame: { url: APP_URL }, sender: { id: 1 } };
    const malformed: unknown[] = ['\u0000', 42, ['x'], { __proto__: { polluted: true } }, true];
    const call = (channel: string, payload: unknown) =>
      standIn.record.ipcHandlers.get(channel)!(fromApp, payload) as Promise<{
        ok: boolean;
        error?: string;
      }>;
    // Signed out: a staff channel turns the caller away before it reads the payload (decision
    // 0013), every other channel names what is wrong with it.
    for (const channel of standIn.record.ipcHandlers.keys()) {
      const access = CHANNEL_ACCESS[channel as keyof typeof CHANNEL_ACCESS];
      for (const payload of malformed) {
        // `{}` is a valid payload of nothing for no channel: every request is null or has fields.
        const answer = await call(channel, payload);
        expect(answer.ok, `${channel} took ${JSON.stringify(payload)}`).toBe(false);
        expect(answer.error, channel).toMatch(
          access.who === 'staff' ? /^Silakan masuk \(login\)/ : /^Data tidak sah: /,
        );
      }
    }
    // Signed in as the first administrator: every staff channel the role may take reads the
    // payload and refuses it in Indonesian.
    const admin = await call('staff:setup', {
      villageCode: '3510172001',
      kioskId: 'k1',
      villageName: 'Sumberrejo',
      admin: { name: 'Admin Desa', secret: '112233' },
      regency: null,
    });
    expect(admin.ok).toBe(true);
    let checked = 0;
    for (const [channel, access] of Object.entries(CHANNEL_ACCESS)) {
      if (access.who !== 'staff' || refusal('administrator', access.action)) continue;
      checked += 1;
      for (const payload of malformed) {
        const answer = await call(channel, payload);
        expect(answer.ok, `${channel} took ${JSON.stringify(payload)}`).toBe(false);
        expect(answer.error, channel).toMatch(/^Data tidak sah: /);
      }
    }
    expect(checked).toBeGreaterThan(5);
    // The same handlers do answer the app itself when the payload is right.
    const config = (await standIn.record.ipcHandlers.get('kiosk:get-config')!(fromApp, null)) as {
      ok: boolean;
      value: { shell: string };
    };
    expect(config).toMatchObject({ ok: true, value: { shell: 'electron' } });
  });
});

describe('a renderer crash', () => {
  it('reloads the app after a crash, ignores a clean exit, and stops a crash loop with a message', async () => {
    const standIn = await launch({ messageBoxResponse: 1 });
    const window = kioskWindow(standIn);
    const gone = (reason: string) =>
      window.webContents.emit('render-process-gone', new StandInEvent(), { reason, exitCode: 1 });

    gone('clean-exit');
    expect(window.loads).toEqual([APP_URL]);
    gone('crashed');
    expect(window.loads).toEqual([APP_URL, APP_URL]);
    gone('oom');
    expect(window.loads).toEqual([APP_URL, APP_URL, APP_URL]);
    expect(standIn.record.messageBoxes).toEqual([]);

    // The third within a minute: a loop. No reload; staff are told, and choose to close.
    gone('crashed');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(window.loads).toHaveLength(3);
    expect(standIn.record.messageBoxes).toEqual([
      expect.objectContaining({
        title: CRASH_LOOP_MESSAGE.title,
        buttons: CRASH_LOOP_MESSAGE.buttons,
      }),
    ]);
    expect(standIn.record.quits).toBe(1);
  });

  it('tries again when staff choose "Coba lagi"', async () => {
    const standIn = await launch({ messageBoxResponse: 0 });
    const window = kioskWindow(standIn);
    for (let i = 0; i < 3; i++) {
      window.webContents.emit('render-process-gone', new StandInEvent(), {
        reason: 'crashed',
        exitCode: 1,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(standIn.record.messageBoxes).toHaveLength(1);
    expect(window.loads).toHaveLength(4);
    expect(standIn.record.quits).toBe(0);
    // The count starts again: the next crash reloads without a message.
    window.webContents.emit('render-process-gone', new StandInEvent(), {
      reason: 'crashed',
      exitCode: 1,
    });
    expect(window.loads).toHaveLength(5);
    expect(standIn.record.messageBoxes).toHaveLength(1);
  });
});

describe('one kiosk at a time', () => {
  it('quits at once when another kiosk already runs, opening nothing', async () => {
    const standIn = await launch({ singleInstance: false });
    expect(standIn.record.quits).toBe(1);
    expect(standIn.record.windows).toEqual([]);
    expect(standIn.record.ipcHandlers.size).toBe(0);
    expect(standIn.record.protocolHandlers.size).toBe(0);
  });

  it('brings the running kiosk forward when launched again', async () => {
    const standIn = await launch();
    const window = kioskWindow(standIn);
    window.minimized = true;
    standIn.app.emit('second-instance', new StandInEvent(), ['balai'], '/');
    expect(window.restored).toBe(1);
    expect(window.focused).toBe(1);
    expect(standIn.record.windows).toHaveLength(1);
  });
});

describe('start at login', () => {
  it.skipIf(process.platform !== 'linux')(
    'writes the XDG autostart entry for a packaged kiosk (the AppImage file), and removes it with BALAI_AUTOSTART=0',
    async () => {
      await launch({ packaged: true }, { APPIMAGE: '/opt/kiosk/Balai 0.1.0.AppImage' });
      const entry = join(process.env.XDG_CONFIG_HOME!, 'autostart', AUTOSTART_FILE);
      await vi.waitFor(() => expect(existsSync(entry)).toBe(true));
      expect(readFileSync(entry, 'utf8')).toContain('Exec="/opt/kiosk/Balai 0.1.0.AppImage"');

      const configHome = process.env.XDG_CONFIG_HOME!;
      await launch({ packaged: true }, { BALAI_AUTOSTART: '0', XDG_CONFIG_HOME: configHome });
      await vi.waitFor(() => expect(existsSync(entry)).toBe(false));
    },
  );

  it('leaves the setting alone in a development build', async () => {
    const standIn = await launch({ packaged: false });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(standIn.record.loginItems).toEqual([]);
    expect(existsSync(join(process.env.XDG_CONFIG_HOME!, 'autostart'))).toBe(false);
  });
});
