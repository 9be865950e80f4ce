// A request moved along its workflow in the real renderer: sent back incomplete with the missing
// documents, completed, refused approval to an operator, approved by the secretary, printed,
// collected — every step on the timeline with who and where, what it waits for and who acts next,
// nothing of one person's session left for the next; then the daily register lists it and exports
// it as CSV, and the counter calls its queue tickets in order, by their short number, into the desk.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { uniqueVillageCode } from '../support/couch-server';
import { CHROMIUM_PATH, chromiumAvailable } from '../support/chromium';
import { shot } from '../support/screenshots';
import { openKioskInBrowser, type KioskInBrowser } from '../support/kiosk-in-browser';
import { namedRegency } from '../support/named-regency';

if (!chromiumAvailable())
  console.warn(`Skipping browser end-to-end tests: no Chromium at ${CHROMIUM_PATH}.`);

const villageCode = uniqueVillageCode();
let kiosk: KioskInBrowser | null = null;
let regency: Awaited<ReturnType<typeof namedRegency>> | null = null;
let page: Page;

beforeAll(async () => {
  if (!chromiumAvailable()) return;
  // Approval is the signature, and no letter is signed under a kop without the regency's names.
  regency = await namedRegency(villageCode, 'k2');
  kiosk = await openKioskInBrowser({
    villageCode,
    kioskId: 'k2',
    regencyUrl: regency.regencyUrl,
    password: regency.password,
  });
  page = kiosk.page;
  await page.setViewportSize({ width: 1366, height: 768 });
});

afterAll(async () => {
  await kiosk?.close();
  await regency?.stop();
});

const nav = (name: string) =>
  page.getByRole('navigation').getByRole('button', { name, exact: true }).click();

describe.skipIf(!chromiumAvailable())('request workflow, register and queue', () => {
  it('walks a request from received to collected, with roles and a timeline', async () => {
    await page.keyboard.press('F2');
    await expect
      .poll(() => page.getByTestId('current-ticket').textContent())
      .toBe('Antrean 001 · loket K2');
    await page.keyboard.press('F2');
    await expect
      .poll(() => page.getByTestId('current-ticket').textContent())
      .toBe('Antrean 002 · loket K2');
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
    await expect.poll(() => status.textContent()).toBe('Berkas lengkap');
    // The operator sees what the request waits for and who acts next, not only "Tolak".
    const waiting = detail.getByTestId('request-waiting');
    await expect
      .poll(() => waiting.textContent())
      .toBe('Menunggu persetujuan dan tanda tangan — oleh Sekretaris Desa atau Kepala Desa.');
    await expect.poll(() => row.textContent()).toContain('Sekretaris Desa atau Kepala Desa');
    await shot(page, 'layanan-menunggu');

    // An operator is not offered approval; the secretary, signed in, is — after opening the
    // request again: nothing the operator had open stays on screen for the next person.
    expect(await detail.getByRole('button', { name: 'Setujui' }).count()).toBe(0);
    await kiosk!.signIn('sekretaris');
    expect(await page.getByTestId('request-detail').count()).toBe(0);
    expect(await page.getByTestId('current-ticket').textContent()).toBe('Belum ada nomor antrean');
    await row.getByRole('button', { name: 'Buka' }).click();
    await detail.getByRole('button', { name: 'Setujui' }).click();
    // Approval is the signature: the status no longer says it waits for one.
    await expect.poll(() => status.textContent()).toBe('Disetujui, siap dicetak');
    await expect
      .poll(() => waiting.textContent())
      .toBe('Menunggu pencetakan surat — oleh Operator layanan.');
    await kiosk!.signIn('operator');
    await row.getByRole('button', { name: 'Buka' }).click();
    await detail.getByRole('button', { name: 'Tandai dicetak' }).click();
    await expect.poll(() => status.textContent()).toBe('Siap diambil');
    // Printed once: the step is not offered again (a copy is printed from the letter panel).
    expect(await detail.getByRole('button', { name: 'Tandai dicetak' }).count()).toBe(0);
    await detail.getByRole('button', { name: 'Sudah diambil' }).click();
    await expect.poll(() => status.textContent()).toBe('Sudah diambil');
    expect(await waiting.textContent()).toBe('Selesai, tidak ada langkah lagi.');

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

  it('calls the waiting tickets in order, by the number the ticket shows, into the desk', async () => {
    await nav('Antrean');
    // Ticket 002 served the request; 001 still waits.
    await expect.poll(() => page.getByTestId('queue-waiting').locator('li').count()).toBe(1);
    expect(await page.getByTestId('queue-waiting').textContent()).toMatch(/^001 · /);
    await page.getByRole('button', { name: 'Panggil berikutnya' }).click();
    // Calling is serving: the request form opens with that ticket.
    await expect
      .poll(() => page.getByTestId('current-ticket').textContent())
      .toBe('Antrean 001 · loket K2');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('request-nik');
    await nav('Antrean');
    const serving = page.getByTestId('now-serving');
    await expect.poll(() => serving.locator('strong').textContent()).toBe('001');
    await shot(page, 'antrean');
    expect(await serving.textContent()).not.toContain('-K2');
    expect(await page.getByRole('button', { name: 'Panggil berikutnya' }).isDisabled()).toBe(true);
    await expect.poll(() => page.getByText('Tidak ada yang menunggu.').count()).toBe(1);
  });
});
