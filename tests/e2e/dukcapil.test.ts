// An application to Dukcapil as a new desk operator meets it, in the real renderer in Debian's
// Chromium at 1366×768, with the village offline: a birth's application is opened, sending it
// without the requirement photos is refused with the list of what is missing, the four photos are
// added, it is sent (waiting while offline); then the regency's hub comes up and the application
// and its photos arrive. Every screen is saved under /tmp/shots-dukcapil/.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { villageDbName } from '../../shared/village';
import { startHub, type RunningHub } from '../../sync/hub/server';
import { provisionKiosk, provisionVillage } from '../../sync/provision/provision';
import { basicAuth, uniqueVillageCode } from '../support/couch-server';
import { CHROMIUM_PATH, chromiumAvailable } from '../support/chromium';
import { openKioskInBrowser, type KioskInBrowser } from '../support/kiosk-in-browser';
import { freePort } from '../support/ports';

if (!chromiumAvailable())
  console.warn(`Skipping Dukcapil end-to-end tests: no Chromium at ${CHROMIUM_PATH}.`);

const SHOTS = '/tmp/shots-dukcapil';
const villageCode = uniqueVillageCode();
const kioskPassword = 'rahasia-kiosk-dukcapil';
const admin = { username: 'admin', password: 'rahasia-admin-uji' };
let hubDir: string;
let hubPort: number;
let hub: RunningHub | null = null;
let kiosk: KioskInBrowser | null = null;
let page: Page;

beforeAll(async () => {
  if (!chromiumAvailable()) return;
  await mkdir(SHOTS, { recursive: true });
  hubDir = await mkdtemp(join(tmpdir(), 'balai-e2e-hub-'));
  hubPort = await freePort();
  kiosk = await openKioskInBrowser({
    villageCode,
    regencyUrl: `http://127.0.0.1:${hubPort}/`,
    password: kioskPassword,
  });
  page = kiosk.page;
  await page.setViewportSize({ width: 1366, height: 768 });
});

afterAll(async () => {
  await kiosk?.close();
  await hub?.close();
  if (hubDir) await rm(hubDir, { recursive: true, force: true });
});

async function photoFile(name: string) {
  const dataUrl = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 240;
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#dde';
    g.fillRect(0, 0, 320, 240);
    g.fillStyle = '#333';
    g.fillText('Surat keterangan', 40, 100);
    return canvas.toDataURL('image/png');
  });
  return {
    name,
    mimeType: 'image/png',
    buffer: Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64'),
  };
}

async function atHub(type: string): Promise<Record<string, unknown>[]> {
  const res = await fetch(`${hub!.url}${villageDbName(villageCode)}/_all_docs?include_docs=true`, {
    headers: { Authorization: basicAuth(admin.username, admin.password) },
  });
  const body = (await res.json()) as { rows: { doc: Record<string, unknown> }[] };
  return body.rows.map((r) => r.doc).filter((d) => d.type === type);
}

describe.skipIf(!chromiumAvailable())('an application to Dukcapil at the desk', () => {
  it('is refused while photos are missing, sent offline, and reaches the regency when the link returns', async () => {
    await page.getByRole('navigation').getByRole('button', { name: 'Dukcapil' }).click();
    await page.getByRole('heading', { name: 'Permohonan ke Dukcapil' }).waitFor();
    await page.getByLabel('Nama yang bersangkutan').fill('Bayi Lestari');
    await page.getByLabel('Nama anak').fill('Bayi Lestari');
    await page.getByLabel('Jenis kelamin').selectOption('Perempuan');
    await page.getByLabel('Tempat lahir').fill('Banyuwangi');
    await page.getByLabel('Tanggal lahir').fill('2026-11-20');
    await page.getByLabel('Tempat dilahirkan').selectOption('Puskesmas');
    await page.getByLabel('Penolong kelahiran').selectOption('Bidan/perawat');
    await page.getByLabel('Nomor KK').fill('3510170101200001');
    for (const [who, nik, name] of [
      ['Pelapor', '3510171708850001', 'Agus Salim'],
      ['Ibu', '3510175505900002', 'Siti Aminah'],
      ['Saksi 1', '3510170101700003', 'Saksi Satu'],
      ['Saksi 2', '3510170101700004', 'Saksi Dua'],
    ] as const) {
      await page.getByLabel(`${who}: NIK`).fill(nik);
      await page.getByLabel(`${who}: nama`).fill(name);
    }
    await page.screenshot({ path: `${SHOTS}/desk-new.png`, fullPage: true });
    await page.getByRole('button', { name: 'Simpan draf' }).click();
    const detail = page.getByRole('article', { name: 'Permohonan' });
    await detail.waitFor();
    await detail.getByRole('button', { name: 'Kirim ke Dukcapil' }).click();
    await detail.getByText('Permohonan belum lengkap, belum dikirim.').waitFor();
    expect(await detail.textContent()).toContain('Foto belum ada: Surat keterangan kelahiran');
    await page.screenshot({ path: `${SHOTS}/desk-missing.png`, fullPage: true });

    for (let i = 0; i < 4; i++) {
      await detail
        .getByLabel('Foto', { exact: true })
        .nth(i)
        .setInputFiles(await photoFile(`syarat-${i}.png`));
      await expect.poll(() => detail.locator('.dk-have').count(), { timeout: 20_000 }).toBe(i + 1);
    }
    await detail.getByRole('button', { name: 'Kirim ke Dukcapil' }).click();
    await detail.getByText(/Permohonan dikirim ke Dukcapil/).waitFor();
    expect(await detail.textContent()).toContain('Diajukan ke Dukcapil');
    await page.screenshot({ path: `${SHOTS}/desk-sent-offline.png`, fullPage: true });

    hub = await startHub({ port: hubPort, dataDir: hubDir, admin });
    const adminLogin = { url: hub.url, ...admin };
    await provisionVillage(adminLogin, { villageCode });
    await provisionKiosk(adminLogin, { villageCode, kioskId: 'k1', password: kioskPassword });
    await expect
      .poll(async () => (await atHub('dukcapil-application')).length, {
        timeout: 90_000,
        interval: 500,
      })
      .toBe(1);
    const [sent] = await atHub('dukcapil-application');
    expect(sent!.submissions).toHaveLength(1);
    await expect
      .poll(async () => (await atHub('photo')).length, { timeout: 90_000, interval: 500 })
      .toBe(4);
    await page.screenshot({ path: `${SHOTS}/desk-synced.png`, fullPage: true });
  });
});
