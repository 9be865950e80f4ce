// A letter at the desk, in the real renderer: nothing before approval; the secretary's approval
// issues the number, renders the letter (preview = the printed HTML, F4 @page) and has the host
// sign it with the village key, QR included; a reprint is a logged copy; the archive finds it;
// the verify screen judges pasted payloads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { generateVillageKey, type VillageKeyPair } from '../../shared/letters/signing';
import { verifyLetter } from '../../shared/letters/verify';
import { uniqueVillageCode } from '../support/couch-server';
import { CHROMIUM_PATH, chromiumAvailable } from '../support/chromium';
import { openKioskInBrowser, type KioskInBrowser } from '../support/kiosk-in-browser';
import { namedRegency } from '../support/named-regency';
import { checkedWalkIn } from '../support/desk-on-screen';

if (!chromiumAvailable())
  console.warn(`Skipping browser end-to-end tests: no Chromium at ${CHROMIUM_PATH}.`);

const villageCode = uniqueVillageCode();
let kiosk: KioskInBrowser | null = null;
let page: Page;
let key: VillageKeyPair;
let regency: Awaited<ReturnType<typeof namedRegency>> | null = null;

beforeAll(async () => {
  if (!chromiumAvailable()) return;
  key = await generateVillageKey('2026-1');
  // The regency's profile brings the kop's names: no letter is signed without them.
  regency = await namedRegency(villageCode);
  kiosk = await openKioskInBrowser({
    villageCode,
    kioskId: 'k1',
    regencyUrl: regency.regencyUrl,
    password: regency.password,
    env: { BALAI_LETTER_KEY: `${key.keyId}:${key.privateKey}` },
  });
  page = kiosk.page;
  await page
    .getByTestId('village-label')
    .filter({ hasText: 'Uji Coba' })
    .waitFor({ timeout: 60_000 });
});
afterAll(async () => {
  await kiosk?.close();
  await regency?.stop();
});

const dotted = `${villageCode.slice(0, 2)}.${villageCode.slice(2, 4)}.${villageCode.slice(4, 6)}.${villageCode.slice(6)}`;

describe.skipIf(!chromiumAvailable())('letters at the desk', () => {
  it('issues, signs and prints a letter only once it is approved', async () => {
    const { row, detail } = await checkedWalkIn(page);
    // Checked, not approved: no letter, no QR, nothing to print.
    expect(await detail.getByTestId('letter-panel').count()).toBe(0);

    // Nothing of the operator's session stays for the secretary: she opens the request herself.
    await kiosk!.signIn('sekretaris');
    await row.getByRole('button', { name: 'Buka' }).click();
    await detail.getByRole('button', { name: 'Setujui' }).click();
    const number = detail.getByTestId('letter-number');
    await expect.poll(() => number.textContent()).toBe(`470/001-K1/${dotted}/${roman()}/${year()}`);
    await expect
      .poll(() => detail.getByTestId('letter-signed').textContent())
      .toBe('Ditandatangani (QR)');

    // The preview is the stored HTML: F4 page CSS, the number, a.n. for the secretary, the QR.
    const frame = page.frameLocator('iframe[title="Pratinjau surat"]');
    await expect.poll(() => frame.locator('h1').textContent()).toBe('SURAT KETERANGAN DOMISILI');
    const html = await frame.locator('html').evaluate((el) => el.outerHTML);
    expect(html).toContain('size: 215mm 330mm');
    expect(html).toContain('a.n. Kepala Desa');
    expect(html).toContain('<svg');

    // The host signed it with the village key: it verifies against the published public key.
    const payload = (await detail.getByTestId('letter-payload').textContent())!;
    const verdict = await verifyLetter(payload, { [villageCode]: { [key.keyId]: key.publicKey } });
    expect(verdict).toMatchObject({ verdict: 'valid' });
    expect(verdict.claims).toMatchObject({
      subjectName: 'Budi Santoso',
      signerName: 'Pak Sekdes',
    });

    // First print marks the request printed; the next is a copy, logged.
    await detail.getByRole('button', { name: 'Cetak surat' }).click();
    await expect
      .poll(() => detail.getByTestId('request-status').textContent())
      .toBe('Siap diambil');
    await detail.getByRole('button', { name: 'Cetak salinan' }).click();
    await expect
      .poll(() => detail.getByTestId('letter-panel').textContent())
      .toContain('dicetak ulang 1×');

    // The register of outgoing letters finds it; the verify screen judges payloads.
    await page
      .getByRole('navigation')
      .getByRole('button', { name: 'Arsip Surat', exact: true })
      .click();
    await page.getByLabel('Cari nomor, nama atau NIK').fill('budi');
    const register = page.getByTestId('letter-register');
    await expect.poll(() => register.textContent()).toContain(`470/001-K1/${dotted}`);
    expect(await register.textContent()).toContain('Pak Sekdes, Sekretaris Desa');
    await page.getByLabel('Isi kode QR').fill(payload.replace('B1.', 'B1.x'));
    await page.getByRole('button', { name: 'Periksa', exact: true }).click();
    await expect
      .poll(() => page.getByTestId('verify-verdict').getAttribute('data-verdict'))
      .not.toBe('valid');
  }, 60_000);
});

/** Today at the kiosk (Asia/Jakarta, as the test browser runs). */
function jakarta(): { month: number; year: number } {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' })
    .format(new Date())
    .split('-')
    .map(Number);
  return { month: m!, year: y! };
}
function roman() {
  return ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'][
    jakarta().month - 1
  ];
}
function year() {
  return jakarta().year;
}
