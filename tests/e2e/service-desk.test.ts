// A walk-in request, in the real renderer in Debian's Chromium, served by the browser kiosk:
// saved with no regency running, kept across a kiosk restart, delivered to the embedded hub once
// it comes up — exactly once.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { villageDbName } from '../../shared/village';
import { startHub, type RunningHub } from '../../sync/hub/server';
import { provisionKiosk, provisionVillage } from '../../sync/provision/provision';
import { basicAuth, uniqueVillageCode } from '../support/couch-server';
import { CHROMIUM_PATH, chromiumAvailable } from '../support/chromium';
import { openKioskInBrowser, type KioskInBrowser } from '../support/kiosk-in-browser';
import { freePort } from '../support/ports';

if (!chromiumAvailable())
  console.warn(`Skipping browser end-to-end tests: no Chromium at ${CHROMIUM_PATH}.`);

const villageCode = uniqueVillageCode();
const kioskPassword = 'rahasia-kiosk-uji';
const admin = { username: 'admin', password: 'rahasia-admin-uji' };
let hubDir: string;
let hubPort: number;
let hub: RunningHub | null = null;
let kiosk: KioskInBrowser | null = null;

async function requestsAtHub(): Promise<Record<string, unknown>[]> {
  const res = await fetch(`${hub!.url}${villageDbName(villageCode)}/_all_docs?include_docs=true`, {
    headers: { Authorization: basicAuth(admin.username, admin.password) },
  });
  const body = (await res.json()) as { rows: { doc: Record<string, unknown> }[] };
  return body.rows.map((r) => r.doc).filter((d) => d.type === 'request');
}

beforeAll(async () => {
  hubDir = await mkdtemp(join(tmpdir(), 'balai-e2e-hub-'));
  hubPort = await freePort();
});

afterAll(async () => {
  await kiosk?.close();
  await hub?.close();
  await rm(hubDir, { recursive: true, force: true });
});

describe.skipIf(!chromiumAvailable())('service desk, end to end', () => {
  it('saves a walk-in request offline, keeps it across a restart, and delivers it once the hub is up', async () => {
    kiosk = await openKioskInBrowser({
      villageCode,
      regencyUrl: `http://127.0.0.1:${hubPort}/`,
      password: kioskPassword,
    });
    let page = kiosk.page;
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
    page = await kiosk.restart();
    await page
      .getByTestId('today-list')
      .getByRole('row', { name: /Siti Aminah/ })
      .waitFor();

    // The regency comes up: the request arrives, once.
    // The regency creates the kiosk's account before the kiosk can reach it (on a port of its
    // own): a kiosk answered 401 waits longer than a lockout before it tries again (decision 0014).
    const preparing = await startHub({ port: 0, dataDir: hubDir, admin });
    const adminLogin = { url: preparing.url, ...admin };
    await provisionVillage(adminLogin, { villageCode });
    await provisionKiosk(adminLogin, { villageCode, kioskId: 'k1', password: kioskPassword });
    await preparing.close();
    hub = await startHub({ port: hubPort, dataDir: hubDir, admin });

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
