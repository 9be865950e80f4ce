// Backup → wipe → restore, as an office would live it, in the real renderer in Debian's Chromium:
// a kiosk with requests, a letter, a budget and a ledger entry exports an encrypted backup; its
// profile is wiped; a "new PC" (new profile, same village and kiosk) refuses a tampered and a
// wrongly-keyed file without touching its data, then restores the real one and holds every
// document exactly as the old PC did, revision and sync state included.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { generateVillageKey } from '../../shared/letters/signing';
import { startCouchServer, uniqueVillageCode } from '../support/couch-server';
import { provisionKiosk, provisionVillage } from '../../sync/provision/provision';
import { CHROMIUM_PATH, chromiumAvailable } from '../support/chromium';
import { startBrowserKiosk } from '../../electron/host/browser-kiosk';
import { launchKillableChromium } from '../support/killable-chromium';
import {
  DEFAULT_STAFF,
  openKioskInBrowser,
  launchedWindowCookie,
  setUpStaff,
  signInOnPage,
  type KioskInBrowser,
} from '../support/kiosk-in-browser';
import { adoptBudgetOnScreen, receiveCashOnScreen } from '../support/finance-on-screen';
import { namedRegency } from '../support/named-regency';
import { readStoredDocuments } from '../support/stored-documents';

if (!chromiumAvailable())
  console.warn(`Skipping backup end-to-end test: no Chromium at ${CHROMIUM_PATH}.`);

/**
 * A full disk is made for real: a small tmpfs for the browser profile, filled up. (Chromium 156
 * accepts CDP's Storage.overrideQuotaForOrigin but IndexedDB writes ignore it: measured.) Mounting
 * needs root; elsewhere that test is skipped, and says so.
 */
const tmpfsAvailable = chromiumAvailable() && canMountTmpfs();
if (chromiumAvailable() && !tmpfsAvailable)
  console.warn('Skipping the full-disk test: mounting a tmpfs needs root (mount -t tmpfs).');

