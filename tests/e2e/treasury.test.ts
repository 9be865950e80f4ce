// The treasurer's books as a new treasurer meets them, in the real renderer in Debian's Chromium at
// 1366×768 (decision 0024): saldo awal; Dana Desa into the bank (TBP); tarik tunai; a cash payment
// beyond the cash box refused; an SPP drawn up by the implementer, refused to the wrong role with
// the reason, checked, approved and paid with PPN and PPh 22 withheld; a panjar with its SPJ and
// the unspent part returned; the PPN deposited; every book with its balance, printed and as CSV;
// closing the year, a posting into it refused, and the next year opening with the balances.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { uniqueVillageCode } from '../support/couch-server';
import { CHROMIUM_PATH, chromiumAvailable } from '../support/chromium';
import { shot } from '../support/screenshots';
import { openKioskInBrowser, type KioskInBrowser } from '../support/kiosk-in-browser';
import {
  addBudgetLineOnScreen,
  adoptBudgetOnScreen,
  receiveCashOnScreen,
} from '../support/finance-on-screen';

if (!chromiumAvailable())
  console.warn(`Skipping treasury end-to-end tests: no Chromium at ${CHROMIUM_PATH}.`);

const villageCode = uniqueVillageCode();
let kiosk: KioskInBrowser | null = null;
let page: Page;

beforeAll(async () => {
  if (!chromiumAvailable()) return;
  kiosk = await openKioskInBrowser({ villageCode, signInAs: 'bendahara' });
  page = kiosk.page;
  await page.setViewportSize({ width: 1366, height: 768 });
}, 180_000);

afterAll(async () => kiosk?.close());

const year = new Date().getFullYear();
const menu = (name: string) =>
  page.getByRole('navigation').getByRole('button', { name, exact: true });
const alert = () => page.getByRole('alert').first();

async function move(m: {
  kind: string;
  account?: string;
  tax?: string;
  date: string;
  amount: string;
  voucher: string;
}) {
  const form = page.getByRole('form', { name: 'Mutasi kas' });
  await form.getByLabel('Jenis mutasi').selectOption({ label: m.kind });
  if (m.account) await form.getByLabel('Rekening').selectOption(m.account);
  if (m.tax) await form.getByLabel('Pajak yang disetor').selectOption(m.tax);
  await form.getByLabel('Tanggal mutasi').fill(m.date);
  await form.getByLabel('Jumlah mutasi (Rp)').fill(m.amount);
  await form.getByLabel('Nomor bukti mutasi').fill(m.voucher);
  await form.getByRole('button', { name: 'Catat mutasi' }).click();
  await page.getByTestId('ledger-entries').getByText(m.voucher, { exact: true }).first().waitFor();
}

async function entry(e: {
  line: string;
  kind: string;
  account?: string;
  amount: string;
  voucher: string;
  payee: string;
  settles?: string;
}) {
  const form = page.getByRole('form', { name: 'Entri buku kas' });
  const value = await form
    .locator('option', { hasText: new RegExp(`· ${e.line}$`) })
    .getAttribute('value');
  await form.getByLabel('Baris anggaran').selectOption(value!);
  await form.getByLabel('Jenis').selectOption({ label: e.kind });
  if (e.settles) {
    const advance = await form
      .locator('option', { hasText: e.settles })
      .first()
      .getAttribute('value');
    await form.getByLabel('Uang muka yang di-SPJ-kan').selectOption(advance!);
  }
  if (e.account) await form.getByLabel('Rekening kas').selectOption(e.account);
  await form.getByLabel('Jumlah (Rp)').fill(e.amount);
  await form.getByLabel('Nomor bukti').fill(e.voucher);
  await form.getByLabel('Penerima / penyetor').fill(e.payee);
  await form.getByRole('button', { name: 'Catat', exact: true }).click();
}

const balances = () => page.getByTestId('cash-at-hand').textContent();

