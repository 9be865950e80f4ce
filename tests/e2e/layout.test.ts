// Every screen of every role fits a village office's 1366×768 screen (issue 13, item 9): no
// sideways scroll of the page, and no label lying over its input. The screens are the ones the
// menu offers the role, built from renderer/screens/registry.ts, so a screen added later is
// measured too (the registry itself imports React screens and cannot load in Node). With LAYOUT_SHOTS=<folder> each screen is
// also saved as a PNG, to look at.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { STAFF_ROLES } from '../../shared/staff/roles';
import { uniqueVillageCode } from '../support/couch-server';
import { CHROMIUM_PATH, chromiumAvailable } from '../support/chromium';
import {
  DEFAULT_STAFF,
  openKioskInBrowser,
  type KioskInBrowser,
} from '../support/kiosk-in-browser';

if (!chromiumAvailable())
  console.warn(`Skipping browser end-to-end tests: no Chromium at ${CHROMIUM_PATH}.`);

const VIEWPORT = { width: 1366, height: 768 };
const SHOTS = process.env.LAYOUT_SHOTS;
if (SHOTS) mkdirSync(SHOTS, { recursive: true });

/** What is wrong with the page's layout now, in words; empty when it fits. */
function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) {
      // Name the elements reaching past the right edge, so the failure says what to fix.
      const wide = Array.from(document.querySelectorAll<HTMLElement>('body *'))
        .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1)
        .filter(
          (el) =>
            !el.parentElement ||
            el.parentElement.getBoundingClientRect().right <= root.clientWidth + 1,
        )
        .slice(0, 3)
        .map(
          (el) =>
            `<${el.tagName.toLowerCase()} class="${el.className}"> "${(el.textContent ?? '').trim().slice(0, 40)}"`,
        );
      problems.push(
        `the page scrolls sideways: ${root.scrollWidth - root.clientWidth} px wider than the window (${wide.join(', ')})`,
      );
    }
    const visible = (r: DOMRect) => r.width > 0 && r.height > 0;
    for (const label of Array.from(document.querySelectorAll('label'))) {
      const control = label.control;
      // A label wrapping its control contains it by design; only side-by-side pairs can collide.
      if (!control || label.contains(control)) continue;
      const a = label.getBoundingClientRect();
      const b = control.getBoundingClientRect();
      if (!visible(a) || !visible(b)) continue;
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > 1 && h > 1) {
        problems.push(`the label "${(label.textContent ?? '').trim()}" lies over its input`);
      }
    }
    return problems;
  });
}

async function check(page: Page, where: string): Promise<void> {
  // Two frames: the screen's first data has rendered and been laid out.
  await page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
  );
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `${where.replace(/[^\w-]+/g, '_')}.png`) });
  const problems = await layoutProblems(page);
  expect(problems, `${where} at 1366×768: ${problems.join('; ')}`).toEqual([]);
}

describe.skipIf(!chromiumAvailable())('every screen at 1366×768', () => {
  let kiosk: KioskInBrowser;
  beforeAll(async () => {
    kiosk = await openKioskInBrowser({ villageCode: uniqueVillageCode() });
    await kiosk.page.setViewportSize(VIEWPORT);
  });
  afterAll(async () => kiosk?.close());

  it.each(STAFF_ROLES.map((role) => [role]))('every screen of the %s fits', async (role) => {
    const seed = DEFAULT_STAFF.find((s) => s.role === role);
    if (!seed) throw new Error(`The test office has nobody with the role ${role}; add one.`);
    await kiosk.signIn(seed.name);
    const page = kiosk.page;
    const menu = page.locator('nav[aria-label="Menu"] button[data-screen]');
    // A role with one screen gets no menu: that screen is open already.
    const screens =
      (await menu.count()) > 0
        ? await menu.evaluateAll((items) => items.map((b) => b.getAttribute('data-screen') ?? ''))
        : [await page.locator('main[data-screen]').getAttribute('data-screen')];
    for (const id of screens) {
      const item = menu.and(page.locator(`[data-screen="${id}"]`));
      if ((await item.count()) > 0) await item.click();
      await page.locator(`main[data-screen="${id}"], .board`).first().waitFor();
      if (await page.locator('.board').count()) {
        // A full-screen public display: measured as shown, then left with Escape.
        await check(page, `${role} / ${id}`);
        await page.keyboard.press('Escape');
        continue;
      }
      await check(page, `${role} / ${id}`);
    }
  });

  it('the sign-in screen fits', async () => {
    const page = kiosk.page;
    await page.getByRole('button', { name: 'Keluar', exact: true }).click();
    await page.getByRole('form', { name: 'Masuk' }).waitFor();
    await check(page, 'sign-in');
  });
});

describe.skipIf(!chromiumAvailable())('the first-run setup at 1366×768', () => {
  let kiosk: KioskInBrowser;
  beforeAll(async () => {
    kiosk = await openKioskInBrowser({ villageCode: uniqueVillageCode(), setUp: false });
    await kiosk.page.setViewportSize(VIEWPORT);
  });
  afterAll(async () => kiosk?.close());

  it('fits, empty and with every error shown under its field', async () => {
    const page = kiosk.page;
    const wizard = page.getByRole('form', { name: 'Penyiapan kios' });
    await wizard.waitFor();
    await check(page, 'setup');
    await wizard.getByRole('button', { name: 'Siapkan kios' }).click();
    await wizard.locator('.ui-field-error').first().waitFor();
    await check(page, 'setup with errors');
  });
});