function canMountTmpfs(): boolean {
  if (process.getuid?.() !== 0) return false;
  const probe = mkdtempSync(join(tmpdir(), 'balai-tmpfs-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

const villageCode = uniqueVillageCode();
const PASSPHRASE = 'kunci cadangan balai desa';
const opened: KioskInBrowser[] = [];
afterAll(async () => {
  for (const kiosk of opened) await kiosk.close();
});

const menu = (page: Page, name: string) =>
  page.getByRole('navigation').getByRole('button', { name, exact: true });

async function walkIn(page: Page, nik: string, name: string) {
  await menu(page, 'Layanan Surat').click();
  await page.getByLabel('NIK').fill(nik);
  await page.getByLabel('Nama pemohon').fill(name);
  await page.getByLabel('Jenis layanan').selectOption('domisili');
  await page.getByLabel('Keperluan').fill('Membuka rekening');
  await page.getByLabel('Keperluan').press('Enter');
  await page
    .getByTestId('today-list')
    .getByRole('row', { name: new RegExp(name) })
    .waitFor();
}

/** A budget the secretary drafts and the head adopts, and one payment the treasurer records. */
async function budgetAndLedger(kiosk: KioskInBrowser) {
  const page = kiosk.page;
  await kiosk.signIn('sekretaris');
  await menu(page, 'Anggaran (APBDes)').click();
  const line = page.getByRole('form', { name: 'Baris anggaran baru' });
  for (const [account, kegiatan, source, description, amount] of [
    ['4.2.1', '', 'DDS', 'Dana Desa', '500000000'],
    ['5.1.1', '01.01.01.', 'DDS', 'Siltap Kepala Desa', '36000000'],
  ] as const) {
    await line.getByLabel('Rekening').selectOption(account);
    if (kegiatan) await line.getByLabel('Kegiatan').selectOption(kegiatan);
    await line.getByLabel('Sumber dana').selectOption(source);
    await line.getByLabel('Uraian').fill(description);
    await line.getByLabel('Jumlah (Rp)').fill(amount);
    await line.getByRole('button', { name: 'Tambah baris' }).click();
    await page.getByTestId('budget-lines').getByText(description, { exact: true }).waitFor();
  }
  await kiosk.signIn('kepala-desa');
  await menu(page, 'Anggaran (APBDes)').click();
  await adoptBudgetOnScreen(page);
  await expect.poll(() => page.getByTestId('budget-stage').textContent()).toContain('Ditetapkan');

  await kiosk.signIn('bendahara');
  await menu(page, 'Buku Kas').click();
  await receiveCashOnScreen(page, { line: 'Dana Desa', amount: '10000000', voucher: 'TBP-001' });
  const form = page.getByRole('form', { name: 'Entri buku kas' });
  const officer = page.getByLabel('Petugas pencatat');
  if (await officer.count()) await officer.fill('Bu Bendahara');
  const siltap = await form
    .locator('option', { hasText: 'Siltap Kepala Desa' })
    .getAttribute('value');
  await form.getByLabel('Baris anggaran').selectOption(siltap!);
  await form.getByLabel('Jumlah (Rp)').fill('3000000');
  await form.getByLabel('Nomor bukti').fill('BKU-001');
  await form.getByLabel('Penerima / penyetor').fill('Kepala Desa');
  await form.getByRole('button', { name: 'Catat' }).click();
  await page.getByTestId('ledger-entries').getByText('BKU-001').waitFor();
}

async function approveFirstRequest(page: Page) {
  await menu(page, 'Layanan Surat').click();
  const row = page.getByTestId('today-list').getByRole('row').nth(1);
  await row.getByRole('button', { name: 'Buka' }).click();
  const detail = page.getByTestId('request-detail');
  for (const box of await detail.getByRole('checkbox').all()) {
    await box.click();
    await expect.poll(() => box.isChecked()).toBe(true);
  }
  await detail.getByRole('button', { name: 'Berkas lengkap' }).click();
  await detail.getByRole('button', { name: 'Setujui' }).click();
  await expect.poll(() => detail.getByTestId('letter-number').count()).toBe(1);
}

async function exportBackup(page: Page): Promise<string> {
  // The administrator's first screen may be the full-screen transparency board: the keyboard
  // reaches the menu regardless.
  await menu(page, 'Cadangan').press('Enter');
  const form = page.getByRole('form', { name: 'Ekspor cadangan' });
  await form.getByLabel('Kata sandi cadangan').fill('pendek');
  await form.getByLabel('Ulangi kata sandi').fill('pendek');
  await form.getByRole('button', { name: 'Buat cadangan' }).click();
  await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('minimal 10');
  await form.getByLabel('Kata sandi cadangan').fill(PASSPHRASE);
  await form.getByLabel('Ulangi kata sandi').fill(PASSPHRASE);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    form.getByRole('button', { name: 'Buat cadangan' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(
    new RegExp(`^balai-${villageCode}-k1-\\d{8}-\\d{6}\\.balai-backup$`),
  );
  return readFile((await download.path())!, 'utf8');
}

async function tryRestore(page: Page, text: string, passphrase: string): Promise<void> {
  const file = join(tmpdir(), `balai-restore-${process.pid}-${Date.now()}.balai-backup`);
  await writeFile(file, text);
  await menu(page, 'Cadangan').press('Enter');
  const form = page.getByRole('form', { name: 'Pulihkan cadangan' });
  await form.getByLabel('Berkas cadangan').setInputFiles(file);
  await form.getByLabel('Kata sandi cadangan').fill(passphrase);
  await form.getByRole('button', { name: 'Periksa dan pulihkan' }).click();
}

describe.skipIf(!chromiumAvailable())('backup, wipe, restore on a new PC', () => {
  it('gives back every document byte for byte and refuses tampered or wrongly-keyed files', async () => {
    const key = await generateVillageKey('2026-1');
    const env = { BALAI_LETTER_KEY: `${key.keyId}:${key.privateKey}` };
    // The old PC met the regency once, for the profile whose names a letter's kop needs; then
    // it works offline, so what it stores stays still while it is read.
    const regency = await namedRegency(villageCode);
    const oldPc = await openKioskInBrowser({
      villageCode,
      kioskId: 'k1',
      env,
      signInAs: 'sekretaris',
      regencyUrl: regency.regencyUrl,
      password: regency.password,
    });
    opened.push(oldPc);
    let page = oldPc.page;
    await expect
      .poll(() => page.getByTestId('village-label').textContent(), { timeout: 60_000 })
      .toContain('Uji Coba');
    await regency.stop();
    await walkIn(page, '3510171708450001', 'Budi Santoso');
    await walkIn(page, '3510175708450002', 'Siti Aminah');
    await approveFirstRequest(page);
    await budgetAndLedger(oldPc);
    // Only the administrator exports.
    await oldPc.signIn('administrator');
    const before = await readStoredDocuments(page);
    for (const name of ['requests', 'letters', 'finance'])
      expect(before[name]?.length, name).toBeGreaterThan(0);
    const backup = await exportBackup(page);
    expect(await readStoredDocuments(page)).toEqual(before);
    expect(backup).not.toContain('Budi Santoso');
    await oldPc.close(); // the profile and the host's data dir are removed: the old PC is gone

    const newPc = await openKioskInBrowser({
      villageCode,
      kioskId: 'k1',
      env,
      signInAs: 'sekretaris',
    });
    opened.push(newPc);
    page = newPc.page;
    await walkIn(page, '3510171708450003', 'Warga Baru');
    await newPc.signIn('administrator');
    const current = await readStoredDocuments(page);

    // A changed byte in the ciphertext, and a wrong passphrase: refused, nothing replaced.
    const lines = backup.split('\n');
    const c = lines[2]![40]!;
    lines[2] = lines[2]!.slice(0, 40) + (c === 'A' ? 'B' : 'A') + lines[2]!.slice(41);
    for (const [text, passphrase] of [
      [lines.join('\n'), PASSPHRASE],
      [backup, 'bukan kata sandinya'],
    ] as const) {
      await tryRestore(page, text, passphrase);
      await expect
        .poll(() => page.getByRole('alert').first().textContent(), { timeout: 20_000 })
        .toContain('tidak dipulihkan');
      expect(await readStoredDocuments(page)).toEqual(current);
    }
    // Still the same data after a restart: the host's pointer did not move.
    page = await newPc.restart();
    expect(await readStoredDocuments(page)).toEqual(current);

    await tryRestore(page, backup, PASSPHRASE);
    // The kiosk reloads onto the restored database.
    await page.waitForEvent('load', { timeout: 30_000 });
    await page.getByTestId('signed-in').waitFor();
    const after = await readStoredDocuments(page);
    expect(after).toEqual(before);
    expect(JSON.stringify(after)).toBe(JSON.stringify(before));

    // And it stays so across a restart of the kiosk.
    page = await newPc.restart();
    expect(await readStoredDocuments(page)).toEqual(before);
  }, 240_000);

  it.skipIf(!tmpfsAvailable)(
    'a full disk gives a clear message and loses nothing already saved',
    async () => {
      // The kiosk on a small disk of its own (tmpfs), which the test fills up.
      const disk = await mkdtemp(join(tmpdir(), 'balai-fulldisk-'));
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=96m', 'tmpfs', disk]);
      // The host's data dir on the same disk, as on the office PC.
      const hostDir = join(disk, 'kiosk-data');
      const code = uniqueVillageCode();
      const host = await startBrowserKiosk({
        port: 0,
        dataDir: hostDir,
        rendererDir: join(process.cwd(), 'dist/renderer'),
        env: { BALAI_VILLAGE_CODE: code, BALAI_KIOSK_ID: 'k1' },
      });
      await setUpStaff(host, { villageCode: code, kioskId: 'k1' });
      let browser = await launchKillableChromium(join(disk, 'profile'));
      await browser.page.goto(host.launchUrl());
      try {
        await signInOnPage(browser.page, 'sekretaris');
        await walkIn(browser.page, '3510171708450001', 'Sebelum Penuh');
        const saved = await readStoredDocuments(browser.page);

        fillDisk(join(disk, 'filler'));
        const page = browser.page;
        for (const name of ['Warga Penuh Satu', 'Warga Penuh Dua']) {
          await page.getByLabel('NIK').fill('3510175708450002');
          await page.getByLabel('Nama pemohon').fill(name);
          await page.getByLabel('Jenis layanan').selectOption('domisili');
          await page.getByLabel('Keperluan').fill('Membuka rekening');
          await page.getByLabel('Keperluan').press('Enter');
          await expect
            .poll(() => page.getByRole('alert').first().textContent())
            .toMatch(
              /^Permohonan tidak tersimpan: Penyimpanan kios penuh: data ini belum tersimpan/,
            );
          expect(
            await page
              .getByTestId('today-list')
              .getByRole('row', { name: new RegExp(name) })
              .count(),
          ).toBe(0);
        }

        // Space freed, kiosk restarted: what was saved is there, whole; the refused are not.
        await rm(join(disk, 'filler'));
        await browser.kill();
        browser = await launchKillableChromium(join(disk, 'profile'));
        await browser.page.goto(host.launchUrl());
        await signInOnPage(browser.page, 'sekretaris');
        const after = await readStoredDocuments(browser.page);
        expect(after.requests).toEqual(saved.requests);
      } finally {
        await browser.kill();
        await host.close();
        unmount(disk);
        await rm(disk, { recursive: true, force: true });
      }
    },
    90_000,
  );

  it('a kiosk killed during a restore opens either the old data or the restored, never a mix', async () => {
    const work = await mkdtemp(join(tmpdir(), 'balai-restore-kill-'));
    const code = uniqueVillageCode();
    const host = await startBrowserKiosk({
      port: 0,
      dataDir: join(work, 'kiosk-data'),
      rendererDir: join(process.cwd(), 'dist/renderer'),
      env: { BALAI_VILLAGE_CODE: code, BALAI_KIOSK_ID: 'k1' },
    });
    await setUpStaff(host, { villageCode: code, kioskId: 'k1' });
    const open = async () => {
      const b = await launchKillableChromium(join(work, 'profile'));
      await b.page.goto(host.launchUrl());
      return b;
    };
    let browser = await open();
    try {
      await signInOnPage(browser.page, 'sekretaris');
      await walkIn(browser.page, '3510171708450001', 'Budi Santoso');
      // The backup: one of the kiosk's own, under the host's key.
      await signInOnPage(browser.page, 'administrator');
      await menu(browser.page, 'Cadangan').press('Enter');
      await browser.page.getByRole('button', { name: 'Buat cadangan otomatis sekarang' }).click();
      await browser.page.getByText('Cadangan otomatis dibuat.').waitFor();
      const backedUp = await readStoredDocuments(browser.page);
      await signInOnPage(browser.page, 'sekretaris');
      await walkIn(browser.page, '3510175708450002', 'Siti Aminah');
      await walkIn(browser.page, '3510171708450003', 'Warga Baru');
      const current = await readStoredDocuments(browser.page);
      expect(current.requests!.length).toBeGreaterThan(backedUp.requests!.length);

      const outcomes: string[] = [];
      // Kills from before the file is verified to after the switch; a kill that leaves a fresh
      // database half-written behind is the case the pointer exists for.
      let halfWritten = 0;
      for (const killAfter of [60, 120, 180, 240, 300, 400, 500, 700, 1000, 1500]) {
        await signInOnPage(browser.page, 'administrator');
        await menu(browser.page, 'Cadangan').press('Enter');
        const form = browser.page.getByRole('form', { name: 'Pulihkan cadangan' });
        const local = await form.locator('option', { hasText: 'Cadangan otomatis' }).first();
        await form.getByLabel('Sumber cadangan').selectOption((await local.getAttribute('value'))!);
        await form.getByRole('button', { name: 'Periksa dan pulihkan' }).click();
        await sleep(killAfter);
        await browser.kill();
        browser = await open();
        const now = await readStoredDocuments(browser.page);
        const outcome =
          JSON.stringify(now) === JSON.stringify(current)
            ? 'old'
            : JSON.stringify(now) === JSON.stringify(backedUp)
              ? 'restored'
              : 'mixed';
        outcomes.push(outcome);
        if (outcome === 'old') {
          const names = await browser.page.evaluate(async () =>
            (await indexedDB.databases()).map((d) => d.name ?? ''),
          );
          if (names.some((n) => /^rxdb-dexie-balai_\d{10}_k1_r\d+--/.test(n))) halfWritten++;
        }
        expect(outcome, `killed ${killAfter} ms into the restore`).not.toBe('mixed');
        if (outcome === 'restored') break;
      }
      expect(outcomes.at(-1)).toBe('restored');
      // Once the restored database has opened, only it and the one before it remain; a fresh one
      // a killed restore left behind is removed.
      const kept = async () =>
        browser.page.evaluate(async () => {
          const names = (await indexedDB.databases()).map((d) => d.name ?? '');
          const dbs = names.flatMap(
            (n) => /^rxdb-dexie-(balai_\d{10}_k1(?:_r\d+)?)--/.exec(n)?.[1] ?? [],
          );
          return [...new Set(dbs)].sort();
        });
      const pointer = (await (
        await fetch(new URL('api/db:pointer', host.url), {
          method: 'POST',
          headers: { cookie: await launchedWindowCookie(host) },
        })
      ).json()) as { databaseName: string; previous: string };
      expect(pointer.previous).toBe(`balai_${code}_k1`);
      await expect
        .poll(kept, { timeout: 15_000 })
        .toEqual([pointer.previous, pointer.databaseName].sort());
      console.log(
        `restore killed at increasing moments: ${outcomes.join(', ')}; ` +
          `${halfWritten} left a fresh database behind, unused`,
      );
    } finally {
      await browser.kill();
      await host.close();
      await rm(work, { recursive: true, force: true });
    }
  }, 120_000);

  it('notices a damaged local database at start (garbage over its files)', async () => {
    const work = await mkdtemp(join(tmpdir(), 'balai-damaged-'));
    const code = uniqueVillageCode();
    const host = await startBrowserKiosk({
      port: 0,
      dataDir: join(work, 'kiosk-data'),
      rendererDir: join(process.cwd(), 'dist/renderer'),
      env: { BALAI_VILLAGE_CODE: code, BALAI_KIOSK_ID: 'k1' },
    });
    await setUpStaff(host, { villageCode: code, kioskId: 'k1' });
    const profile = join(work, 'profile');
    const open = async () => {
      const b = await launchKillableChromium(profile);
      await b.page.goto(host.launchUrl());
      return b;
    };
    let browser = await open();
    try {
      await signInOnPage(browser.page, 'sekretaris');
      await walkIn(browser.page, '3510171708450001', 'Budi Santoso');
      await browser.kill();
      browser = await open(); // the start that tells the host what the kiosk holds
      await signInOnPage(browser.page, 'sekretaris');
      await browser.kill();

      // A dying disk: garbage over the LevelDB files behind IndexedDB. (Chromium 156 then starts
      // the origin's IndexedDB empty, so the kiosk meets it as a lost database.)
      const idb = join(profile, 'Default', 'IndexedDB');
      for (const dir of (await readdir(idb)).filter((d) => d.endsWith('.leveldb'))) {
        for (const file of await readdir(join(idb, dir))) {
          if (/\.(ldb|log)$|^MANIFEST/.test(file)) {
            await writeFile(join(idb, dir, file), 'rusak'.repeat(200));
          }
        }
      }
      browser = await open();
      const page = browser.page;
      await expect
        .poll(() => page.getByRole('alert').first().textContent(), { timeout: 20_000 })
        .toMatch(/Data kios ini hilang atau rusak: requests: tercatat 1, ada 0/);
      await page.getByRole('button', { name: 'Bangun ulang dari kabupaten' }).waitFor();
      await page.getByRole('form', { name: 'Pulihkan cadangan' }).waitFor();
    } finally {
      await browser.kill();
      await host.close();
      await rm(work, { recursive: true, force: true });
    }
  }, 90_000);

  it('notices a lost local database at start and rebuilds it from the regency', async () => {
    const server = await startCouchServer();
    const work = await mkdtemp(join(tmpdir(), 'balai-lost-'));
    const code = uniqueVillageCode();
    const admin = { url: server.url, ...server.admin };
    await provisionVillage(admin, { villageCode: code });
    const login = await provisionKiosk(admin, { villageCode: code, kioskId: 'k1' });
    const host = await startBrowserKiosk({
      port: 0,
      dataDir: join(work, 'kiosk-data'),
      rendererDir: join(process.cwd(), 'dist/renderer'),
      env: {
        BALAI_VILLAGE_CODE: code,
        BALAI_KIOSK_ID: 'k1',
        BALAI_REGENCY_URL: server.url,
        BALAI_REGENCY_USER: login.username,
        BALAI_REGENCY_PASSWORD: login.password,
      },
    });
    await setUpStaff(host, { villageCode: code, kioskId: 'k1' });
    const profile = join(work, 'profile');
    const open = async () => {
      const b = await launchKillableChromium(profile);
      await b.page.goto(host.launchUrl());
      return b;
    };
    let browser = await open();
    try {
      await signInOnPage(browser.page, 'sekretaris');
      await walkIn(browser.page, '3510171708450001', 'Budi Santoso');
      await walkIn(browser.page, '3510175708450002', 'Siti Aminah');
      const synced = async () =>
        (await readStoredDocuments(browser.page)).requests?.filter(
          (d) => d.type === 'request' && d.syncState === 'synced',
        ).length;
      await expect.poll(synced, { timeout: 20_000 }).toBe(2);
      const had = await readStoredDocuments(browser.page);
      // A restart: the kiosk tells the host what it holds.
      await browser.kill();
      browser = await open();
      await signInOnPage(browser.page, 'sekretaris');
      await browser.kill();

      // The disk loses the browser's IndexedDB (a damaged profile, a cleanup tool).
      await rm(join(profile, 'Default', 'IndexedDB'), { recursive: true, force: true });
      browser = await open();
      const page = browser.page;
      await expect
        .poll(() => page.getByRole('alert').first().textContent(), { timeout: 20_000 })
        .toContain('Data kios ini hilang atau rusak: requests: tercatat 2, ada 0');
      // Only the administrator rebuilds: signing in happens on the recovery screen itself.
      const signIn = page.getByRole('form', { name: 'Masuk' });
      const adminSeed = DEFAULT_STAFF.find((seed) => seed.role === 'administrator')!;
      await signIn
        .getByLabel('Nama petugas')
        .selectOption({ label: `${adminSeed.name} — Administrator kios` });
      await signIn.getByLabel('PIN atau kata sandi').fill(adminSeed.pin);
      await signIn.getByLabel('PIN atau kata sandi').press('Enter');
      await page.getByTestId('recovery-holder').waitFor();
      await page.getByRole('button', { name: 'Bangun ulang dari kabupaten' }).click();
      await page.waitForEvent('load');
      await page.getByTestId('signed-in').waitFor();
      // Everything the regency had comes back, as the regency has it.
      await expect
        .poll(async () => (await readStoredDocuments(page)).requests?.length, { timeout: 30_000 })
        .toBe(had.requests!.length);
      const back = await readStoredDocuments(page);
      const strip = (d: Record<string, unknown>) => {
        const { _rev: _r, _meta: _m, ...rest } = d;
        return rest;
      };
      expect(back.requests!.map(strip)).toEqual(had.requests!.map(strip));
    } finally {
      await browser.kill();
      await host.close();
      await server.stop();
      await rm(work, { recursive: true, force: true });
    }
  }, 120_000);
});

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Unmounts, waiting for the killed browser's last processes to let go of the disk. */
function unmount(dir: string): void {
  for (let i = 0; i < 20; i++) {
    try {
      execFileSync('umount', [dir], { stdio: 'ignore' });
      return;
    } catch {
      execFileSync('sleep', ['0.25']);
    }
  }
  execFileSync('umount', ['-l', dir]);
}

/** Writes until the disk says ENOSPC, then squeezes out the last blocks. */
function fillDisk(file: string): void {
  const fd = openSync(file, 'w');
  try {
    for (const size of [1 << 20, 4096]) {
      const chunk = Buffer.alloc(size);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      }
    }
  } finally {
    closeSync(fd);
  }
}
