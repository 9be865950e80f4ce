// The anjungan mandiri in the real renderer in Debian's Chromium, touch-emulated, beside the
// desk's window of the same kiosk (same host, same database): the desk issues PINs and registers
// a card; a resident meets an unknown NIK, a wrong PIN locking after the limit, the first-use PIN
// change; takes a number printed on a fake ESC/POS printer; asks for a letter that appears on the
// desk at once and is approved and printed there; sees their status; is forgotten when idle; a
// card takes a number but cannot create a request; the call screen follows the desk's call.
import type { CDPSession, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateVillageKey } from '../../shared/letters/signing';
import { CHROMIUM_PATH, chromiumAvailable } from '../support/chromium';
import { uniqueVillageCode } from '../support/couch-server';
import { startFakeEscposPrinter, type FakeEscposPrinter } from '../support/fake-escpos-printer';
import { openKioskInBrowser, type KioskInBrowser } from '../support/kiosk-in-browser';
import { namedRegency } from '../support/named-regency';
import { shot } from '../support/screenshots';

if (!chromiumAvailable())
  console.warn(`Skipping browser end-to-end tests: no Chromium at ${CHROMIUM_PATH}.`);

const villageCode = uniqueVillageCode();
const SITI = { nik: '3510175708450002', name: 'Siti Aminah' };
const BUDI = { nik: '3510171203850003', name: 'Budi Santoso' };
const CARD = '04123456789012';
const OWN_PIN = '583920';

let kiosk: KioskInBrowser | null = null;
let printer: FakeEscposPrinter | null = null;
let regency: Awaited<ReturnType<typeof namedRegency>> | null = null;
let desk: Page;

beforeAll(async () => {
  if (!chromiumAvailable()) return;
  const key = await generateVillageKey('2026-1');
  printer = await startFakeEscposPrinter();
  regency = await namedRegency(villageCode);
  kiosk = await openKioskInBrowser({
    villageCode,
    regencyUrl: regency.regencyUrl,
    password: regency.password,
    env: {
      BALAI_LETTER_KEY: `${key.keyId}:${key.privateKey}`,
      BALAI_TICKET_PRINTER: printer.address,
    },
  });
  desk = kiosk.page;
  await desk.setViewportSize({ width: 1366, height: 768 });
  await desk
    .getByTestId('village-label')
    .filter({ hasText: 'Uji Coba' })
    .waitFor({ timeout: 60_000 });
}, 180_000);

afterAll(async () => {
  await kiosk?.close();
  await printer?.close();
  await regency?.stop();
});

/** A finger's tap through Chromium's touch emulation (the persistent profile has no hasTouch). */
async function tapper(page: Page): Promise<(target: Locator) => Promise<void>> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
  return async (target) => {
    await target.scrollIntoViewIfNeeded();
    const box = await target.boundingBox();
    if (!box) throw new Error('Nothing to tap.');
    const point = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [point] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  };
}

async function openAnjungan(search = ''): Promise<Page> {
  const page = await desk.context().newPage();
  page.on('pageerror', (err) => console.error('anjungan page error:', err.message));
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(kiosk!.anjunganLaunchUrl());
  if (search) await page.goto(new URL(`/anjungan/${search}`, page.url()).href);
  return page;
}

const menuItem = (name: string) =>
  desk.getByRole('navigation', { name: 'Menu' }).getByRole('button', { name, exact: true });

async function issuePin(who: { nik: string; name: string }): Promise<string> {
  await menuItem('Akses Anjungan').click();
  await desk.getByLabel('NIK').fill(who.nik);
  await desk.getByLabel('Nama').fill(who.name);
  await desk.getByRole('button', { name: 'Beri PIN baru' }).click();
  const pin = (await desk.getByTestId('issued-pin').locator('.anjungan-number').textContent())!;
  await desk.getByRole('button', { name: /^Selesai/ }).click();
  return pin;
}

