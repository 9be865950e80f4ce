// Importing a resident extract in the real renderer in Chromium: a bad file (wrong columns; broken,
// duplicate NIKs) imports nothing and names each wrong line and why; a good file imports whole,
// and the service desk then finds those residents as the operator types.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { uniqueVillageCode } from '../support/couch-server';
import { CHROMIUM_PATH, chromiumAvailable } from '../support/chromium';
import { openKioskInBrowser, type KioskInBrowser } from '../support/kiosk-in-browser';
import { xlsxOf } from '../support/xlsx';

if (!chromiumAvailable())
  console.warn(`Skipping browser end-to-end tests: no Chromium at ${CHROMIUM_PATH}.`);

const villageCode = uniqueVillageCode();
let kiosk: KioskInBrowser | null = null;
let page: Page;

beforeAll(async () => {
  if (!chromiumAvailable()) return;
  kiosk = await openKioskInBrowser({ villageCode });
  page = kiosk.page;
  await page
    .getByRole('navigation')
    .getByRole('button', { name: 'Impor Penduduk', exact: true })
    .click();
});

afterAll(async () => kiosk?.close());

const file = (name: string, text: string) => ({
  name,
  mimeType: 'text/csv',
  buffer: Buffer.from(text, 'utf8'),
});

async function residentsFound(query: string): Promise<number> {
  await page.getByRole('navigation').getByRole('button', { name: 'Penduduk', exact: true }).click();
  await page.getByLabel('Cari NIK, No. KK, atau nama').fill(query);
  const results = page.getByTestId('resident-results');
  await expect.poll(() => results.getAttribute('data-query')).toBe(query);
  return results.getByRole('row').count();
}

describe.skipIf(!chromiumAvailable())('resident import', () => {
  it('refuses a file with wrong columns, saying which columns it has', async () => {
    await page
      .getByLabel('Berkas data penduduk (CSV/XLSX)')
      .setInputFiles(file('salah.csv', 'NOMOR;NAMA_ORANG\n3510171708450001;Budi\n'));
    const problems = page.getByTestId('import-problems');
    await expect
      .poll(() => problems.textContent())
      .toContain('Kolom wajib tidak ditemukan: NIK, NAMA. Kolom yang ada: NOMOR, NAMA_ORANG.');
    expect(await page.getByRole('button', { name: 'Impor semua baris' }).count()).toBe(0);
  });

  it('imports nothing from a file with broken and duplicate NIKs, and lists the wrong lines', async () => {
    const csv = [
      'NIK,NO_KK,NAMA_LGKP,TGL_LHR,JENIS_KLMIN',
      '3510171708450001,3510170101090001,Budi Santoso,17-08-1945,LAKI-LAKI',
      '351017170845000,3510170101090001,Andi,,L',
      '3510171708450001,3510170101090001,Budi Kembar,17-08-1945,L',
      '3510174408450003,3510170101090001,Citra Dewi,04-08-1945,PEREMPUAN',
    ].join('\n');
    await page.getByLabel('Berkas data penduduk (CSV/XLSX)').setInputFiles(file('rusak.csv', csv));
    const problems = page.getByTestId('import-problems');
    await expect.poll(() => problems.locator('tbody tr').count()).toBe(2);
    expect(await problems.locator('tr[data-line="3"]').textContent()).toBe(
      '3NIK harus 16 angka (tertulis 15).',
    );
    expect(await problems.locator('tr[data-line="4"]').textContent()).toBe(
      '4NIK 3510171708450001 sudah ada di baris 2.',
    );
    expect(await page.getByRole('button', { name: 'Impor semua baris' }).count()).toBe(0);
    // Not even the good rows went in.
    expect(await residentsFound('3510')).toBe(0);
  });

  it('reads an XLSX extract the same way: a broken row, by its sheet row, and nothing imported', async () => {
    const xlsx = xlsxOf([
      ['NIK', 'NAMA_LGKP', 'JENIS_KLMIN'],
      ['3510171708450001', 'Budi Santoso', 'L'],
      ['3510171713450009', 'Dodi', 'L'],
    ]);
    await page
      .getByRole('navigation')
      .getByRole('button', { name: 'Impor Penduduk', exact: true })
      .click();
    await page.getByLabel('Berkas data penduduk (CSV/XLSX)').setInputFiles({
      name: 'ekstrak.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: xlsx,
    });
    const problems = page.getByTestId('import-problems');
    await expect.poll(() => problems.locator('tbody tr').count()).toBe(1);
    expect(await problems.locator('tr[data-line="3"]').textContent()).toBe(
      '3Bulan lahir 13 pada NIK tidak sah.',
    );
    expect(await residentsFound('3510')).toBe(0);
  });

  it('imports a good file whole, and the desk finds its residents', async () => {
    await page
      .getByRole('navigation')
      .getByRole('button', { name: 'Impor Penduduk', exact: true })
      .click();
    const csv = [
      'NIK;NO_KK;NAMA_LGKP;TGL_LHR;JENIS_KLMIN;STAT_HBKEL',
      '3510171708450001;3510170101090001;Budi Santoso;17-08-1945;LAKI-LAKI;KEPALA KELUARGA',
      '3510174408450003;3510170101090001;Citra Dewi;04-08-1945;PEREMPUAN;ISTRI',
    ].join('\r\n');
    await page.getByLabel('Berkas data penduduk (CSV/XLSX)').setInputFiles(file('baik.csv', csv));
    await expect.poll(() => page.getByTestId('import-preview').locator('tbody tr').count()).toBe(2);
    await page.getByRole('button', { name: 'Impor semua baris' }).click();
    await expect
      .poll(() => page.getByTestId('import-result').textContent())
      .toBe('2 baris diimpor.');
    expect(await residentsFound('3510170101090001')).toBe(2); // by KK
    expect(await residentsFound('citra')).toBe(1);
    await page.getByTestId('resident-results').getByRole('button', { name: 'Keluarga' }).click();
    await expect.poll(() => page.getByTestId('family').locator('li').count()).toBe(2);
  });
});
