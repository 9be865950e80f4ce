// An operator serves walk-ins with the keyboard alone, in the real renderer in Debian's Chromium,
// with no regency anywhere: a queue ticket, a resident not yet registered (added locally), a
// letter type with its own fields, the documents brought; then a second walk-in found in the
// register by name as they type.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { uniqueVillageCode } from '../support/couch-server';
import { CHROMIUM_PATH, chromiumAvailable } from '../support/chromium';
import { openKioskInBrowser, type KioskInBrowser } from '../support/kiosk-in-browser';

if (!chromiumAvailable())
  console.warn(`Skipping browser end-to-end tests: no Chromium at ${CHROMIUM_PATH}.`);

const villageCode = uniqueVillageCode();
let kiosk: KioskInBrowser | null = null;
let page: Page;

beforeAll(async () => {
  if (!chromiumAvailable()) return;
  kiosk = await openKioskInBrowser({ villageCode });
  page = kiosk.page;
  await page.setViewportSize({ width: 1366, height: 768 });
});

afterAll(async () => kiosk?.close());

const key = (k: string, times = 1) =>
  (async () => {
    for (let i = 0; i < times; i++) await page.keyboard.press(k);
  })();

describe.skipIf(!chromiumAvailable())('a walk-in at the service desk, keyboard only', () => {
  it('serves a new resident: ticket, add, letter type, its fields, requirements — saved offline', async () => {
    await expect
      .poll(() => page.getByTestId('sync-status').getAttribute('data-state'))
      .toBe('offline');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('request-nik');

    await key('F2');
    await expect
      .poll(() => page.getByTestId('current-ticket').textContent())
      .toBe('Antrean 001 · loket K1');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('request-nik');

    await page.keyboard.type('3510175708450002');
    await expect.poll(() => page.getByText('Belum terdaftar').isVisible()).toBe(true);
    await key('Tab');
    await page.keyboard.type('Siti Aminah');
    await key('Tab');
    await key('ArrowDown', 3); // domisili, sktm, usaha
    expect(await page.locator('#request-serviceType').inputValue()).toBe('usaha');
    await key('Tab');
    await page.keyboard.type('Modal usaha');
    // The SKU needs a business name: Enter now is refused, nothing saved.
    await key('Enter');
    await expect
      .poll(() => page.locator('#request-field-namaUsaha-error').textContent())
      .toBe('Nama usaha wajib diisi.');
    expect(await page.getByTestId('today-list').count()).toBe(0);

    await key('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('request-field-namaUsaha');
    await page.keyboard.type('Warung Siti');
    await key('Tab'); // jenis usaha
    await page.keyboard.type('Warung kelontong');
    await key('Tab'); // alamat usaha
    await key('Tab'); // pengantar RT/RW
    await key('Space');
    await key('Tab'); // KK
    await key('Space');
    await key('Tab'); // KTP: not brought
    await key('Tab'); // the save button
    await key('Enter');

    const row = page.getByTestId('today-list').getByRole('row', { name: /Siti Aminah/ });
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain('Surat Keterangan Usaha');
    await expect.poll(() => row.textContent()).toContain('Diterima');
    await expect
      .poll(() => page.getByTestId('form-notice').textContent())
      .toContain('Penduduk baru ditambahkan sebagai data lokal.');
    // The request, the local resident and the ticket wait for the regency.
    await expect.poll(() => page.getByTestId('sync-pending').textContent()).toBe('3 menunggu');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('request-nik');
    expect(await page.getByTestId('current-ticket').textContent()).toBe('Belum ada nomor antrean');

    // What was saved: open the request.
    await row.getByRole('button', { name: 'Buka' }).click();
    const detail = page.getByTestId('request-detail');
    await expect.poll(() => detail.textContent()).toContain('Warung Siti');
    await expect.poll(() => detail.textContent()).toContain('001 · loket K1');
    await expect.poll(() => page.getByTestId('timeline').textContent()).toContain('Diterima');
    expect(await detail.getByRole('checkbox', { name: 'Fotokopi KTP' }).isChecked()).toBe(false);
    expect(
      await detail.getByRole('checkbox', { name: 'Fotokopi Kartu Keluarga' }).isChecked(),
    ).toBe(true);
  });

  it('finds the resident in the register by name as the operator types', async () => {
    await page.getByLabel('NIK').focus();
    await key('F2');
    await expect
      .poll(() => page.getByTestId('current-ticket').textContent())
      .toBe('Antrean 002 · loket K1');
    // A NIK half typed and Enter: refused. Picking the resident then clears that error.
    await page.keyboard.type('3510');
    await key('Enter');
    const nikError = page.locator('#request-nik-error');
    await expect.poll(() => nikError.textContent()).toBe('NIK harus 16 angka (tertulis 4).');
    await key('Tab');
    await page.keyboard.type('siti a');
    const suggestions = page.getByTestId('resident-suggestions');
    await expect.poll(() => suggestions.getByRole('option').count()).toBe(1);
    await expect.poll(() => suggestions.textContent()).toContain('3510175708450002');
    await key('ArrowDown');
    await key('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('request-serviceType');
    expect(await page.getByLabel('NIK').inputValue()).toBe('3510175708450002');
    expect(await page.getByLabel('Nama pemohon').inputValue()).toBe('Siti Aminah');
    expect(await nikError.count()).toBe(0);
    await key('ArrowDown'); // domisili
    await key('Tab');
    await page.keyboard.type('Membuka rekening bank');
    await key('Enter');
    await expect
      .poll(() =>
        page
          .getByTestId('today-list')
          .getByRole('row', { name: /Siti Aminah/ })
          .count(),
      )
      .toBe(2);
    // Known resident: no second local record; request + ticket on top of the three before.
    await expect.poll(() => page.getByTestId('sync-pending').textContent()).toBe('5 menunggu');
  });
});
