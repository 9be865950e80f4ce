// The must-show of the regency's administration pages (decision 0028), in Chromium at 1366×768 as
// a regency admin against the real hub: the Domisili wording changed with its live preview, a
// kiosk syncing and issuing its next letter with it while an earlier letter keeps the old; a
// planning priority added and offered to the kiosk; a lost kiosk disabled (its sync refused, the
// office's other kiosk unaffected). The kiosks are Node kiosks on the real database, replicator
// and letter composition; the pages are what the officer sees. BALAI_SHOTS=<dir> saves each page.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { readConnectionCode, type KioskConnectionCode } from '../../shared/connection-code';
import type { PlanningSettingsDoc } from '../../shared/documents/planning';
import { settingsForYear } from '../../shared/planning/settings';
import { villageDbName, type VillageCode } from '../../shared/village';
import { startHub, type RunningHub } from '../../sync/hub/server';
import { villagesOfRegency, type VillageNames } from '../../sync/provision/area-names';
import { provisionRegencyAdmin } from '../../sync/provision/regency';
import { CHROMIUM_PATH, chromiumAvailable } from '../support/chromium';
import { couchCall } from '../support/couch-server';
import { issueDomisili } from '../support/domisili-letter';
import { closeAllKiosks, openNodeKiosk, type NodeKiosk } from '../support/node-kiosk';
import { shot } from '../support/screenshots';

if (!chromiumAvailable())
  console.warn(`regency-admin e2e skipped: no Chromium at ${CHROMIUM_PATH}.`);

const officer = { username: 'admin-bangli', password: 'rahasia-admin-bangli' };
let hub: RunningHub | undefined;
let dataDir = '';
let browser: Browser | undefined;
let admin: Page;
let village: { code: VillageCode; names: VillageNames };

beforeAll(async () => {
  if (!chromiumAvailable()) return;
  dataDir = await mkdtemp(join(tmpdir(), 'balai-admin-e2e-'));
  const serverAdmin = { username: 'admin', password: 'rahasia-server-admin' };
  hub = await startHub({ port: 0, dataDir, admin: serverAdmin });
  await provisionRegencyAdmin(
    { ...serverAdmin, url: hub.url },
    { name: officer.username, regency: '5106', ...officer },
  );
  village = (await villagesOfRegency('51.06'))[0]!;
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), '--disable-gpu'],
  });
  const context = await browser.newContext({
    httpCredentials: officer,
    viewport: { width: 1366, height: 768 },
    locale: 'id-ID',
  });
  admin = await context.newPage();
}, 120_000);

afterAll(async () => {
  await closeAllKiosks();
  await browser?.close();
  await hub?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** The officer adds a kiosk to the village from the list; the sheet it prints is read back. */
async function addKiosk(): Promise<KioskConnectionCode> {
  await admin.goto(`${hub!.url}_balai/admin`);
  await admin
    .getByRole('button', { name: `Tambah kios Desa ${village.names.villageName}`, exact: true })
    .click();
  await admin.getByRole('heading', { name: 'Lembar koneksi kios Balai' }).waitFor();
  const reading = readConnectionCode((await admin.locator('p.code').textContent()) ?? '');
  if (!reading.ok) throw new Error(reading.error);
  return reading.value;
}

function openKiosk(c: KioskConnectionCode): Promise<NodeKiosk> {
  return openNodeKiosk({
    villageCode: village.code,
    kioskId: c.kioskId,
    login: { url: hub!.url, username: c.username, password: c.password },
  });
}

describe.skipIf(!chromiumAvailable())(
  'the regency administration pages, as a regency admin',
  () => {
    it('changes the Domisili wording, adds a planning priority and disables a lost kiosk', async () => {
      const k1 = await addKiosk();
      await shot(admin, 'admin-lembar-koneksi');
      const k2 = await addKiosk();
      const lost = await openKiosk(k1);
      const other = await openKiosk(k2);
      await lost.replicator.syncOnce();
      await other.replicator.syncOnce();
      const earlier = await issueDomisili(lost, village.code, 'k1', 'Warga Sebelum');

      // The wording, with the preview following the typing.
      await admin.goto(`${hub!.url}_balai/admin/surat?jenis=domisili`);
      const wording =
        '{nama} benar-benar penduduk Desa {desa} dan bertempat tinggal di sana sejak lahir.';
      await admin.getByLabel('Isi yang diterangkan').fill(wording);
      const preview = admin.frameLocator('#pratinjau');
      await expect
        .poll(() => preview.locator('body').textContent(), { timeout: 30_000 })
        .toContain(`I Made Contoh Warga benar-benar penduduk Desa ${village.names.villageName}`);
      await shot(admin, 'admin-redaksi-surat');
      await admin.getByRole('button', { name: 'Simpan versi baru' }).click();
      await admin.getByText('Surat Keterangan Domisili versi 1 tersimpan').waitFor();
      await admin.getByRole('cell', { name: officer.username }).waitFor();

      await lost.replicator.syncOnce();
      const next = await issueDomisili(lost, village.code, 'k1', 'Warga Sesudah');
      expect(next.html).toContain(
        `Warga Sesudah benar-benar penduduk Desa ${village.names.villageName}`,
      );
      expect((await lost.db.letters.findOne(earlier.id).exec())?.get('html')).toBe(earlier.html);
      expect(earlier.html).not.toContain('benar-benar penduduk');

      // A planning priority added for next year.
      const year = new Date().getFullYear() + 1;
      await admin.goto(`${hub!.url}_balai/admin/perencanaan?tahun=${year}`);
      const priorities = admin.getByLabel('Prioritas (satu per baris: kode | nama)');
      await priorities.fill(
        `${await priorities.inputValue()}\nair-bersih | Air bersih dan sanitasi`,
      );
      await admin.getByRole('button', { name: `Simpan versi baru untuk ${year}` }).click();
      await admin.getByText(`Perencanaan ${year} versi 1 tersimpan`).waitFor();
      await shot(admin, 'admin-perencanaan');
      await other.replicator.syncOnce();
      const pulled = (
        await other.db.finance.find({ selector: { type: 'planning-settings' } }).exec()
      ).map((d) => d.toJSON() as unknown as PlanningSettingsDoc);
      expect(settingsForYear(pulled, year).priorities).toContainEqual([
        'air-bersih',
        'Air bersih dan sanitasi',
      ]);

      // The lost kiosk disabled: refused; the office's other kiosk goes on.
      await admin.goto(`${hub!.url}_balai/admin`);
      await admin
        .getByRole('button', {
          name: `Nonaktifkan k1 Desa ${village.names.villageName}`,
          exact: true,
        })
        .click();
      await admin.getByText(/Kios k1 Desa .* dinonaktifkan/).waitFor();
      await admin.getByText('k1 nonaktif').waitFor();
      await shot(admin, 'admin-desa-kios');
      const db = villageDbName(village.code);
      expect((await couchCall(hub!, k1, 'GET', `${db}/_changes`)).status).toBe(401);
      const after = await other.addRequest({ name: 'Setelah k1 hilang' });
      await other.replicator.syncOnce();
      const stored = await couchCall(hub!, k2, 'GET', `${db}/${encodeURIComponent(after.id)}`);
      expect(stored.status).toBe(200);

      await admin.goto(`${hub!.url}_balai/admin/referensi`);
      await shot(admin, 'admin-referensi');
    }, 300_000);
  },
);
