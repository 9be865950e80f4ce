// A walk-in request, in the real renderer in Debian's Chromium, served by the browser kiosk:
// saved with no regency running, kept across a kiosk restart, delivered to the embedded hub once
// it comes up — exactly once.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { villageDbName } from '../../shared/village';
import { startBrowserKiosk, type RunningKiosk } from '../../electron/host/browser-kiosk';
import { startHub, type RunningHub } from '../../sync/hub/server';
import { provisionKiosk, provisionVillage } from '../../sync/provision/provision';
import { basicAuth, uniqueVillageCode } from '../support/couch-server';
import { CHROMIUM_PATH, chromiumAvailable, launchKioskBrowser } from '../support/chromium';
import { freePort } from '../support/ports';

if (!chromiumAvailable())
  console.warn(`Skipping browser end-to-end tests: no Chromium at ${CHROMIUM_PATH}.`);

const villageCode = uniqueVillageCode();
const kioskPassword = 'rahasia-kiosk-uji';
const admin = { username: 'admin', password: 'rahasia-admin-uji' };
let work: string;
let hubPort: number;
// The kiosk's data lives in its origin's IndexedDB: a restarted kiosk must come back on the same port.
let kioskPort: number;
let hub: RunningHub | null = null;
let kiosk: RunningKiosk | null = null;
let browser: BrowserContext | null = null;

async function startKiosk(): Promise<Page> {
  kiosk = await startBrowserKiosk({
    port: kioskPort,
    dataDir: join(work, 'kiosk'),
    rendererDir: join(process.cwd(), 'dist/renderer'),
    env: {
      BALAI_VILLAGE_CODE: villageCode,
      BALAI_KIOSK_ID: 'k1',
      BALAI_REGENCY_URL: `http://127.0.0.1:${hubPort}/`,
      BALAI_REGENCY_USER: `kiosk-${villageCode}-k1`,
      BALAI_REGENCY_PASSWORD: kioskPassword,
    },
  });
  browser = await launchKioskBrowser(join(work, 'chromium-profile'));
  const page = browser.pages()[0] ?? (await browser.newPage());
  await page.goto(kiosk.url);
  await page.getByRole('heading', { name: 'Layanan Surat' }).waitFor();
  return page;
}

async function stopKiosk() {
  await browser?.close();
  await kiosk?.close();
  browser = null;
  kiosk = null;
}

async function requestsAtHub(): Promise<Record<string, unknown>[]> {
  const res = await fetch(`${hub!.url}${villageDbName(villageCode)}/_all_docs?include_docs=true`, {
    headers: { Authorization: basicAuth(admin.username, admin.password) },
  });
  const body = (await res.json()) as { rows: { doc: Record<string, unknown> }[] };
  return body.rows.map((r) => r.doc).filter((d) => d.type === 'request');
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'balai-e2e-'));
  hubPort = await freePort();
  kioskPort = await freePort();
});

afterAll(async () => {
  await stopKiosk();
  await hub?.close();
  await rm(work, { recursive: true, force: true });
});

describe.skipIf(!chromiumAvailable())('service desk, end to end', () => {
  it('saves a walk-in request offline, keeps it across a restart, and delivers it once the hub is up', async () => {
    let page = await startKiosk();
    await expect
      .poll(() => page.getByTestId('sync-status').getAttribute('data-state'))
      .toBe('offline');

    // Keyboard only, as at the counter. A NIK of 15 digits is refused and nothing is saved.
    await page.getByLabel('NIK').focus();
    await page.keyboard.type('351017570845000');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Siti Aminah');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown'); // first letter type
    await page.keyboard.press('Tab');
    await page.keyboard.type('Melamar pekerjaan');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('#request-nik-error').textContent())
      .toBe('NIK harus 16 angka (tertulis 15).');
    await expect
      .poll(() => page.getByText('Belum ada permohonan hari ini.').isVisible())
      .toBe(true);

    await page.getByLabel('NIK').fill('3510175708450002');
    await page.getByLabel('NIK').press('Enter');
    const row = page.getByTestId('today-list').getByRole('row', { name: /Siti Aminah/ });
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain('Menunggu');
    await expect.poll(() => page.getByTestId('sync-pending').textContent()).toBe('2 menunggu'); // the request, and the resident added locally
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('request-nik');

    // The kiosk is switched off and on again; the request is still there.
    await stopKiosk();
    page = await startKiosk();
    await page
      .getByTestId('today-list')
      .getByRole('row', { name: /Siti Aminah/ })
      .waitFor();

    // The regency comes up: the request arrives, once.
    hub = await startHub({ port: hubPort, dataDir: join(work, 'hub'), admin });
    const adminLogin = { url: hub.url, ...admin };
    await provisionVillage(adminLogin, { villageCode });
    await provisionKiosk(adminLogin, { villageCode, kioskId: 'k1', password: kioskPassword });

    await expect.poll(requestsAtHub, { timeout: 90_000, interval: 500 }).toHaveLength(1);
    const [arrived] = await requestsAtHub();
    expect(arrived).toMatchObject({
      residentNik: '3510175708450002',
      residentName: 'Siti Aminah',
      villageCode,
      kioskId: 'k1',
    });
    await expect
      .poll(() => page.getByTestId('sync-status').getAttribute('data-state'), { timeout: 60_000 })
      .toBe('up-to-date');
    await expect
      .poll(() =>
        page
          .getByTestId('today-list')
          .getByRole('row', { name: /Siti Aminah/ })
          .textContent(),
      )
      .toContain('Terkirim');
    expect(await requestsAtHub()).toHaveLength(1);
  });
});