describe.skipIf(!chromiumAvailable())('the treasurer’s books, end to end', () => {
  it('saldo awal → TBP → tarik tunai → SPP with taxes → panjar → STS → books → closing', async () => {
    await menu('Anggaran (APBDes)').click();
    await addBudgetLineOnScreen(page, {
      account: '4.2.1',
      source: 'DDS',
      description: 'Dana Desa',
      amount: '500000000',
    });
    await addBudgetLineOnScreen(page, {
      account: '5.3.5',
      kegiatan: '02.03.01.',
      source: 'DDS',
      description: 'Rabat beton jalan dusun',
      amount: '300000000',
    });
    await addBudgetLineOnScreen(page, {
      account: '5.1.1',
      kegiatan: '01.01.01.',
      source: 'DDS',
      description: 'Operasional pemerintahan',
      amount: '50000000',
    });
    await kiosk!.signIn('kepala-desa');
    await menu('Anggaran (APBDes)').click();
    await adoptBudgetOnScreen(page, `1 Tahun ${year}`);

    // Saldo awal (SiLPA) on the bank and in cash, Dana Desa into the bank, tarik tunai.
    await kiosk!.signIn('bendahara');
    await menu('Buku Kas').click();
    await move({
      kind: 'Saldo awal',
      account: 'bank',
      date: `${year}-01-01`,
      amount: '10000000',
      voucher: 'SA-1',
    });
    await move({
      kind: 'Saldo awal',
      account: 'tunai',
      date: `${year}-01-01`,
      amount: '1000000',
      voucher: 'SA-2',
    });
    await receiveCashOnScreen(page, { line: 'Dana Desa', amount: '200000000', voucher: 'TBP-001' });
    const today = await page
      .getByRole('form', { name: 'Entri buku kas' })
      .getByLabel('Tanggal')
      .inputValue();
    await move({ kind: 'Tarik tunai', date: today, amount: '5000000', voucher: 'MTS-001' });
    await expect.poll(balances).toBe('Saldo bank: Rp205.000.000 · Kas tunai: Rp6.000.000');

    // A cash payment beyond the cash box is refused, saying how much is there.
    await entry({
      line: 'Rabat beton jalan dusun',
      kind: 'Pembayaran SPP LS',
      account: 'tunai',
      amount: '50000000',
      voucher: 'BKU-X',
      payee: 'CV Maju',
    });
    await expect
      .poll(() => alert().textContent())
      .toBe(
        'Melebihi saldo kas tunai pada tanggal itu (saldo Rp6.000.000); perlu persetujuan pejabat dengan alasan.',
      );
    await shot(page, 'treasury-buku-kas-refused');

    // The SPP: drawn up by the implementer, who may not check it — and is told who may.
    await kiosk!.signIn('operator');
    await menu('SPP').click();
    const sppForm = page.getByRole('form', { name: 'SPP baru' });
    const road = await sppForm
      .locator('option', { hasText: 'Rabat beton jalan dusun' })
      .getAttribute('value');
    await sppForm.getByLabel('Baris belanja').selectOption(road!);
    await sppForm.getByLabel('Jumlah SPP (Rp)').fill('111000000');
    await sppForm.getByLabel('Penerima pembayaran').fill('CV Maju Jaya');
    await sppForm.getByLabel('Untuk keperluan').fill('Semen, pasir dan besi rabat beton');
    await sppForm.getByLabel(/Pajak Pertambahan Nilai/).check();
    await sppForm.getByLabel(/PPh Pasal 22/).check();
    await sppForm.getByRole('button', { name: 'Susun SPP' }).click();
    const number = `001/SPP/K1/${villageCode.slice(0, 2)}.${villageCode.slice(2, 4)}.${villageCode.slice(4, 6)}.${villageCode.slice(6)}/${year}`;
    const row = page.getByTestId('spp-list').locator(`tr[data-spp="${number}"]`);
    await row.waitFor();
    expect(await row.getByRole('button', { name: 'Diverifikasi' }).isDisabled()).toBe(true);
    expect(await row.locator('.fin-refusal').textContent()).toBe(
      'Operator layanan tidak boleh memverifikasi SPP. Hanya Sekretaris Desa yang dapat melakukannya.',
    );
    expect(await page.getByTestId('spp-words').textContent()).toBe(
      'Terbilang: Seratus sebelas juta rupiah',
    );
    await shot(page, 'treasury-spp-drawn-refused');
    for (const [role, button] of [
      ['sekretaris', 'Diverifikasi'],
      ['kepala-desa', 'Disetujui'],
      ['bendahara', 'Dibayar'],
    ] as const) {
      await kiosk!.signIn(role);
      await menu('SPP').click();
      await row.getByRole('button', { name: button }).click();
      await expect.poll(() => row.textContent()).toContain(button);
    }
    await expect.poll(() => row.textContent()).toContain('Dibayar bendahara');
    await row.getByRole('button', { name: number }).click();
    expect(await page.getByTestId('spp-print').textContent()).toContain(
      'dibayar bersih Rp97.125.000',
    );
    await shot(page, 'treasury-spp-paid');

    // Panjar in cash to the implementer, its SPJ, the unspent part returned.
    await menu('Buku Kas').click();
    await expect.poll(balances).toBe('Saldo bank: Rp107.875.000 · Kas tunai: Rp6.000.000');
    await entry({
      line: 'Operasional pemerintahan',
      kind: 'Uang muka SPP UM',
      account: 'tunai',
      amount: '4000000',
      voucher: 'UM-001',
      payee: 'Kasi Pemerintahan',
    });
    await page.getByTestId('ledger-entries').getByText('UM-001').first().waitFor();
    await entry({
      line: 'Operasional pemerintahan',
      kind: 'SPJ uang muka',
      amount: '3000000',
      voucher: 'SPJ-001',
      payee: 'Kasi Pemerintahan',
      settles: 'UM-001',
    });
    await page.getByTestId('ledger-entries').getByText('SPJ-001').first().waitFor();
    await entry({
      line: 'Operasional pemerintahan',
      kind: 'Pengembalian sisa panjar',
      account: 'tunai',
      amount: '1000000',
      voucher: 'KBL-001',
      payee: 'Kasi Pemerintahan',
      settles: 'UM-001',
    });
    await page.getByTestId('ledger-entries').getByText('KBL-001').first().waitFor();
    // The PPN withheld, deposited (STS).
    await move({
      kind: 'Setoran pajak (STS)',
      account: 'bank',
      tax: 'PPN',
      date: today,
      amount: '12210000',
      voucher: 'STS-001',
    });
    await expect.poll(balances).toBe('Saldo bank: Rp95.665.000 · Kas tunai: Rp3.000.000');
    await shot(page, 'treasury-buku-kas');

    // The semester report: the LRA of the entries up to 30 June (these are all later in the year).
    await menu('Laporan Realisasi').click();
    const roadRow = page.getByTestId('lra-kegiatan').locator('tr[data-code="02.03.01."]');
    await expect.poll(() => roadRow.textContent()).toContain('Rp111.000.000');
    await page.getByLabel('Periode').selectOption('semester');
    await expect.poll(() => page.getByTestId('lra-title').textContent()).toContain('Semester I');
    expect(await roadRow.textContent()).not.toContain('Rp111.000.000');
    await shot(page, 'treasury-semester-i');

    // Every book, with its closing balance; the BKU printed on F4 and as CSV.
    await menu('Buku Bendahara').click();
    const book = page.getByTestId('treasury-book');
    const expected = {
      'Buku Kas Umum': 'Rp98.665.000',
      'Buku Pembantu Bank': 'Rp95.665.000',
      'Buku Pembantu Kas Tunai': 'Rp3.000.000',
      'Buku Pembantu Pajak': 'Rp1.665.000',
      'Buku Pembantu Panjar': 'Rp0',
    };
    for (const [tab, closing] of Object.entries(expected)) {
      await page.getByRole('tab', { name: tab }).click();
      await expect.poll(() => book.locator('tfoot tr').first().textContent()).toContain(closing);
      await shot(page, `treasury-${tab.toLowerCase().replace(/ /g, '-')}`);
    }
    await page.getByRole('tab', { name: 'Buku Kas Umum' }).click();
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Unduh CSV' }).click(),
    ]);
    const text = await readFile((await csv.path())!, 'utf8');
    expect(text).toContain('Tanggal;No. Bukti;Uraian;Penerimaan;Pengeluaran;Saldo');
    expect(text).toContain(';Jumlah;');
    expect(text.trim().split('\n').at(-1)).toMatch(/;98665000$/);
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
    const box = /MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf)!;
    expect([Math.round(Number(box[1])), Math.round(Number(box[2]))]).toEqual([609, 935]);

    // Closing the year: the balances go forward; nothing more is posted into it.
    await page.getByRole('button', { name: `Tutup buku ${year}` }).click();
    await page.getByTestId('closed-notice').waitFor();
    await menu('Buku Kas').click();
    await page.getByTestId('year-closed').waitFor();
    await entry({
      line: 'Dana Desa',
      kind: 'Penerimaan (TBP)',
      amount: '1000',
      voucher: 'TBP-LATE',
      payee: 'RKD',
    });
    await expect
      .poll(() => alert().textContent())
      .toBe(`Tahun anggaran ${year} sudah ditutup; catat koreksi di tahun yang masih terbuka.`);
    await shot(page, 'treasury-closed-refused');
    await page.getByLabel('Tahun anggaran').fill(String(year + 1));
    await expect.poll(balances).toBe('Saldo bank: Rp95.665.000 · Kas tunai: Rp3.000.000');
    await menu('Buku Bendahara').click();
    expect(await page.getByTestId('carried-in').textContent()).toContain(`Dibawa dari ${year}`);
    await shot(page, 'treasury-next-year');
  }, 600_000);
});
