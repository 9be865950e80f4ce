// Role tests in the real renderer (issue 7): a new office's first run through the wizard; then
// for every role, the menu offers exactly the screens its role may use, and at least one action
// each role must not take is refused on screen — and by the host, had the renderer asked anyway;
// and the kiosk locks itself after the configured idle minutes, keeping the work hidden.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { generateVillageKey } from '../../shared/letters/signing';
import { may, type Action } from '../../shared/staff/permissions';
import type { StaffRole } from '../../shared/staff/roles';
import { formatVillageCode, type VillageCode } from '../../shared/village';
import { uniqueVillageCode } from '../support/couch-server';
import { CHROMIUM_PATH, chromiumAvailable } from '../support/chromium';
import { openKioskInBrowser, type KioskInBrowser } from '../support/kiosk-in-browser';
import { freePort } from '../support/ports';

if (!chromiumAvailable())
  console.warn(`Skipping browser end-to-end tests: no Chromium at ${CHROMIUM_PATH}.`);

/** The menu as staff read it, with the permission each entry stands for. */
const MENU: [string, Action][] = [
  ['Layanan Surat', 'request.create'],
  ['Antrean', 'queue.serve'],
  ['Penduduk', 'resident.view'],
  ['Register Harian', 'register.view'],
  ['Arsip Surat', 'letter.view'],
  ['Impor Penduduk', 'resident.import'],
  ['Anggaran (APBDes)', 'finance.view'],
  ['Buku Kas', 'finance.view'],
  ['Laporan Realisasi', 'finance.view'],
  ['Papan Transparansi', 'board.view'],
  ['Cadangan', 'backup.export'],
  ['Petugas', 'staff.manage'],
];

const menu = (page: Page) => page.getByRole('navigation', { name: 'Menu' });
const menuItem = (page: Page, name: string) =>
  menu(page).getByRole('button', { name, exact: true });

describe.skipIf(!chromiumAvailable())('the first run, as a new office does it', () => {
  let kiosk: KioskInBrowser | null = null;
  afterAll(async () => kiosk?.close());

  it('sets up village, kiosk, administrator and regency, then staff sign in by name and PIN', async () => {
    // Nothing fixed by the installer: the wizard asks for all of it.
    const blank = {
      BALAI_VILLAGE_CODE: '',
      BALAI_KIOSK_ID: '',
      BALAI_REGENCY_URL: '',
      BALAI_REGENCY_USER: '',
      BALAI_REGENCY_PASSWORD: '',
    };
    kiosk = await openKioskInBrowser({ villageCode: '', setUp: false, env: blank });
    const page = kiosk.page;
    const wizard = page.getByRole('form', { name: 'Penyiapan kios' });
    const code = uniqueVillageCode();
    await wizard.getByLabel('Kode desa (Kemendagri, 10 angka)').fill(code);
    await wizard.getByLabel('ID kios').fill('k7');
    await wizard.getByLabel('Nama desa').fill('Sukamaju');
    await wizard.getByLabel('Nama administrator').fill('Yanto Admin');
    await wizard.getByLabel('PIN (minimal 6 angka) atau kata sandi').fill('1234');
    await wizard.getByLabel('Ulangi PIN atau kata sandi').fill('1234');
    await wizard
      .getByLabel('Alamat server kabupaten')
      .fill(`http://127.0.0.1:${await freePort()}/`);
    await wizard.getByLabel('Nama pengguna kios').fill(`kiosk-${code}-k7`);
    await wizard.getByLabel('Kata sandi kios').fill('rahasia-kiosk');
    const letterKey = wizard.getByLabel('Kunci surat kios (bila diberikan kabupaten)');
    await letterKey.fill('k7-1:bukan-kunci');
    await wizard.getByRole('button', { name: 'Siapkan kios' }).click();
    // A short PIN and a mistyped letter key are refused on the spot, in Bahasa Indonesia, and
    // nothing is set up.
    await expect
      .poll(() => wizard.locator('#setup-secret-error').textContent())
      .toBe('PIN minimal 6 angka, atau kata sandi minimal 8 karakter.');
    expect(await wizard.locator('#setup-letterKey-error').textContent()).toBe(
      'Kunci surat bukan kunci Ed25519 yang sah.',
    );
    const key = await generateVillageKey('k7-1');
    await letterKey.fill(`${key.keyId}:${key.privateKey}`);
    await wizard.getByLabel('PIN (minimal 6 angka) atau kata sandi').fill('908172');
    await wizard.getByLabel('Ulangi PIN atau kata sandi').fill('908172');
    await wizard.getByRole('button', { name: 'Siapkan kios' }).press('Enter');

    // The administrator is signed in on the kiosk the wizard named.
    const who = page.getByTestId('signed-in');
    const slow = { timeout: 20_000 };
    await expect.poll(() => who.textContent(), slow).toBe('Yanto Admin · Administrator kios');
    expect(await page.locator('header').textContent()).toContain(
      `${formatVillageCode(code as VillageCode)} · Kios k7`,
    );
    await menuItem(page, 'Petugas').click();
    const add = page.getByRole('form', { name: 'Petugas baru' });
    await add.getByLabel('Nama').fill('Rina Wati');
    await add.getByLabel('Peran').selectOption('operator');
    await add.getByLabel('PIN awal (minimal 6 angka) atau kata sandi').fill('246802');
    await add.getByRole('button', { name: 'Tambah petugas' }).click();
    await expect
      .poll(() => page.getByTestId('staff-list').textContent(), slow)
      .toContain('Rina Wati');

    // Signing out, then in as the new operator, with the keyboard only.
    await page.getByRole('button', { name: 'Keluar', exact: true }).click();
    const signIn = page.getByRole('form', { name: 'Masuk' });
    const name = signIn.getByLabel('Nama petugas');
    await name.focus();
    await name.selectOption({ label: 'Rina Wati — Operator layanan' });
    await page.keyboard.press('Tab');
    await page.keyboard.type('000000');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => signIn.getByRole('alert').textContent(), slow)
      .toContain('PIN atau kata sandi salah');
    await page.keyboard.type('246802');
    await page.keyboard.press('Enter');
    await expect.poll(() => who.textContent(), slow).toBe('Rina Wati · Operator layanan');
    await page.getByRole('heading', { name: 'Layanan Surat' }).first().waitFor();
    expect(await menuItem(page, 'Petugas').count()).toBe(0);

    // The wizard does not come back: the office is set up, across a restart.
    const again = await kiosk.restart();
    await again
      .getByRole('form', { name: 'Masuk' })
      .waitFor()
      .catch(async () => {
        throw new Error(
          `No sign-in after restart; the page says: ${await again.innerText('body')}`,
        );
      });
    expect(await again.getByRole('form', { name: 'Penyiapan kios' }).count()).toBe(0);
  }, 90_000);
});

