// Finance steps several end-to-end suites take on the way to what they test, as staff take them
// on screen: adding budget lines, adopting the APBDes through its confirmation (with the Perdes), and receiving cash
// into the book so that payments have money to come from.
import type { Page } from 'playwright-core';

export interface BudgetLineOnScreen {
  account: string;
  kegiatan?: string;
  source: string;
  description: string;
  amount?: string;
  volume?: string;
  unit?: string;
  unitPrice?: string;
}

/** Adds a draft line on the APBDes screen and waits until the list shows it. */
export async function addBudgetLineOnScreen(page: Page, line: BudgetLineOnScreen) {
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

/** Adopts the year's budget on the APBDes screen as the signed-in kepala desa would. */
export async function adoptBudgetOnScreen(page: Page, perdesNumber = '1 Tahun 2026') {
  await page.getByRole('button', { name: 'Tetapkan APBDes' }).click();
  const confirm = page.getByRole('form', { name: 'Penetapan APBDes' });
  await confirm.getByLabel('Nomor Perdes APBDes').fill(perdesNumber);
  await confirm.getByRole('button', { name: 'Ya, tetapkan dan kunci' }).click();
  await confirm.waitFor({ state: 'detached' });
}

/** Records a receipt (TBP) on the income line described `line`, on the Buku Kas screen. */
export async function receiveCashOnScreen(
  page: Page,
  receipt: { line: string; amount: string; voucher: string },
) {
  const form = page.getByRole('form', { name: 'Entri buku kas' });
  // The option reads `4.2.1 DDS · Dana Desa`: the line's description ends it (not "Alokasi Dana Desa").
  const value = await form
    .locator('option', { hasText: new RegExp(`· ${receipt.line}$`) })
    .getAttribute('value');
  await form.getByLabel('Baris anggaran').selectOption(value!);
  await form.getByLabel('Jenis').selectOption({ label: 'Penerimaan (TBP)' });
  await form.getByLabel('Jumlah (Rp)').fill(receipt.amount);
  await form.getByLabel('Nomor bukti').fill(receipt.voucher);
  await form.getByRole('button', { name: 'Catat' }).click();
  await page.getByTestId('ledger-entries').getByText(receipt.voucher, { exact: true }).waitFor();
  // The next entry starts as a payment again.
  await form.getByLabel('Jenis').selectOption({ label: 'Pembayaran SPP LS' });
}
