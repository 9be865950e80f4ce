// Village finance as a new treasurer meets it, in the real renderer in Debian's Chromium: enter a
// budget of a few lines, adopt it, record a payment (an over-budget one is refused), see the LRA
// and the transparency board show it, reverse it, and see the LRA go back.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { uniqueVillageCode } from '../support/couch-server';
import { CHROMIUM_PATH, chromiumAvailable } from '../support/chromium';
import { openKioskInBrowser, type KioskInBrowser } from '../support/kiosk-in-browser';

if (!chromiumAvailable())
  console.warn(`Skipping finance end-to-end tests: no Chromium at ${CHROMIUM_PATH}.`);

const villageCode = uniqueVillageCode();
let kiosk: KioskInBrowser | null = null;
let page: Page;

beforeAll(async () => {
  if (!chromiumAvailable()) return;
  kiosk = await openKioskInBrowser({ villageCode, signInAs: 'bendahara' });
  page = kiosk.page;
});

afterAll(async () => kiosk?.close());

const menu = (name: string) => page.getByRole('navigation').getByRole('button', { name });

async function addLine(line: {
  account: string;
  kegiatan?: string;
  source: string;
  description: string;
  amount?: string;
  volume?: string;
  unit?: string;
  unitPrice?: string;
}) {
  const form = page.getByRole('form', { name: 'Baris anggaran baru' });
  await form.getByLabel('Rekening').selectOption(line.account);
  if (line.kegiatan) await form.getByLabel('Kegiatan').selectOption(line.kegiatan);
  await form.getByLabel('Sumber dana').selectOption(line.source);
  await form.getByLabel('Uraian').fill(line.description);
  if (line.amount) await form.getByLabel('Jumlah (Rp)').fill(line.amount);
  if (line.volume) await form.getByLabel('Volume').fill(line.volume);
  if (line.unit) await form.getByLabel('Satuan', { exact: true }).fill(line.unit);
  if (line.unitPrice) await form.getByLabel('Harga satuan (Rp)').fill(line.unitPrice);
  await form.getByRole('button', { name: 'Tambah baris' }).click();
  await page.getByTestId('budget-lines').getByText(line.description, { exact: true }).waitFor();
}

const lraRow = (testId: string, code: string) =>
  page.getByTestId(testId).locator(`tr[data-code="${code}"]`);

