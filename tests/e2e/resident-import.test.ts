// Importing a resident extract in the real renderer in Chromium: a bad file (wrong columns; broken,
// duplicate NIKs) imports nothing and names each wrong line and why; a good file imports whole,
// and the service desk then finds those residents as the operator types. The screen explains the
// file and offers a template; columns it does not read are named; a NIK the register holds is
// refused (import and form) naming its holder; the form picks coded elements from the civil
// registry's lists and takes the date as a clerk types it; a search says when more exist.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { uniqueVillageCode } from '../support/couch-server';
import { CHROMIUM_PATH, chromiumAvailable } from '../support/chromium';
import { shot } from '../support/screenshots';
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
  await page.setViewportSize({ width: 1366, height: 768 });
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

/** Searching while the resident form stays open. */
async function residentsFoundKeepingForm(query: string): Promise<number> {
  await page.getByLabel('Cari NIK, No. KK, atau nama').fill(query);
  const results = page.getByTestId('resident-results');
  await expect.poll(() => results.getAttribute('data-query')).toBe(query);
  return results.locator('tbody tr').count();
}

async function residentsFound(query: string): Promise<number> {
  await page.getByRole('navigation').getByRole('button', { name: 'Penduduk', exact: true }).click();
  await page.getByLabel('Cari NIK, No. KK, atau nama').fill(query);
  const results = page.getByTestId('resident-results');
  await expect.poll(() => results.getAttribute('data-query')).toBe(query);
  return results.locator('tbody tr').count();
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
      'NIK;NO_KK;NAMA_LGKP;TGL_LHR;JENIS_KLMIN;STAT_HBKEL;ALAMAT;DUSUN',
      '3510171708450001;3510170101090001;Budi Santoso;17-08-1945;LAKI-LAKI;KEPALA KELUARGA;Jl. Mawar 3;Krajan',
      '3510174408450003;3510170101090001;Citra Dewi;04-08-1945;PEREMPUAN;ISTRI;Jl. Mawar 3;Krajan',
    ].join('\r\n');
    await page.getByLabel('Berkas data penduduk (CSV/XLSX)').setInputFiles(file('baik.csv', csv));
    await expect.poll(() => page.getByTestId('import-preview').locator('tbody tr').count()).toBe(2);
    // A column Balai does not read is named, not dropped in silence.
    expect(await page.getByTestId('import-unknown-columns').textContent()).toBe(
      'Kolom yang tidak dibaca dan tidak diimpor: ALAMAT.',
    );
    await page.getByRole('button', { name: 'Impor semua baris' }).click();
    await expect
      .poll(() => page.getByTestId('import-result').textContent())
      .toBe('2 baris diimpor.');
    expect(await residentsFound('3510170101090001')).toBe(2); // by KK
    expect(await residentsFound('citra')).toBe(1);
    await page.getByTestId('resident-results').getByRole('button', { name: 'Keluarga' }).click();
    await expect.poll(() => page.getByTestId('family').locator('li').count()).toBe(2);
  });

  it('explains the file and offers a template that imports as it is', async () => {
    await page
      .getByRole('navigation')
      .getByRole('button', { name: 'Impor Penduduk', exact: true })
      .click();
    expect(await page.getByTestId('import-format').textContent()).toContain('Wajib: NIK');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Unduh contoh berkas (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('template-penduduk.csv');
    const template = await readFile((await download.path())!, 'utf8');
    expect(template.replace(/^\uFEFF/, '')).toMatch(/^NIK;NO_KK;NAMA_LGKP;/);
    await shot(page, 'impor');
  });

  it('refuses a file with a NIK the register already has, naming who holds it', async () => {
    const csv = ['NIK;NAMA', '3510171708450001;Budi Palsu'].join('\n');
    await page.getByLabel('Berkas data penduduk (CSV/XLSX)').setInputFiles(file('dobel.csv', csv));
    const problems = page.getByTestId('import-problems');
    await expect
      .poll(() => problems.locator('tr[data-line="2"]').textContent())
      .toBe('2NIK 3510171708450001 sudah terdaftar atas nama Budi Santoso (Krajan).');
    expect(await page.getByRole('button', { name: 'Impor semua baris' }).count()).toBe(0);
  });

  it('adds a resident with pick lists and a typed date; refuses a NIK someone holds', async () => {
    await page
      .getByRole('navigation')
      .getByRole('button', { name: 'Penduduk', exact: true })
      .click();
    // One heading "Penduduk" on the screen, not two.
    expect(await page.getByRole('heading', { name: 'Penduduk', exact: true }).count()).toBe(1);
    await page.getByRole('button', { name: 'Tambah penduduk' }).click();
    const form = page.getByRole('form', { name: 'Tambah penduduk' });
    await form.getByLabel('NIK').fill('3510171708450001');
    await form.getByLabel('Nama lengkap').fill('Budi Kembar');
    await form.getByLabel('Jenis kelamin').selectOption({ label: 'Laki-laki' });
    await form.getByRole('button', { name: 'Simpan penduduk' }).click();
    await expect
      .poll(() => form.locator('#resident-nik-error').textContent())
      .toContain('NIK 3510171708450001 sudah terdaftar atas nama Budi Santoso (Krajan).');
    expect(await residentsFoundKeepingForm('3510171708450001')).toBe(1);

    await form.getByLabel('NIK').fill('3510175708800002');
    // The old error was about the old NIK: it goes as the field changes.
    expect(await form.locator('#resident-nik-error').count()).toBe(0);
    await form.getByLabel('Nama lengkap').fill('Siti Rahayu');
    await form.getByLabel('Jenis kelamin').selectOption({ label: 'Perempuan' });
    await form.getByLabel('Tanggal lahir').fill('17/8/1980');
    await form.getByLabel('Agama').selectOption('Islam');
    await form.getByLabel('Status perkawinan').selectOption('Kawin');
    await form.getByLabel('Hubungan dalam keluarga').selectOption('Istri');
    await form.getByLabel('Pendidikan').selectOption('SLTA/Sederajat');
    await form.getByLabel('Pekerjaan').selectOption('Pedagang');
    await shot(page, 'penduduk-form');
    await form.getByRole('button', { name: 'Simpan penduduk' }).click();
    await page.getByText('Data penduduk tersimpan di kios ini (lokal).').waitFor();
    expect(await residentsFound('siti rahayu')).toBe(1);
    await page
      .getByTestId('resident-results')
      .getByRole('button', { name: 'Koreksi data' })
      .click();
    const fix = page.getByRole('form', { name: 'Koreksi data' });
    expect(await fix.getByLabel('Tanggal lahir').inputValue()).toBe('1980-08-17');
    expect(await fix.getByLabel('Pekerjaan').inputValue()).toBe('Pedagang');
  });

  it('says when a search finds more residents than it shows', async () => {
    await page
      .getByRole('navigation')
      .getByRole('button', { name: 'Impor Penduduk', exact: true })
      .click();
    const rows = ['NIK;NAMA;JENIS_KLMIN'];
    for (let i = 10; i < 32; i++) rows.push(`35101717084500${i};Warga ${i};L`);
    await page
      .getByLabel('Berkas data penduduk (CSV/XLSX)')
      .setInputFiles(file('banyak.csv', rows.join('\n')));
    await page.getByRole('button', { name: 'Impor semua baris' }).click();
    await expect
      .poll(() => page.getByTestId('import-result').textContent())
      .toBe('22 baris diimpor.');
    expect(await residentsFound('warga')).toBe(20);
    expect(await page.getByTestId('resident-more').textContent()).toContain(
      'Lebih dari 20 penduduk cocok',
    );
    await shot(page, 'penduduk-cari');
  });
});
