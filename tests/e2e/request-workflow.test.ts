// A request moved along its workflow in the real renderer: sent back incomplete with the missing
// documents, completed, refused approval to an operator, approved by the secretary, printed,
// collected — every step on the timeline with who and where; then the daily register lists it and
// exports it as CSV, and the counter calls its queue tickets in order.
import { readFile } from 'node:fs/promises';
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
  kiosk = await openKioskInBrowser({ villageCode, kioskId: 'k2' });
  page = kiosk.page;
});

afterAll(async () => kiosk?.close());

const nav = (name: string) =>
  page.getByRole('navigation').getByRole('button', { name, exact: true }).click();

describe.skipIf(!chromiumAvailable())('request workflow, register and queue', () => {
  it('walks a request from received to collected, with roles and a timeline', async () => {
    await page.keyboard.press('F2');
    await expect.poll(() => page.getByTestId('current-ticket').textContent()).toMatch(/-001-K2$/);
    await page.keyboard.press('F2');
    await expect.poll(() => page.getByTestId('current-ticket').textContent()).toMatch(/-002-K2$/);
    await page.getByLabel('NIK').fill('3510171708450001');
    await page.getByLabel('Nama pemohon').fill('Budi Santoso');
    await page.getByLabel('Jenis layanan').selectOption('domisili');
    await page.getByLabel('Keperluan').fill('Membuka rekening');
    await page.getByLabel('Keperluan').press('Enter');
    const row = page.getByTestId('today-list').getByRole('row', { name: /Budi Santoso/ });
    await row.waitFor();
    await row.getByRole('button', { name: 'Buka' }).click();
    const detail = page.getByTestId('request-detail');
    const status = detail.getByTestId('request-status');
    await expect.poll(() => status.textContent()).toBe('Diterima');

    // Documents missing: "complete" is refused with the reason; sent back with the list.
    await detail.getByRole('button', { name: 'Berkas lengkap' }).click();
    await expect
      .poll(() => detail.getByRole('alert').textContent())
      .toBe('Berkas belum lengkap: Surat pengantar RT/RW, Fotokopi Kartu Keluarga, Fotokopi KTP.');
    await detail.getByRole('button', { name: 'Kembalikan: belum lengkap' }).click();
    await expect.poll(() => status.textContent()).toBe('Berkas belum lengkap');

    for (const doc of ['Surat pengantar RT/RW', 'Fotokopi Kartu Keluarga', 'Fotokopi KTP']) {
      const box = detail.getByRole('checkbox', { name: doc });
      await box.click(); // saved to the store; the box shows the stored state
      await expect.poll(() => box.isChecked()).toBe(true);
    }
    await detail.getByRole('button', { name: 'Berkas lengkap' }).click();
    await expect.poll(() => status.textContent()).toBe('Sedang diperiksa');

    // An operator is not offered approval; the secretary, signed in, is.
    expect(await detail.getByRole('button', { name: 'Setujui' }).count()).toBe(0);
    await kiosk!.signIn('sekretaris');
    await detail.getByRole('button', { name: 'Setujui' }).click();
    await expect.poll(() => status.textContent()).toBe('Menunggu tanda tangan');
    await kiosk!.signIn('operator');
    await detail.getByRole('button', { name: 'Tandai dicetak' }).click();
    await expect.poll(() => status.textContent()).toBe('Siap diambil');
    await detail.getByRole('button', { name: 'Sudah diambil' }).click();
    await expect.poll(() => status.textContent()).toBe('Sudah diambil');

    const steps = detail.getByTestId('timeline').locator('li');
    await expect.poll(() => steps.count()).toBe(6);
    expect(await steps.nth(1).textContent()).toContain('Dikembalikan: berkas belum lengkap');
    expect(await steps.nth(1).textContent()).toContain(
      'Siti Operator (Operator layanan) · Kios k2',
    );
    expect(await steps.nth(3).textContent()).toContain('Pak Sekdes (Sekretaris Desa)');
    await expect.poll(() => row.textContent()).toContain('Sudah diambil');
  });

  it('lists the day in the register, filters it and downloads it as CSV', async () => {
    await nav('Register Harian');
    const list = page.getByTestId('register-list');
    await expect.poll(() => list.textContent()).toContain('Budi Santoso');
    await page.getByLabel('Status').selectOption({ label: 'Ditolak' });
    await expect
      .poll(() => page.getByText('Tidak ada permohonan pada tanggal ini.').count())
      .toBe(1);
    await page.getByLabel('Status').selectOption({ label: 'Semua status' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Unduh CSV' }).click(),
    ]);
    const csv = await readFile((await download.path())!, 'utf8');
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('"3510171708450001","Budi Santoso","Surat Keterangan Domisili"');
    expect(lines[1]).toContain('"Sudah diambil","k2"');
  });

  it('calls the waiting tickets in order', async () => {
    await nav('Antrean');
    const serving = page.getByTestId('now-serving');
    // Ticket 002 served the request; 001 still waits.
    await expect.poll(() => page.getByTestId('queue-waiting').locator('li').count()).toBe(1);
    await page.getByRole('button', { name: 'Panggil berikutnya' }).click();
    await expect.poll(() => serving.textContent()).toMatch(/-001-K2$/);
    expect(await page.getByRole('button', { name: 'Panggil berikutnya' }).isDisabled()).toBe(true);
    await expect.poll(() => page.getByText('Tidak ada yang menunggu.').count()).toBe(1);
  });
});