describe.skipIf(!chromiumAvailable())('village finance, end to end', () => {
  it('budget, payment, LRA, board, reversal', async () => {
    await menu('Anggaran (APBDes)').click();
    await addLine({
      account: '4.2.1',
      source: 'DDS',
      description: 'Dana Desa',
      amount: '500.000.000',
    });
    await addLine({
      account: '4.2.3',
      source: 'ADD',
      description: 'Alokasi Dana Desa',
      amount: '300000000',
    });
    await addLine({
      account: '5.1.1',
      kegiatan: '01.01.01.',
      source: 'ADD',
      description: 'Siltap Kepala Desa',
      volume: '12',
      unit: 'bulan',
      unitPrice: '3000000',
    });
    await addLine({
      account: '5.3.5',
      kegiatan: '02.03.01.',
      source: 'DDS',
      description: 'Rabat beton jalan dusun',
      amount: '450000000',
    });
    const totals = page.getByTestId('budget-totals');
    await expect.poll(() => totals.textContent()).toContain('Rp800.000.000');
    await expect.poll(() => totals.textContent()).toContain('Rp486.000.000');
    // The treasurer drafts; only the head adopts.
    expect(await page.getByRole('button', { name: 'Tetapkan APBDes' }).isDisabled()).toBe(true);
    await kiosk!.signIn('kepala-desa');
    await page.getByRole('button', { name: 'Tetapkan APBDes' }).click();
    await expect.poll(() => page.getByTestId('budget-stage').textContent()).toContain('Ditetapkan');
    // Locked: no more adding, no amount inputs.
    expect(await page.getByRole('form', { name: 'Baris anggaran baru' }).count()).toBe(0);

    await kiosk!.signIn('bendahara');
    await menu('Buku Kas').click();
    const form = page.getByRole('form', { name: 'Entri buku kas' });
    await page.getByLabel('Petugas pencatat').fill('Sri Wahyuni');
    const siltap = await form
      .locator('option', { hasText: 'Siltap Kepala Desa' })
      .getAttribute('value');
    await form.getByLabel('Baris anggaran').selectOption(siltap!);
    await expect
      .poll(() => page.getByTestId('line-remaining').textContent())
      .toContain('Rp36.000.000');
    await form.getByLabel('Jumlah (Rp)').fill('40000000');
    await form.getByLabel('Nomor bukti').fill('BKU-001');
    await form.getByLabel('Penerima / penyetor').fill('Kepala Desa');
    await form.getByRole('button', { name: 'Catat' }).click();
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toContain('Melebihi sisa anggaran');

    await form.getByLabel('Jumlah (Rp)').fill('3000000');
    await form.getByRole('button', { name: 'Catat' }).click();
    const entries = page.getByTestId('ledger-entries');
    await entries.getByText('BKU-001').waitFor();
    await expect.poll(() => page.getByTestId('line-remaining').count()).toBe(0);

    await menu('Laporan Realisasi').click();
    await expect.poll(() => lraRow('lra-bidang', '01').textContent()).toContain('Rp3.000.000');
    expect(await lraRow('lra-bidang', '01').textContent()).toContain('8,33%');
    expect(await lraRow('lra-kegiatan', '01.01.01.').textContent()).toContain('Rp33.000.000');
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Unduh CSV' }).click(),
    ]);
    expect(csv.suggestedFilename()).toBe(`LRA_${villageCode}_${new Date().getFullYear()}.csv`);
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Unduh XLSX' }).click(),
    ]);
    const bytes = await readFile((await xlsx.path())!);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');

    // Printed as set on screen: F4 (215 × 330 mm = 609.4 × 935.4 pt), then A4 (595.3 × 841.9 pt).
    const pageSize = async () => {
      const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
      const box = /MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf)!;
      return [Math.round(Number(box[1])), Math.round(Number(box[2]))];
    };
    expect(await pageSize()).toEqual([609, 935]);
    await page.getByLabel('Kertas').selectOption('A4');
    expect(await pageSize()).toEqual([595, 842]);

    await menu('Papan Transparansi').click();
    const board = page.getByTestId('board');
    await board.waitFor();
    await board.getByRole('button', { name: 'Halaman 2' }).click();
    await expect
      .poll(() => page.getByTestId('board-bidang').textContent())
      .toContain('Rp3.000.000');
    expect(await board.textContent()).not.toContain('Kepala Desa');
    await board.getByRole('button', { name: 'Tutup papan' }).click();

    await menu('Buku Kas').click();
    await entries.getByRole('button', { name: 'Balikkan' }).click();
    await entries.getByLabel('Alasan pembalikan').fill('Salah catat nominal');
    await entries.getByRole('button', { name: 'Simpan pembalikan' }).click();
    await expect.poll(() => entries.textContent()).toContain('Salah catat nominal');
    await expect.poll(() => entries.textContent()).toContain('dibalik');

    await menu('Laporan Realisasi').click();
    await expect.poll(() => lraRow('lra-bidang', '01').textContent()).toContain('0,00%');
    expect(await lraRow('lra-kegiatan', '01.01.01.').textContent()).toContain('Rp36.000.000');
  });

  it('imports a Siskeudes budget all or nothing, showing the rejected rows', async () => {
    await menu('Anggaran (APBDes)').click();
    await page.getByLabel('Tahun anggaran').fill('2030');
    const header =
      'Tahun;Kd_Desa;Kd_Keg;Kd_Rincian;SumberDana;Uraian;JmlSatuan;Satuan;HrgSatuan;Anggaran';
    const good = [
      header,
      '2030;;00.00.00.;4.2.1.;DDS;Dana Desa;;;;900000000',
      '2030;;02.03.01.;5.3.5.;DDS;Pemeliharaan jalan desa;;;;250000000',
    ];
    const file = (lines: string[]) => ({
      name: 'Ta_RABRinci.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(lines.join('\r\n')),
    });
    const input = page.getByLabel('Impor dari Siskeudes (CSV Ta_RABRinci)');
    await input.setInputFiles(file([...good, '2030;;02.03.01.;5.3.5.;XX1;Rusak;;;;12,5']));
    const rejected = page.getByTestId('import-rejected');
    await expect.poll(() => rejected.textContent()).toContain('bukan rupiah bulat');
    expect(await rejected.textContent()).toMatch(/^BarisAlasan4/);
    expect(await page.getByTestId('budget-lines').locator('tbody tr').count()).toBe(0);

    await input.setInputFiles(file(good));
    await page
      .getByTestId('budget-lines')
      .getByText('Pemeliharaan jalan desa', { exact: true })
      .waitFor();
    await expect
      .poll(() => page.getByTestId('budget-totals').textContent())
      .toContain('Rp650.000.000');
    expect(await rejected.count()).toBe(0);
  });
});
