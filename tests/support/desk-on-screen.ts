// The service-desk step several end-to-end suites take on the way to what they test, as the
// signed-in clerk takes it on screen: Budi Santoso's walk-in for a domicile letter, opened, every
// required document ticked and the file marked complete, so an official can approve it next.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** The walk-in saved and checked on the Layanan Surat screen already open; its row and detail. */
export async function checkedWalkIn(page: Page) {
  await page.getByLabel('NIK').fill('3510171708450001');
  await page.getByLabel('Nama pemohon').fill('Budi Santoso');
  await page.getByLabel('Jenis layanan').selectOption('domisili');
  await page.getByLabel('Keperluan').fill('Membuka rekening');
  await page.getByLabel('Keperluan').press('Enter');
  const row = page.getByTestId('today-list').getByRole('row', { name: /Budi Santoso/ });
  await row.getByRole('button', { name: 'Buka' }).click();
  const detail = page.getByTestId('request-detail');
  // Each tick is saved before the box shows it.
  for (const box of await detail.getByRole('checkbox').all()) {
    await box.click();
    await expect.poll(() => box.isChecked()).toBe(true);
  }
  await detail.getByRole('button', { name: 'Berkas lengkap' }).click();
  await expect
    .poll(() => detail.getByTestId('request-status').textContent())
    .toBe('Berkas lengkap');
  return { row, detail };
}
