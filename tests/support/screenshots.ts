// Screens saved to be looked at: with BALAI_SHOTS=<folder>, a suite's `shot` writes a full-page PNG
// there (never into the repo); without it, nothing is written.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';

export async function shot(page: Page, name: string): Promise<void> {
  const folder = process.env.BALAI_SHOTS;
  if (!folder) return;
  mkdirSync(folder, { recursive: true });
  await page.screenshot({ path: `${folder}/${name}.png`, fullPage: true });
}
