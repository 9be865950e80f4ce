// Village finance as a new treasurer meets it, in the real renderer in Debian's Chromium at
// 1366×768: enter a budget of a few lines (the kegiatan found by typing), adopt it after a
// confirmation that records the Perdes, record cash in and a payment (an over-budget one and one
// beyond the cash at hand are refused), see the running balance, the LRA (month names, the codes
// explained, a signature block) and the transparency board show it, reverse it, and see the LRA go
// back; the Siskeudes export speaks Siskeudes' codes.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { uniqueVillageCode } from '../support/couch-server';
import { CHROMIUM_PATH, chromiumAvailable } from '../support/chromium';
import { shot } from '../support/screenshots';
import { openKioskInBrowser, type KioskInBrowser } from '../support/kiosk-in-browser';
import {
  addBudgetLineOnScreen,
  receiveCashOnScreen,
  type BudgetLineOnScreen,
} from '../support/finance-on-screen';

if (!chromiumAvailable())
  console.warn(`Skipping finance end-to-end tests: no Chromium at ${CHROMIUM_PATH}.`);

const villageCode = uniqueVillageCode();
let kiosk: KioskInBrowser | null = null;
let page: Page;

beforeAll(async () => {
  if (!chromiumAvailable()) return;
  kiosk = await openKioskInBrowser({ villageCode, signInAs: 'bendahara' });
  page = kiosk.page;
  await page.setViewportSize({ width: 1366, height: 768 });
});

afterAll(async () => kiosk?.close());

const menu = (name: string) => page.getByRole('navigation').getByRole('button', { name });

const addLine = (line: BudgetLineOnScreen) => addBudgetLineOnScreen(page, line);

