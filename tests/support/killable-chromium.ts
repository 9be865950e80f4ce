// Debian's Chromium as a process of our own, so a test can SIGKILL it (and every child it forked)
// the way a power cut or the task manager would; playwright-core attaches over CDP. The profile
// folder is kept between launches: the next launch is the kiosk starting after the crash.
import { spawn, type ChildProcess } from 'node:child_process';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_PATH } from './chromium';

export interface KillableChromium {
  page: Page;
  /** SIGKILL to the browser's whole process group; resolves once it is gone. */
  kill(): Promise<void>;
}

/** Starts Chromium on `profileDir` with one blank page; the caller opens the kiosk in it. */
export async function launchKillableChromium(profileDir: string): Promise<KillableChromium> {
  const child = spawn(
    CHROMIUM_PATH,
    [
      '--headless=new',
      '--remote-debugging-port=0',
      `--user-data-dir=${profileDir}`,
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      '--lang=id-ID',
      // The office PC's screen: in headless Chromium's small default window the desk's rows
      // scroll sideways and their Buka button was never clicked, so no round ever approved.
      '--window-size=1366,768',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-extensions',
      '--mute-audio',
      '--password-store=basic',
      // A killed browser would otherwise offer to restore its tabs.
      '--disable-session-crashed-bubble',
      'about:blank',
    ],
    {
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, TZ: 'Asia/Jakarta' },
    },
  );
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const endpoint = await devToolsEndpoint(child);
  const browser: Browser = await chromium.connectOverCDP(endpoint);
  const context = browser.contexts()[0]!;
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (err) => console.error('page error:', err.message));
  return {
    page,
    async kill() {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
      await exited;
      // The children (renderer, GPU, utility processes) go down with the group; wait for them too,
      // so nothing of this browser still holds the profile when the next one starts.
      for (let i = 0; i < 100 && groupAlive(child.pid!); i++) await sleep(50);
      // The CDP connection is dead; dropping it quietly.
      await browser.close().catch(() => undefined);
    },
  };
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function devToolsEndpoint(child: ChildProcess): Promise<string> {
  return new Promise((done, fail) => {
    let seen = '';
    const timer = setTimeout(() => fail(new Error(`Chromium did not start: ${seen}`)), 20_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        done(match[1]!);
      }
    });
    child.once('exit', (code) => fail(new Error(`Chromium exited (${code}): ${seen}`)));
  });
}