describe.skipIf(!chromiumAvailable())('the anjungan mandiri, end to end', () => {
  it('serves a resident on touch alone, the desk finishing what they asked for', async () => {
    // The desk: PINs for two residents, and Siti's e-KTP registered by the reader typing its UID.
    const sitiPin = await issuePin(SITI);
    const budiPin = await issuePin(BUDI);
    expect(sitiPin).toMatch(/^\d{6}$/);
    await desk.getByLabel('NIK').fill(SITI.nik);
    await desk.getByLabel('Nama').fill(SITI.name);
    await desk.getByLabel('Nomor kartu e-KTP').focus();
    await desk.keyboard.type(CARD, { delay: 5 });
    await desk.keyboard.press('Enter');
    await desk.getByText(`Kartu e-KTP terdaftar untuk ${SITI.name}.`).waitFor();
    await shot(desk, 'anjungan-desk-access');

    const page = await openAnjungan();
    const tap = await tapper(page);
    const key = (k: string) => page.getByTestId('touch-keyboard').locator(`[data-skbtn="${k}"]`);
    const typeOnScreen = async (text: string) => {
      for (const ch of text) await tap(key(ch === ' ' ? '{space}' : ch));
    };
    const error = page.getByTestId('anjungan-error');
    await page.getByTestId('anjungan-idle').waitFor();
    await shot(page, 'anjungan-idle');

    // An unknown NIK.
    await tap(page.getByRole('button', { name: 'Sentuh untuk mulai' }));
    await page.getByRole('form', { name: 'Masuk anjungan' }).waitFor();
    await shot(page, 'anjungan-login');
    await typeOnScreen('3510170101900001');
    await tap(key('{enter}'));
    await typeOnScreen('583920');
    await tap(key('{enter}'));
    await expect.poll(() => error.textContent()).toContain('NIK ini belum terdaftar di anjungan');
    await shot(page, 'anjungan-unknown-nik');

    // Budi's PIN mistyped until the lock: two warnings, then locked, the right PIN too.
    const signIn = async (nik: string, pin: string) => {
      await tap(page.getByLabel('NIK'));
      for (let i = 0; i < 16; i++) await tap(key('{bksp}'));
      await typeOnScreen(nik);
      await tap(key('{enter}'));
      await typeOnScreen(pin);
      await tap(key('{enter}'));
    };
    await signIn(BUDI.nik, '000001');
    await expect
      .poll(() => error.textContent())
      .toBe('PIN salah. Sisa percobaan sebelum dikunci: 2.');
    await signIn(BUDI.nik, '000002');
    await expect
      .poll(() => error.textContent())
      .toBe('PIN salah. Sisa percobaan sebelum dikunci: 1.');
    await signIn(BUDI.nik, '000003');
    await expect.poll(() => error.textContent()).toContain('dikunci; coba lagi dalam 60 detik');
    await signIn(BUDI.nik, budiPin);
    await expect.poll(() => error.textContent()).toContain('dikunci');
    await shot(page, 'anjungan-locked');

    // Siti, first use: the desk's PIN, then her own.
    await signIn(SITI.nik, sitiPin);
    await page.getByRole('form', { name: 'Ganti PIN' }).waitFor();
    await shot(page, 'anjungan-change-pin');
    await typeOnScreen(sitiPin);
    await tap(key('{enter}'));
    await typeOnScreen(OWN_PIN);
    await tap(key('{enter}'));
    await typeOnScreen(OWN_PIN);
    await tap(key('{enter}'));
    await page.getByRole('button', { name: 'Ambil nomor antrean' }).waitFor();
    await shot(page, 'anjungan-home');

    // A queue number, printed on the office's receipt printer: the big number, then the cut.
    await tap(page.getByRole('button', { name: 'Ambil nomor antrean' }));
    const number = (await page.locator('.anjungan-number').textContent())!;
    expect(number).toMatch(/^\d{3}$/);
    const ticket = await printer!.nextJob(20_000);
    expect(ticket.error).toBeNull();
    expect(ticket.lines.find((l) => l.text === number)).toMatchObject({ width: 3, height: 3 });
    expect(ticket.lines.map((l) => l.text)).toContain('Loket K1');
    expect(ticket.cuts).toBeGreaterThanOrEqual(1);
    await page.getByText('Karcis dicetak. Silakan ambil.').waitFor();
    await shot(page, 'anjungan-ticket');
    await tap(page.getByRole('button', { name: 'Selesai', exact: true }));

    // A letter: domicile, every requirement confirmed, the purpose typed on the screen.
    await menuItem('Layanan Surat').click();
    await tap(page.getByRole('button', { name: 'Ajukan surat' }));
    await tap(page.getByRole('button', { name: 'Surat Keterangan Domisili', exact: true }));
    for (const box of await page.getByRole('checkbox').all()) await tap(box);
    await typeOnScreen('buka rekening');
    await shot(page, 'anjungan-letter');
    await tap(page.getByRole('button', { name: 'Kirim permohonan' }));
    await page.getByTestId('anjungan-request-done').waitFor();
    const sent = Date.now();
    const row = desk.getByTestId('today-list').getByRole('row', { name: /Siti Aminah/ });
    await row.getByTestId('from-anjungan').waitFor({ timeout: 10_000 });
    const onDeskMs = Date.now() - sent;
    console.log(`anjungan → desk: ${onDeskMs} ms`);
    expect(onDeskMs).toBeLessThan(1_000);
    const receipt = await printer!.nextJob(20_000);
    expect(receipt.lines.map((l) => l.text)).toContain('TANDA TERIMA PERMOHONAN');
    expect(receipt.cuts).toBeGreaterThanOrEqual(1);
    await shot(desk, 'anjungan-on-desk');

    // Staff check it, the secretary approves (signs) and prints it, as at the desk.
    await row.getByRole('button', { name: 'Buka' }).click();
    const detail = desk.getByTestId('request-detail');
    for (const box of await detail.getByRole('checkbox').all()) {
      if (!(await box.isChecked())) await box.click();
      await expect.poll(() => box.isChecked()).toBe(true);
    }
    await detail.getByRole('button', { name: 'Berkas lengkap' }).click();
    await expect
      .poll(() => detail.getByTestId('request-status').textContent())
      .toBe('Berkas lengkap');
    await kiosk!.signIn('sekretaris');
    await row.getByRole('button', { name: 'Buka' }).click();
    await detail.getByRole('button', { name: 'Setujui' }).click();
    await expect
      .poll(() => detail.getByTestId('letter-signed').textContent(), { timeout: 30_000 })
      .toBe('Ditandatangani (QR)');
    await detail.getByRole('button', { name: 'Cetak surat' }).click();
    await expect
      .poll(() => detail.getByTestId('request-status').textContent())
      .toBe('Siap diambil');

    // The resident's own status: the letter ready, nobody else's requests.
    await tap(page.getByRole('button', { name: 'Lihat status' }));
    const status = page.getByTestId('anjungan-status');
    await expect.poll(() => status.textContent()).toContain('Siap diambil');
    expect(await page.getByTestId('anjungan-status-row').count()).toBe(1);
    await shot(page, 'anjungan-status');

    // A minute without a touch: the idle screen, Siti forgotten (by the host too).
    await page.getByTestId('anjungan-idle').waitFor({ timeout: 90_000 });
    expect(
      await page.evaluate(async () => {
        const res = await fetch('/anjungan/api/anjungan:whoami', { method: 'POST', body: 'null' });
        return res.json();
      }),
    ).toBeNull();

    // Her e-KTP on the reader: a number, but no letter without the PIN.
    await page.keyboard.type(CARD, { delay: 5 });
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('anjungan-who').textContent())
      .toContain('kartu e-KTP');
    expect(await page.getByRole('button', { name: 'Ajukan surat' }).isDisabled()).toBe(true);
    const refused = await page.evaluate(async () => {
      const res = await fetch('/anjungan/api/anjungan:confirm', {
        method: 'POST',
        body: JSON.stringify({ action: 'request.create' }),
      });
      return { status: res.status, body: (await res.json()) as { error: string } };
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatch(/masuk dengan NIK dan PIN/);
    await shot(page, 'anjungan-card-home');
    await tap(page.getByRole('button', { name: 'Ambil nomor antrean' }));
    const next = String(Number(number) + 1).padStart(3, '0');
    await expect.poll(() => page.locator('.anjungan-number').textContent()).toBe(next);
    expect((await printer!.nextJob(20_000)).lines.map((l) => l.text)).toContain(next);

    // The resident window's host refuses the desk's channels.
    const staffChannel = await page.evaluate(async () => {
      const res = await fetch('/anjungan/api/staff:list', { method: 'POST', body: 'null' });
      return res.status;
    });
    expect(staffChannel).toBe(403);

    // Portrait, as on a standing kiosk.
    await page.setViewportSize({ width: 768, height: 1366 });
    await shot(page, 'anjungan-portrait');
    await page.close();

    // The waiting room's screen follows the desk's call within a second.
    const tv = await openAnjungan('?layar=panggilan');
    await tv.getByTestId('call-screen').waitFor();
    await menuItem('Antrean').click();
    await desk.getByRole('button', { name: 'Panggil berikutnya' }).click();
    const called = Date.now();
    // The oldest waiting ticket: the resident's first number.
    await tv.getByTestId('call-number').filter({ hasText: number }).waitFor({ timeout: 10_000 });
    const onTvMs = Date.now() - called;
    console.log(`desk call → call screen: ${onTvMs} ms`);
    expect(onTvMs).toBeLessThan(1_000);
    expect(await tv.getByTestId('call-counter').textContent()).toBe('Loket K1');
    expect(await tv.getByTestId('call-waiting').textContent()).toContain('Loket K1: 1 orang');
    await shot(tv, 'call-screen');
  }, 420_000);
});
