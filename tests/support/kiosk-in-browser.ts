// The kiosk as staff meet it in an end-to-end test: the browser kiosk serving the built renderer
// (dist/renderer) on a fixed loopback port, opened in Debian's Chromium with a profile of its
// own. The kiosk's data lives in that origin's IndexedDB, so a restart reuses port and profile.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { startBrowserKiosk, type RunningKiosk } from '../../electron/host/browser-kiosk';
import { launchKioskBrowser } from './chromium';
import { freePort } from './ports';

export interface KioskInBrowserOptions {
  villageCode: string;
  kioskId?: string;
  /** The regency's root URL; by default a loopback port nobody listens on (the kiosk is offline). */
  regencyUrl?: string;
  password?: string;
  /** Further BALAI_* variables for the kiosk host (e.g. BALAI_LETTER_KEY). */
  env?: Record<string, string>;
}

export interface KioskInBrowser {
  page: Page;
  /** Closes browser and kiosk, keeping their data, and opens them again on the same origin. */
  restart(): Promise<Page>;
  /** Closes everything and removes the kiosk's data. */
  close(): Promise<void>;
}

export async function openKioskInBrowser(options: KioskInBrowserOptions): Promise<KioskInBrowser> {
  const work = await mkdtemp(join(tmpdir(), 'balai-e2e-'));
  const port = await freePort();
  const kioskId = options.kioskId ?? 'k1';
  const regencyUrl = options.regencyUrl ?? `http://127.0.0.1:${await freePort()}/`;
  let kiosk: RunningKiosk | null = null;
  let browser: BrowserContext | null = null;

  async function open(): Promise<Page> {
    kiosk = await startBrowserKiosk({
      port,
      dataDir: join(work, 'kiosk'),
      rendererDir: join(process.cwd(), 'dist/renderer'),
      env: {
        BALAI_VILLAGE_CODE: options.villageCode,
        BALAI_KIOSK_ID: kioskId,
        BALAI_REGENCY_URL: regencyUrl,
        BALAI_REGENCY_USER: `kiosk-${options.villageCode}-${kioskId}`,
        BALAI_REGENCY_PASSWORD: options.password ?? 'tidak-ada',
        ...options.env,
      },
    });
    browser = await launchKioskBrowser(join(work, 'chromium-profile'));
    const page = browser.pages()[0] ?? (await browser.newPage());
    page.on('pageerror', (err) => console.error('page error:', err.message));
    await page.goto(kiosk.url);
    await page.getByRole('heading', { name: 'Layanan Surat' }).waitFor();
    return page;
  }

  async function stop() {
    await browser?.close();
    await kiosk?.close();
    browser = null;
    kiosk = null;
  }

  const handle: KioskInBrowser = {
    page: await open(),
    async restart() {
      await stop();
      handle.page = await open();
      return handle.page;
    },
    async close() {
      await stop();
      await rm(work, { recursive: true, force: true });
    },
  };
  return handle;
}
