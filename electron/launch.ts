// What `npm start` runs after the build. Where the Electron binary exists, the Electron kiosk;
// where it does not (DESIGN decision 3), the browser kiosk: the same renderer and host served on
// loopback, opened in Chromium as an app window when there is one and a display to show it on.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumArgs, findChromium, hasDisplay } from './chromium';
import { findElectronBinary } from './electron-binary';
import { startBrowserKiosk } from './host/browser-kiosk';
import { ConfigError, ENV_NAMES, readKioskMode } from './host/config-store';

const DEFAULT_PORT = 5174;
const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// Chromium and Electron both refuse to run their sandbox as root (containers, live systems).
const runningAsRoot = process.getuid?.() === 0;

const electronBinary = findElectronBinary();
if (electronBinary) runElectron(electronBinary);
else await runBrowserKiosk();

function runElectron(binary: string): void {
  // The project root is the app dir: package.json `main` points at dist/electron/main.cjs.
  const child = spawn(binary, [...(runningAsRoot ? ['--no-sandbox'] : []), projectRoot], {
    stdio: 'inherit',
  });
  // Ctrl+C reaches Electron too (same process group); wait for it to quit rather than orphan it.
  process.on('SIGINT', () => undefined);
  child.on('error', (error) => {
    console.error(`Electron could not be started: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code) => process.exit(code ?? 1));
}

async function runBrowserKiosk(): Promise<void> {
  console.log(
    'Electron is not available on this machine (its binary could not be downloaded), so Balai runs as a browser kiosk instead.',
  );
  const env = process.env;
  const rendererDir = join(projectRoot, 'dist', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    exitWith(
      `The renderer is not built (${rendererDir} has no index.html); run "npm run build" first.`,
    );
  }
  const dataDir = resolve(env[ENV_NAMES.dataDir]?.trim() || join(projectRoot, '.data', 'kiosk'));
  const port = portFrom(env[ENV_NAMES.port]);

  const kiosk = await startBrowserKiosk({ port, dataDir, rendererDir, env }).catch(
    (error: unknown) => {
      if (error instanceof ConfigError) exitWith(`Configuration error: ${error.message}`);
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        exitWith(
          `Port ${port} is in use; set ${ENV_NAMES.port} to another port (0 picks a free one).`,
        );
      }
      throw error;
    },
  );
  console.log(`Balai is served at ${kiosk.url}`);

  // Only the window opened with this one-time URL may use the bridge and the regency proxy.
  const browser = openChromium(kiosk.launchUrl(), join(dataDir, 'chromium-profile'));
  // The anjungan mandiri is a second window of this browser (its own one-time door, resident
  // mode); the office opens it on the residents' screen, and the call screen from there.
  console.log(
    `Anjungan mandiri (residents' screen): open ${kiosk.anjunganLaunchUrl()} once in a second ` +
      'window of the same browser; then /anjungan/?layar=panggilan there is the call screen.',
  );
  const shutdown = () => {
    browser?.kill();
    void kiosk.close().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

/** Chromium showing the kiosk, or null (with a hint to open the URL) when it cannot be shown. */
function openChromium(url: string, profileDir: string): ChildProcess | null {
  const chromium = findChromium(process.env);
  if (!chromium || !hasDisplay(process.env)) {
    const why = chromium ? 'there is no display' : 'no Chromium is installed';
    console.log(
      `Open ${url} in a browser (${why}); the link works once, for one window. Press Ctrl+C to stop.`,
    );
    return null;
  }
  const kiosk = readKioskMode(process.env) ?? false;
  const child = spawn(chromium, chromiumArgs({ url, profileDir, kiosk, runningAsRoot }), {
    stdio: 'ignore',
  });
  child.on('error', (error) =>
    console.log(`Chromium could not be started (${error.message}); open ${url} instead.`),
  );
  console.log('Opened in Chromium. Press Ctrl+C to stop.');
  return child;
}

function portFrom(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    exitWith(`${ENV_NAMES.port} must be a port number from 0 to 65535, not "${value}".`);
  }
  return port;
}

function exitWith(message: string): never {
  console.error(message);
  process.exit(1);
}
