// The Electron shell, driven by Playwright's `_electron`. Electron's binary cannot be downloaded
// on most of our machines (DESIGN decision 3), so this reports itself skipped, with the reason,
// wherever there is no binary or no display to open its window on.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { KioskBridge } from '../../shared/ipc';
import type { VillageCode } from '../../shared/village';
import { APP_URL } from '../../electron/app-url';
import { hasDisplay } from '../../electron/chromium';
import { findElectronBinary } from '../../electron/electron-binary';

const electronPath = findElectronBinary();
const skipReason = !electronPath
  ? 'the Electron binary is not installed (its download is not reachable from this machine)'
  : process.platform === 'linux' && !hasDisplay(process.env)
    ? 'there is no display (DISPLAY or WAYLAND_DISPLAY) to open the window on'
    : null;
if (skipReason) console.warn(`Skipping the Electron kiosk test: ${skipReason}.`);

describe('Electron kiosk', () => {
  it.skipIf(skipReason !== null)('opens the locked-down service desk with the bridge', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'balai-electron-'));
    const app = await electron.launch({
      executablePath: electronPath!,
      // Electron, like Chromium, will not run its sandbox as root.
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), process.cwd()],
      env: {
        ...process.env,
        BALAI_DATA_DIR: dataDir,
        BALAI_HUB_DATA: join(dataDir, 'no-hub'),
        BALAI_KIOSK_MODE: '0',
      },
    });
    try {
      const page = await app.firstWindow();
      // First run, through the bridge as the wizard does it: the administrator, then an operator
      // added under the administrator's session (held by the main process for this window).
      await page.getByRole('form', { name: 'Penyiapan kios' }).waitFor();
      await page.evaluate(async () => {
        const api = (window as unknown as { balai: KioskBridge }).balai;
        await api.setup({
          villageCode: '3510992001' as VillageCode,
          kioskId: 'k1',
          villageName: 'Sukamaju',
          admin: { name: 'Admin Desa', secret: '111111' },
          regency: null,
        });
        await api.staffAdd({ name: 'Siti Operator', role: 'operator', secret: '222222' });
      });
      // A reload ends the window's session: the operator signs in on screen.
      await page.reload();
      const signIn = page.getByRole('form', { name: 'Masuk' });
      await signIn
        .getByLabel('Nama petugas')
        .selectOption({ label: 'Siti Operator — Operator layanan' });
      await signIn.getByLabel('PIN atau kata sandi').fill('222222');
      await signIn.getByLabel('PIN atau kata sandi').press('Enter');
      await page.getByRole('heading', { name: 'Layanan Surat' }).waitFor();
      expect(page.url()).toBe(APP_URL);
      const who = await page.evaluate(() =>
        (window as unknown as { balai: KioskBridge }).balai.whoami(),
      );
      expect(who).toMatchObject({ role: 'operator' });

      const config = await page.evaluate(() =>
        (window as unknown as { balai: KioskBridge }).balai.getConfig(),
      );
      expect(config).toEqual({
        villageCode: '3510992001',
        kioskId: 'k1',
        regencyOrigin: null,
        shell: 'electron',
      });

      // The main process validates the payload and answers in Indonesian.
      const refusal = await page.evaluate(() =>
        (window as unknown as { balai: KioskBridge }).balai
          .setRegency({ url: 'ftp://x', username: 'a', password: 'b' })
          .then(
            () => 'saved',
            (error: Error) => error.message,
          ),
      );
      expect(refusal).toMatch(/^Data tidak sah: url: /);

      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
        'undefined',
      );
      expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe(
        'undefined',
      );

      // Navigation away from the app is denied; the window stays on the service desk.
      await page.evaluate(() => {
        window.location.href = 'https://example.com/';
      });
      await page.waitForTimeout(500);
      expect(page.url()).toBe(APP_URL);
    } finally {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