describe.skipIf(!chromiumAvailable())('every role, on screen', () => {
  let kiosk: KioskInBrowser | null = null;
  let page: Page;
  beforeAll(async () => {
    if (!chromiumAvailable()) return;
    kiosk = await openKioskInBrowser({ villageCode: uniqueVillageCode(), signInAs: 'bendahara' });
    page = kiosk.page;
  });
  afterAll(async () => kiosk?.close());

  const roles: StaffRole[] = [
    'operator',
    'bendahara',
    'sekretaris',
    'kepala-desa',
    'administrator',
  ];

  it.each(roles)('offers %s exactly the screens the role may use', async (role) => {
    await kiosk!.signIn(role);
    await menu(page).waitFor();
    for (const [label, action] of MENU) {
      expect(await menuItem(page, label).count(), `${role}: ${label}`).toBe(
        may(role, action) ? 1 : 0,
      );
    }
  });

  it('refuses adoption to the treasurer and drafting to the head, with the reason', async () => {
    await kiosk!.signIn('bendahara');
    await menuItem(page, 'Anggaran (APBDes)').click();
    const form = page.getByRole('form', { name: 'Baris anggaran baru' });
    await form.getByLabel('Rekening').selectOption('4.2.1');
    await form.getByLabel('Sumber dana').selectOption('DDS');
    await form.getByLabel('Uraian').fill('Dana Desa');
    await form.getByLabel('Jumlah (Rp)').fill('500.000.000');
    await form.getByRole('button', { name: 'Tambah baris' }).click();
    await page.getByTestId('budget-lines').getByText('Dana Desa', { exact: true }).waitFor();
    const adopt = page.getByRole('button', { name: 'Tetapkan APBDes' });
    expect(await adopt.isDisabled()).toBe(true);
    expect(await adopt.getAttribute('title')).toBe(
      'Bendahara Desa tidak boleh menetapkan APBDes. Hanya Kepala Desa yang dapat melakukannya.',
    );

    await kiosk!.signIn('kepala-desa');
    await menuItem(page, 'Anggaran (APBDes)').click();
    expect(await page.getByRole('button', { name: 'Tambah baris' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Tetapkan APBDes' }).isDisabled()).toBe(false);
  });

  it('refuses ledger posts to the secretary and the head', async () => {
    for (const role of ['sekretaris', 'kepala-desa'] as const) {
      await kiosk!.signIn(role);
      await menuItem(page, 'Buku Kas').click();
      const record = page.getByRole('form', { name: 'Entri buku kas' }).getByRole('button', {
        name: 'Catat',
      });
      expect(await record.isDisabled(), role).toBe(true);
      expect(await record.getAttribute('title'), role).toContain(
        'tidak boleh mencatat entri buku kas',
      );
    }
  });

  it('offers an operator no approval, and the host refuses what the renderer was not offered', async () => {
    await kiosk!.signIn('operator');
    await menuItem(page, 'Layanan Surat').click();
    await page.getByLabel('NIK').fill('3510171708450001');
    await page.getByLabel('Nama pemohon').fill('Budi Santoso');
    await page.getByLabel('Jenis layanan').selectOption('domisili');
    await page.getByLabel('Keperluan').fill('Membuka rekening');
    await page.getByLabel('Keperluan').press('Enter');
    const row = page.getByTestId('today-list').getByRole('row', { name: /Budi Santoso/ });
    await row.getByRole('button', { name: 'Buka' }).click();
    const detail = page.getByTestId('request-detail');
    for (const doc of ['Surat pengantar RT/RW', 'Fotokopi Kartu Keluarga', 'Fotokopi KTP']) {
      const box = detail.getByRole('checkbox', { name: doc });
      await box.click();
      await expect.poll(() => box.isChecked()).toBe(true);
    }
    await detail.getByRole('button', { name: 'Berkas lengkap' }).click();
    await expect
      .poll(() => detail.getByTestId('request-status').textContent())
      .toBe('Sedang diperiksa');
    expect(await detail.getByRole('button', { name: 'Setujui' }).count()).toBe(0);

    // Straight to the host from the operator's page, past the buttons: refused by its session.
    const answers = await page.evaluate(async () => {
      const post = async (channel: string, body: unknown) => {
        const res = await fetch(`/api/${channel}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
        return { status: res.status, body: (await res.json()) as { error?: string } };
      };
      return {
        sign: await post('letters:sign', {
          number: '470/001-K1/35.10/XI/2026',
          issuedOn: '2026-11-29',
          letterType: 'domisili',
          subjectNik: '3510171708450001',
          subjectName: 'Budi Santoso',
          signerName: 'Hj. Sulastri',
          signerPosition: 'Kepala Desa',
          textHash: 'A'.repeat(43),
        }),
        addStaff: await post('staff:add', {
          name: 'Penyusup',
          role: 'administrator',
          secret: '999999',
        }),
      };
    });
    expect(answers.sign).toMatchObject({ status: 403 });
    expect(answers.sign.body.error).toContain('Operator layanan tidak boleh menandatangani surat');
    expect(answers.addStaff).toMatchObject({ status: 403 });
  });

  it('locks after the idle minutes the administrator set, keeping the work hidden for its owner', async () => {
    await kiosk!.signIn('administrator');
    await menuItem(page, 'Petugas').click();
    await page.getByLabel('Kunci otomatis setelah (menit tanpa kegiatan)').fill('1');
    await page
      .getByRole('form', { name: 'Kunci otomatis' })
      .getByRole('button', { name: 'Simpan' })
      .click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Kios terkunci otomatis' }).count())
      .toBe(1);

    await kiosk!.signIn('operator');
    await menuItem(page, 'Layanan Surat').click();
    await page.clock.install();
    // Typed key by key: each keystroke is activity and restarts the idle timer, now on the fake clock.
    await page.getByLabel('Nama pemohon').pressSequentially('Belum disimpan');
    await page.clock.fastForward('00:59');
    expect(await page.getByRole('form', { name: 'Masuk' }).count()).toBe(0);
    await page.clock.fastForward('00:02');
    const locked = page.getByRole('form', { name: 'Masuk' });
    await locked.waitFor();
    expect(await locked.textContent()).toContain('Kios terkunci');
    // The unsaved name is neither visible nor readable by the next person at the screen.
    expect(await page.locator('div.app').isHidden()).toBe(true);
    expect(await page.getByLabel('Nama pemohon').isVisible()).toBe(false);
    // The same operator signs in again (already chosen) and finds the work where it was.
    await locked.getByLabel('PIN atau kata sandi').fill('222222');
    await locked.getByLabel('PIN atau kata sandi').press('Enter');
    await expect
      .poll(() => page.getByLabel('Nama pemohon').inputValue(), { timeout: 20_000 })
      .toBe('Belum disimpan');
  });
});
