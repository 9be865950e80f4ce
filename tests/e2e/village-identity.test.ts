// A new office with a real village code, in Chromium at 1366×768: `add-village 3510172001` names
// it from the code (Jambesari, Giri, Banyuwangi); the first-run wizard takes the office's address
// and signing officials, the administrator adds staff and a treasurer under Profil Kantor, and an
// approved letter carries the real names and the address in its kop, body and place of signing.
// Its QR opens the hub's public verification page with the payload: SAH there and by
// `npm run verify-letter` with only the hub running; one changed character makes it TIDAK SAH in
// both. The same names head the queue ticket, the LRA and its print, the hall board and the
// regency dashboard, where a bare code showed before (issue 13 §1).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatLongDate } from '../../shared/dates';
import { qrSvg } from '../../shared/letters/qr';
import { qrContent } from '../../shared/letters/verify';
import type { VillageCode } from '../../shared/village';
import { hubConnectionFile } from '../../electron/host/config-store';
import { recordServerUrl } from '../../sync/hub/hub-files';
import { CHROMIUM_PATH, chromiumAvailable } from '../support/chromium';
import {
  basicAuth,
  couchServerKind,
  startCouchServer,
  type CouchServer,
} from '../support/couch-server';
import { hubCommand } from '../support/hub-command';
import { checkedWalkIn } from '../support/desk-on-screen';
import {
  DEFAULT_STAFF,
  openKioskInBrowser,
  type KioskInBrowser,
} from '../support/kiosk-in-browser';

const run = promisify(execFile);
const SHOTS = process.env.BALAI_SHOTS ?? join(tmpdir(), 'shots-identity');
const code = '3510172001' as VillageCode;
// The verification page is the hub's own route; against another CouchDB it is deployed apart.
const usable = chromiumAvailable() && couchServerKind === 'hub';
if (!usable)
  console.warn(
    `Skipping the village identity e2e: needs Chromium at ${CHROMIUM_PATH} and the embedded hub.`,
  );

let server: CouchServer;
let work: string;
let hubDir: string;
let kiosk: KioskInBrowser | null = null;
let page: Page;

