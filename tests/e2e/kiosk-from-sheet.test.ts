// A kiosk set up from the regency's printed sheet (decision 0023): the regency brings the village
// on line with add-regency's onboarding, the office scans the sheet's code into the setup wizard
// (a scanner types it and ends with Enter), and the kiosk syncs with the regency from then on.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatVillageCode } from '../../shared/village';
import { DEFAULT_LOGO_FILE, readLogoFile } from '../../sync/provision/letterhead-logo';
import { onboardRegency } from '../../sync/hub/regency-onboarding';
import { CHROMIUM_PATH, chromiumAvailable } from '../support/chromium';
import { startCouchServer, uniqueVillageCode, type CouchServer } from '../support/couch-server';
import { openKioskInBrowser, type KioskInBrowser } from '../support/kiosk-in-browser';
import { TEST_VILLAGE_NAMES } from '../support/named-regency';

if (!chromiumAvailable())
  console.warn(`Skipping browser end-to-end tests: no Chromium at ${CHROMIUM_PATH}.`);

describe.skipIf(!chromiumAvailable())('a kiosk set up from the regency’s sheet', () => {
  const code = uniqueVillageCode();
  let server: CouchServer;
  let out: string;
  let kiosk: KioskInBrowser | undefined;

  beforeAll(async () => {
    server = await startCouchServer();
    out = await mkdtemp(join(tmpdir(), 'balai-sheet-'));
    await onboardRegency(
      { url: server.url, ...server.admin },
      {
        villages: [{ code, names: { ...TEST_VILLAGE_NAMES, villageName: 'Lembar Baru' } }],
        kiosks: 1,
        outDir: out,
        logo: await readLogoFile(DEFAULT_LOGO_FILE),
      },
    );
  });
  afterAll(async () => {
    await kiosk?.close();
    await server?.stop();
    if (out) await rm(out, { recursive: true, force: true });
  });

  it('reads the scanned code, refuses a cut one, and the kiosk then syncs with the regency', async () => {
    const sheets = (await readdir(out)).filter((n) => n.startsWith('lembar-'));
    expect(sheets).toEqual([`lembar-${code}-k1.html`]);
    const sheet = await readFile(join(out, sheets[0]!), 'utf8');
    const scanned = /BALAI1:[A-Za-z0-9_-]+/.exec(sheet)![0];

    // A kiosk nobody configured: no village, no regency, no hub folder to find one in.
    kiosk = await openKioskInBrowser({
      villageCode: code,
      setUp: false,
      env: {
        BALAI_VILLAGE_CODE: '',
        BALAI_KIOSK_ID: '',
        BALAI_REGENCY_URL: '',
        BALAI_REGENCY_USER: '',
        BALAI_REGENCY_PASSWORD: '',
        BALAI_HUB_DATA: join(out, 'no-hub-here'),
      },
    });
    const page = kiosk.page;
    await page.setViewportSize({ width: 1366, height: 768 });
    const wizard = page.getByRole('form', { name: 'Penyiapan kios' });
    const codeField = wizard.getByLabel('Kode koneksi (pindai QR lembar kabupaten)');

    // A scan cut short: said on Enter, and the form is not submitted.
    await codeField.pressSequentially(scanned.slice(0, -9));
    await codeField.press('Enter');
    await expect
      .poll(() => page.locator('#setup-connectionCode-error').textContent())
      .toMatch(/rusak atau terpotong/);
    expect(await wizard.getByLabel('Alamat server kabupaten').inputValue()).toBe('');

    await codeField.fill('');
    await codeField.pressSequentially(scanned);
    await codeField.press('Enter');
    await expect
      .poll(() => page.getByTestId('connection-code-read').textContent())
      .toContain(`desa ${formatVillageCode(code)}, kios k1`);
    expect(await page.locator('#setup-connectionCode-error').count()).toBe(0);
    expect(await wizard.getByLabel('Kode desa (Kemendagri, 10 angka)').inputValue()).toBe(code);
    expect(await wizard.getByLabel('ID kios').inputValue()).toBe('k1');
    expect(await wizard.getByLabel('Alamat server kabupaten').inputValue()).toBe(server.url);
    expect(await wizard.getByLabel('Nama pengguna kios').inputValue()).toBe(`kiosk-${code}-k1`);
    // The secret itself does not stay in view.
    expect(await codeField.inputValue()).toBe('');
    await page.screenshot({ path: join(out, 'setup-from-sheet.png') });

    await wizard.getByLabel('Nama desa').fill('Lembar Baru');
    await wizard.getByLabel('Nama administrator').fill('Admin Lembar');
    await wizard.getByLabel('PIN (minimal 6 angka) atau kata sandi').fill('908172');
    await wizard.getByLabel('Ulangi PIN atau kata sandi').fill('908172');
    await wizard.getByRole('button', { name: 'Siapkan kios' }).click();

    // Synced: the header names the village from the profile the regency published.
    await expect
      .poll(() => page.locator('.app-place').textContent(), { timeout: 60_000 })
      .toContain('Lembar Baru');
    await expect
      .poll(() => page.locator('.app-place').textContent(), { timeout: 60_000 })
      .toContain('Giri');
  });
});