const year = new Date().getFullYear();

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
    // 240 kegiatan: typing narrows the list; the regulation's "**)" marks are not in the names.
    const lineForm = page.getByRole('form', { name: 'Baris anggaran baru' });
    await lineForm.getByLabel('Rekening').selectOption('5.3.5');
    const kegiatan = lineForm.getByLabel('Kegiatan');
    expect(await kegiatan.locator('option').count()).toBeGreaterThan(200);
    expect(await kegiatan.textContent()).not.toContain('**)');
    await lineForm.getByLabel('Cari kode atau nama').fill('jalan desa');
    await expect.poll(() => kegiatan.locator('option').count()).toBeLessThan(12);
    expect(await kegiatan.textContent()).toContain(
      '02.03.10. Pembangunan/Rehabilitas/Peningkatan/Pengerasan Jalan Desa',
    );
    await lineForm.getByLabel('Cari kode atau nama').fill('');
    await shot(page, 'anggaran-bendahara');
    const totals = page.getByTestId('budget-totals');
    await expect.poll(() => totals.textContent()).toContain('Rp800.000.000');
    await expect.poll(() => totals.textContent()).toContain('Rp486.000.000');
    // The treasurer drafts; only the head adopts.
    expect(await page.getByRole('button', { name: 'Tetapkan APBDes' }).isDisabled()).toBe(true);
    await kiosk!.signIn('kepala-desa');
    await menu('Anggaran (APBDes)').click();
    // The head may not add lines, and is told so before any form to fill.
    expect(await page.getByRole('form', { name: 'Baris anggaran baru' }).count()).toBe(0);
    expect(await page.getByTestId('budget-readonly').textContent()).toContain(
      'Kepala Desa tidak boleh menyusun anggaran. Hanya Bendahara Desa atau Sekretaris Desa',
    );
    // Adopting asks first, and records the Perdes.
    await page.getByRole('button', { name: 'Tetapkan APBDes' }).click();
    const confirm = page.getByRole('form', { name: 'Penetapan APBDes' });
    expect(await confirm.textContent()).toContain('mengunci semua barisnya');
    expect(await page.getByTestId('budget-stage').textContent()).toContain('Rancangan');
    await confirm.getByRole('button', { name: 'Ya, tetapkan dan kunci' }).click();
    const numberError = confirm.locator('#perdes-number-error');
    await expect.poll(() => numberError.textContent()).toBe('Nomor Perdes wajib diisi.');
    await confirm.getByLabel('Nomor Perdes APBDes').fill('3 Tahun 2026');
    expect(await numberError.count()).toBe(0); // the error was about the empty field
    await confirm.getByLabel('Tanggal Perdes').fill(`${year}-01-05`);
    await shot(page, 'anggaran-tetapkan');
    await confirm.getByRole('button', { name: 'Ya, tetapkan dan kunci' }).click();
    await expect.poll(() => page.getByTestId('budget-stage').textContent()).toContain('Ditetapkan');
    expect(await page.getByTestId('budget-perdes').textContent()).toBe(
      'Perdes No. 3 Tahun 2026, 5 Januari ' + year,
    );
    // Locked: no more adding, no amount inputs.
    expect(await page.getByRole('form', { name: 'Baris anggaran baru' }).count()).toBe(0);

    await kiosk!.signIn('bendahara');
    await menu('Buku Kas').click();
    const form = page.getByRole('form', { name: 'Entri buku kas' });
    // The signed-in treasurer records, unless she names someone else.
    expect(await page.getByLabel('Petugas pencatat').inputValue()).toBe('Bu Bendahara');
    // No cash yet: a payment within the budget is refused for want of cash.
    const road = await form
      .locator('option', { hasText: 'Rabat beton jalan dusun' })
      .getAttribute('value');
    await form.getByLabel('Baris anggaran').selectOption(road!);
    await form.getByLabel('Jumlah (Rp)').fill('60000000');
    await form.getByLabel('Nomor bukti').fill('BKU-000');
    await form.getByLabel('Penerima / penyetor').fill('CV Maju');
    await form.getByRole('button', { name: 'Catat' }).click();
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toBe(
        'Melebihi saldo bank pada tanggal itu (saldo Rp0); perlu persetujuan pejabat dengan alasan.',
      );
    await receiveCashOnScreen(page, { line: 'Dana Desa', amount: '50000000', voucher: 'TBP-001' });
    expect(await page.getByTestId('cash-at-hand').textContent()).toBe(
      'Saldo bank: Rp50.000.000 · Kas tunai: Rp0',
    );
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
      .toBe('Melebihi sisa anggaran (sisa Rp36.000.000); perlu persetujuan pejabat dengan alasan.');

    await form.getByLabel('Jumlah (Rp)').fill('3000000');
    await form.getByRole('button', { name: 'Catat' }).click();
    const entries = page.getByTestId('ledger-entries');
    await entries.getByText('BKU-001').waitFor();
    await expect.poll(() => page.getByTestId('line-remaining').count()).toBe(0);
    // The book: id-ID dates and the cash balance after each entry (newest first).
    const newest = entries.locator('tbody tr').first();
    expect(await newest.textContent()).toContain('BKU-001');
    expect(await newest.textContent()).toContain('Rp47.000.000');
    expect(await newest.locator('td').first().textContent()).toMatch(
      /^\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4}$/,
    );
    await shot(page, 'buku-kas');

    await menu('Laporan Realisasi').click();
    await expect.poll(() => lraRow('lra-bidang', '01').textContent()).toContain('Rp3.000.000');
    expect(await lraRow('lra-bidang', '01').textContent()).toContain('8,33%');
    expect(await lraRow('lra-kegiatan', '01.01.01.').textContent()).toContain('Rp33.000.000');
    // Months by name; the funding-source codes explained; a signature block for the print.
    const months = await page
      .getByTestId('lra-months')
      .locator('tbody td:first-child')
      .allTextContents();
    expect(months).toContain(
      new Intl.DateTimeFormat('id-ID', { month: 'long' }).format(new Date()),
    );
    expect(await page.getByTestId('lra-sources-legend').textContent()).toBe(
      'Kode: P = pendapatan, B = belanja, diikuti sumber dana (ADD = Alokasi Dana Desa, DDS = Dana Desa).',
    );
    expect(await page.getByTestId('lra-signatures').textContent()).toContain(
      'Mengetahui, Kepala Desa',
    );
    await shot(page, 'lra');
    const [siskeudes] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Ekspor realisasi (Siskeudes)' }).click(),
    ]);
    const realisation = (await readFile((await siskeudes.path())!, 'utf8')).split('\r\n');
    expect(realisation.filter((l) => l.includes(';TBP-001;TBP;'))).toHaveLength(1);
    expect(realisation.filter((l) => l.includes(';BKU-001;LS;'))).toHaveLength(1);
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
    await entries
      .getByRole('row', { name: /BKU-001/ })
      .getByRole('button', { name: 'Balikkan' })
      .click();
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