beforeAll(async () => {
  if (!usable) return;
  server = await startCouchServer();
  work = await mkdtemp(join(tmpdir(), 'balai-identity-'));
  hubDir = join(work, 'hub');
  await recordServerUrl(hubDir, server.url);
  await hubCommand(server.admin, hubDir, 'add-village', code, '--kiosk', 'k1');
  const file = JSON.parse(await readFile(hubConnectionFile(hubDir, code, 'k1'), 'utf8')) as {
    password: string;
    letterKey: { keyId: string; privateKey: string };
  };
  kiosk = await openKioskInBrowser({
    villageCode: code,
    kioskId: 'k1',
    regencyUrl: server.url,
    password: file.password,
    env: { BALAI_LETTER_KEY: `${file.letterKey.keyId}:${file.letterKey.privateKey}` },
    // The office sets itself up in the wizard, as a new office does.
    setUp: false,
  });
  page = kiosk.page;
  await page.setViewportSize({ width: 1366, height: 768 });
});
afterAll(async () => {
  await kiosk?.close();
  await server?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

const menu = (name: string) =>
  page.getByRole('navigation').getByRole('button', { name, exact: true });
const TITLE = 'Desa Jambesari, Kec. Giri, Kab. Banyuwangi';
const today = () =>
  formatLongDate(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date()));

/** `npm run verify-letter` as anyone on the hub's machine runs it: no flags, the hub's folder. */
async function verifyCli(scanned: string): Promise<{ code: number; out: string }> {
  return run('npx', ['tsx', 'scripts/verify-letter.ts', scanned], {
    env: { ...process.env, BALAI_HUB_DATA: hubDir, BALAI_LETTER_KEYS: '' },
  }).then(
    ({ stdout }) => ({ code: 0, out: stdout }),
    (err: { code: number; stdout: string }) => ({ code: err.code, out: err.stdout }),
  );
}

/** The payload with one character of its claims changed. */
function tamper(payload: string): string {
  const [version, claims, signature] = payload.split('.');
  const i = Math.floor(claims!.length / 2);
  const swapped = claims![i] === 'A' ? 'B' : 'A';
  return `${version}.${claims!.slice(0, i)}${swapped}${claims!.slice(i + 1)}.${signature}`;
}

describe.skipIf(!usable)('the village identity on a letter anyone can check', () => {
  it('sets the office up from its code: address and signers at setup, then staff', async () => {
    const wizard = page.getByRole('form', { name: 'Penyiapan kios' });
    await wizard.waitFor();
    expect(await wizard.getByLabel('Kode desa (Kemendagri, 10 angka)').inputValue()).toBe(code);
    await wizard.getByLabel('Nama desa').fill('Jambesari');
    await wizard.getByLabel('Alamat (jalan, nomor)').fill('Jl. Raya Jambesari No. 1');
    // Checked as typed: the mistake shows under its field before the wizard's button.
    await wizard.getByLabel('Kode pos').fill('684A1');
    await expect
      .poll(() => wizard.locator('#setup-office-postalCode-error').textContent())
      .toBe('Kode pos harus 5 angka.');
    await wizard.getByLabel('Kode pos').fill('68411');
    expect(await wizard.locator('#setup-office-postalCode-error').count()).toBe(0);
    await wizard.getByLabel('Telepon').fill('(0333) 421234');
    await wizard.getByLabel('E-mail').fill('desa.jambesari@example.id');
    await wizard.getByLabel('Nama pejabat 1').fill('Hj. Sulastri');
    await wizard.getByLabel('NIP/NIPD pejabat 1').fill('3510.2019.001');
    await wizard.getByLabel('Nama pejabat 2').fill('Pak Sekdes');
    await wizard.getByLabel('NIP/NIPD pejabat 2').fill('19800101 200801 1 001');
    const admin = DEFAULT_STAFF.find((s) => s.role === 'administrator')!;
    await wizard.getByLabel('Nama administrator').fill(admin.name);
    await wizard.getByLabel('PIN (minimal 6 angka) atau kata sandi').fill(admin.pin);
    await wizard.getByLabel('Ulangi PIN atau kata sandi').fill(admin.pin);
    await page.screenshot({ path: join(SHOTS, 'penyiapan.png'), fullPage: true });
    await wizard.getByRole('button', { name: 'Siapkan kios' }).click();

    // The administrator adds the office's staff.
    const form = page.getByRole('form', { name: 'Petugas baru' });
    await form.waitFor({ timeout: 30_000 });
    for (const s of DEFAULT_STAFF.filter((s) => s.role !== 'administrator')) {
      await form.getByLabel('Nama', { exact: true }).fill(s.name);
      await form.getByLabel('Peran').selectOption(s.role);
      await form.getByLabel('PIN awal (minimal 6 angka) atau kata sandi').fill(s.pin);
      await form.getByRole('button', { name: 'Tambah petugas' }).click();
      await expect
        .poll(() => page.getByTestId('staff-list').textContent(), { timeout: 20_000 })
        .toContain(s.name);
    }
  }, 120_000);

  it('names the office from its code, prints the address, and the QR verifies', async () => {
    // The regency's names arrive with sync; the header bar names the village.
    await expect
      .poll(() => page.getByTestId('village-label').textContent(), { timeout: 60_000 })
      .toBe(TITLE);

    // What the wizard took is the office's profile; the administrator adds the treasurer.
    await menu('Profil Kantor').click();
    const profile = page.getByTestId('office-profile');
    await expect
      .poll(() => profile.getByTestId('kop-preview').textContent())
      .toContain('Jl. Raya Jambesari No. 1 Kode Pos 68411 · Telp. (0333) 421234');
    expect(await profile.getByTestId('letterhead-problem').count()).toBe(0);
    const form = page.getByRole('form', { name: 'Profil kantor' });
    await form.getByRole('button', { name: 'Tambah pejabat' }).click();
    await form.getByLabel('Peran pejabat 3').selectOption('kaur-keuangan');
    await form.getByLabel('Nama pejabat 3').fill('Bu Bendahara');
    await form.getByLabel('Jabatan pejabat 3').fill('Kaur Keuangan');
    await form.getByLabel('NIP/NIPD pejabat 3').fill('3510.2020.007');
    await form.getByRole('button', { name: 'Simpan profil kantor' }).click();
    await expect
      .poll(() => form.getByRole('status').textContent())
      .toBe('Profil kantor tersimpan; surat berikutnya memakainya.');
    await page.screenshot({ path: join(SHOTS, 'profil-kantor.png'), fullPage: true });

    // A walk-in, checked by the operator, approved (signed) by the secretary.
    await kiosk!.signIn('operator');
    await menu('Layanan Surat').click();
    const { row, detail } = await checkedWalkIn(page);
    // The secretary starts from their own screen (nothing of the operator's session) and opens it.
    await kiosk!.signIn('sekretaris');
    await row.getByRole('button', { name: 'Buka' }).click();
    await detail.getByRole('button', { name: 'Setujui' }).click();
    await expect
      .poll(() => detail.getByTestId('letter-signed').textContent(), { timeout: 30_000 })
      .toBe('Ditandatangani (QR)');

    const frame = page.frameLocator('iframe[title="Pratinjau surat"]');
    await expect.poll(() => frame.locator('.kop').textContent()).toContain('DESA JAMBESARI');
    const kop = (await frame.locator('.kop').innerText()).split('\n').map((l) => l.trim());
    expect(kop).toEqual([
      'PEMERINTAH KABUPATEN BANYUWANGI',
      'KECAMATAN GIRI',
      'DESA JAMBESARI',
      'Jl. Raya Jambesari No. 1 Kode Pos 68411 · Telp. (0333) 421234 · Pos-el desa.jambesari@example.id',
    ]);
    const body = await frame.locator('body').innerText();
    expect(body).toContain(
      'a.n. Kepala Desa Jambesari, Kecamatan Giri, Kabupaten Banyuwangi, menerangkan',
    );
    expect(body).toContain('di Desa Jambesari, Kecamatan Giri');
    expect(await frame.locator('.place-date').textContent()).toBe(`Jambesari, ${today()}`);
    // The signer as the office listed them: jabatan and NIP/NIPD.
    expect(body).toContain('NIP/NIPD 19800101 200801 1 001');
    await detail.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'pratinjau-surat.png'), fullPage: true });
    await frame.locator('body').screenshot({ path: join(SHOTS, 'surat.png') });

    // The QR is the hub's verification page with the payload after '#'.
    const payload = (await detail.getByTestId('letter-payload').textContent())!;
    const verifyUrl = new URL('_balai/verifikasi', server.url).href;
    const html = await frame.locator('html').evaluate((el) => el.outerHTML);
    // (The browser reserialises the SVG's attributes; the modules drawn are what must match.)
    const modules = /\sd="([^"]+)"/.exec(qrSvg(qrContent(payload, verifyUrl)))![1]!;
    expect(html.includes(modules)).toBe(true);
    const scanned = `${verifyUrl}#${payload}`;

    // The CLI, with only the hub running: it finds the published keys itself.
    const good = await verifyCli(scanned);
    expect(good.code).toBe(0);
    expect(good.out).toContain('SAH — surat ini ditandatangani desa yang tercantum.');
    expect(good.out).toContain('Desa Jambesari, Kecamatan Giri, Kabupaten Banyuwangi');
    expect(good.out).toContain('NIK 351017******0001');
    const bad = await verifyCli(tamper(payload));
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('TIDAK SAH');

    // The public page, as a phone opens the QR: checked in the browser.
    const phone = await page.context().newPage();
    await phone.setViewportSize({ width: 1366, height: 768 });
    await phone.goto(scanned);
    const verdict = phone.locator('.verdict');
    await expect.poll(() => verdict.getAttribute('data-verdict')).toBe('valid');
    expect(await verdict.textContent()).toBe('SAH');
    const shown = await phone.locator('#hasil table').innerText();
    expect(shown).toContain('Budi Santoso');
    expect(shown).toContain('351017******0001');
    expect(shown).not.toContain('3510171708450001');
    expect(shown).toContain('Desa Jambesari, Kecamatan Giri, Kabupaten Banyuwangi');
    expect(shown).toContain('Pak Sekdes');
    expect(shown).toContain('Surat Keterangan Domisili');
    await phone.screenshot({ path: join(SHOTS, 'verifikasi-sah.png'), fullPage: true });
    await phone.goto(`${verifyUrl}#${tamper(payload)}`);
    await expect
      .poll(() => phone.locator('.verdict').getAttribute('data-verdict'))
      .toBe('tampered');
    expect(await phone.locator('.verdict').textContent()).toBe('TIDAK SAH');
    await phone.screenshot({ path: join(SHOTS, 'verifikasi-tidak-sah.png'), fullPage: true });
    await phone.close();
  }, 240_000);

  it('names the village on the ticket, the LRA and its print, the board and the dashboard', async () => {
    // The queue ticket, as the operator prints it.
    await kiosk!.signIn('operator');
    await menu('Antrean').click();
    await page.getByRole('button', { name: 'Nomor antrean baru' }).click();
    await page.getByTestId('print-ticket').waitFor({ state: 'attached' });
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('ticket-village').textContent()).toBe(TITLE);
    expect(await page.getByTestId('ticket-village').isVisible()).toBe(true);
    await page.getByTestId('print-ticket').screenshot({ path: join(SHOTS, 'tiket.png') });
    await page.emulateMedia({ media: 'screen' });

    // The LRA, on screen and on paper, signed at the village by the officials the office lists.
    await kiosk!.signIn('bendahara');
    await menu('Laporan Realisasi').click();
    const title = page.getByTestId('lra-title');
    await expect.poll(() => title.textContent()).toContain(TITLE);
    const signatures = await page.getByTestId('lra-signatures').innerText();
    expect(signatures).toContain(`Jambesari, ${today()}`);
    expect(signatures).toContain('Hj. Sulastri');
    expect(signatures).toContain('Bu Bendahara');
    expect(signatures).toContain('NIP/NIPD 3510.2020.007');
    expect(signatures).not.toContain('(....');
    await page.screenshot({ path: join(SHOTS, 'lra.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    expect(await title.isVisible()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'lra-cetak.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    // The hall's board.
    await menu('Papan Transparansi').click();
    await expect.poll(() => page.getByTestId('board-village').textContent()).toBe(TITLE);
    await page.screenshot({ path: join(SHOTS, 'papan.png') });
    await page.getByRole('button', { name: 'Tutup papan' }).click();

    // The regency's dashboard, as the regency's admin opens it.
    const regency = await page.context().newPage();
    await regency.setViewportSize({ width: 1366, height: 768 });
    await regency.setExtraHTTPHeaders({
      Authorization: basicAuth(server.admin.username, server.admin.password),
    });
    await regency.goto(new URL('_balai/dashboard', server.url).href);
    const row = regency.locator(`tr[data-village="${code}"] th`);
    expect(await row.innerText()).toMatch(/^Desa Jambesari, Kec\. Giri\n35\.10\.17\.2001 · /);
    await regency.screenshot({ path: join(SHOTS, 'dasbor.png'), fullPage: true });
    await regency.close();
  }, 180_000);
});
