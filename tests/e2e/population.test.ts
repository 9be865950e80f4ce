// Population events at the desk, in the real renderer in Debian's Chromium at 1366×768, with the
// register pulled from the regency's hub: the operator records a birth and a death dated last
// month (and one refused, writing nothing); the desk's resident search shows them at once; last
// month's report counts them; the kepala desa closes it and it reaches the regency; a death dated
// in the closed month is recorded late: the closed report is unchanged and this month's report
// carries it as a late report. Screenshots go to /tmp/shots-population.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { localDate } from '../../shared/dates';
import { monthOf, previousMonth } from '../../shared/population/report';
import { nameKey } from '../../shared/residents/local';
import { villageDbName } from '../../shared/village';
import { startHub, type RunningHub } from '../../sync/hub/server';
import { provisionKiosk, provisionVillage } from '../../sync/provision/provision';
import { basicAuth, uniqueVillageCode } from '../support/couch-server';
import { CHROMIUM_PATH, chromiumAvailable } from '../support/chromium';
import { openKioskInBrowser, type KioskInBrowser } from '../support/kiosk-in-browser';
import { freePort } from '../support/ports';

if (!chromiumAvailable())
  console.warn(`Skipping population end-to-end tests: no Chromium at ${CHROMIUM_PATH}.`);

const SHOTS = '/tmp/shots-population';
const villageCode = uniqueVillageCode();
const kioskPassword = 'rahasia-kiosk-penduduk';
const admin = { username: 'admin', password: 'rahasia-admin-uji' };
const KK = '3510010101000001';
const THIS_MONTH = monthOf(localDate());
const LAST_MONTH = previousMonth(THIS_MONTH);
let hubDir = '';
let hub: RunningHub | null = null;
let kiosk: KioskInBrowser | null = null;
let page: Page;

function resident(i: number, name: string, sex: 'L' | 'P', birthDate: string, relation: string) {
  const id = `resident:${villageCode}:${String(i).padStart(6, '0')}`;
  const [y, m, d] = birthDate.split('-');
  const day = String(Number(d) + (sex === 'P' ? 40 : 0)).padStart(2, '0');
  return {
    _id: id,
    id,
    type: 'resident',
    villageCode,
    kioskId: 'kabupaten',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    nik: `351001${day}${m}${y!.slice(2)}000${i}`,
    kkNumber: i === 4 ? '3510010101000002' : KK,
    name,
    nameKey: nameKey(name),
    birthPlace: 'Banyuwangi',
    birthDate,
    sex,
    religion: 'Islam',
    maritalStatus: 'Kawin',
    familyRelation: relation,
    education: 'SLTA',
    occupation: 'Petani',
    nationality: 'WNI',
    dusun: 'Krajan',
    rw: '1',
    rt: '2',
    status: 'living',
    corrects: null,
  };
}

const RESIDENTS = [
  resident(1, 'Budi Santoso', 'L', '1988-02-03', 'Kepala Keluarga'),
  resident(2, 'Siti Aminah', 'P', '1990-05-06', 'Istri'),
  resident(3, 'Mbah Karto', 'L', '1940-07-08', 'Orang Tua'),
  resident(4, 'Mbok Sarinah', 'P', '1942-09-10', 'Kepala Keluarga'),
];

async function atHub(type: string): Promise<Record<string, unknown>[]> {
  const res = await fetch(`${hub!.url}${villageDbName(villageCode)}/_all_docs?include_docs=true`, {
    headers: { Authorization: basicAuth(admin.username, admin.password) },
  });
  const body = (await res.json()) as { rows: { doc: Record<string, unknown> }[] };
  return body.rows.map((r) => r.doc).filter((d) => d.type === type);
}

beforeAll(async () => {
  if (!chromiumAvailable()) return;
  await mkdir(SHOTS, { recursive: true });
  hubDir = await mkdtemp(join(tmpdir(), 'balai-e2e-hub-'));
  hub = await startHub({ port: await freePort(), dataDir: hubDir, admin });
  const login = { url: hub.url, ...admin };
  await provisionVillage(login, { villageCode });
  await provisionKiosk(login, { villageCode, kioskId: 'k1', password: kioskPassword });
  const res = await fetch(`${hub.url}${villageDbName(villageCode)}/_bulk_docs`, {
    method: 'POST',
    headers: {
      Authorization: basicAuth(admin.username, admin.password),
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ docs: RESIDENTS }),
  });
  expect(res.status).toBe(201);
  kiosk = await openKioskInBrowser({ villageCode, regencyUrl: hub.url, password: kioskPassword });
  page = kiosk.page;
  await page.setViewportSize({ width: 1366, height: 768 });
}, 120_000);

afterAll(async () => {
  await kiosk?.close();
  await hub?.close();
  if (hubDir) await rm(hubDir, { recursive: true, force: true });
});

/** What a locator's text becomes, waited for. */
const textOf = (loc: Locator) => expect.poll(() => loc.textContent(), { timeout: 20_000 });
const countOf = (loc: Locator) => expect.poll(() => loc.count(), { timeout: 20_000 });
const menu = (name: string) =>
  page.getByRole('navigation').getByRole('button', { name, exact: true });

async function pickPerson(query: string, name: string | RegExp) {
  await page.locator('#mutasi-search').fill(query);
  await page.getByRole('list', { name: 'Hasil pencarian' }).getByRole('button', { name }).click();
}

async function reportRow(label: string): Promise<string[]> {
  return page
    .getByTestId('book-B3')
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: label, exact: true }) })
    .getByRole('cell')
    .allTextContents();
}

describe.skipIf(!chromiumAvailable())(
  'population events, the register and the monthly report',
  () => {
    it('records a birth and a death; a death of someone not in the register writes nothing', async () => {
      await menu('Mutasi Penduduk').click();
      await page.locator('#mutasi-kind').waitFor();
      // The register has been pulled from the regency when the mother can be found.
      await page.locator('#mutasi-kind').selectOption({ label: 'Kelahiran' });
      await expect
        .poll(
          async () => {
            await page.locator('#mutasi-search').fill('');
            await page.locator('#mutasi-search').fill('siti');
            return page.getByRole('list', { name: 'Hasil pencarian' }).count();
          },
          { timeout: 60_000, interval: 500 },
        )
        .toBe(1);
      await page.getByRole('button', { name: /Siti Aminah/ }).click();
      expect(await page.locator('#mutasi-motherNik').inputValue()).toBe(RESIDENTS[1]!.nik);
      await page.locator('#mutasi-name').fill('Putri Ayu');
      await page.locator('#mutasi-sex').selectOption('P');
      await page.locator('#mutasi-place').fill('Puskesmas Rogojampi');
      await page.locator('#mutasi-eventDate').fill(`${LAST_MONTH}-15`);
      await page.screenshot({ path: `${SHOTS}/mutasi-kelahiran.png` });
      await page.locator('#mutasi-place').press('Enter');
      await textOf(page.getByTestId('mutasi-message')).toContain('Kelahiran Putri Ayu');

      await page.locator('#mutasi-kind').selectOption({ label: 'Kematian' });
      await page.locator('#mutasi-search').fill('3510019999990001');
      await page.locator('#mutasi-eventDate').fill(`${LAST_MONTH}-20`);
      await page.locator('#mutasi-eventDate').press('Enter');
      await textOf(page.getByTestId('mutasi-message')).toContain('belum ada yang disimpan');
      await textOf(page.locator('#mutasi-search-error')).toContain('Pilih penduduk');

      await pickPerson('mbah', /Mbah Karto/);
      await page.locator('#mutasi-eventDate').fill(`${LAST_MONTH}-20`);
      await page.locator('#mutasi-place').fill('Rumah');
      await page.locator('#mutasi-place').press('Enter');
      await textOf(page.getByTestId('mutasi-message')).toContain('Kematian Mbah Karto');
      await countOf(page.getByTestId('mutasi-recent').getByRole('row')).toBe(3);
      await page.screenshot({ path: `${SHOTS}/mutasi-recorded.png`, fullPage: true });

      // An event in the future is refused and nothing is written.
      await page.locator('#mutasi-kind').selectOption({ label: 'Pindah keluar' });
      await pickPerson('budi', /Budi Santoso/);
      await page.locator('#mutasi-eventDate').fill('2099-01-01');
      await page.locator('#mutasi-place').fill('Surabaya');
      await page.locator('#mutasi-place').press('Enter');
      await textOf(page.locator('#mutasi-eventDate-error')).toBe(
        'Tanggal peristiwa tidak boleh sesudah hari ini.',
      );
      await countOf(page.getByTestId('mutasi-recent').getByRole('row')).toBe(3);
    }, 180_000);

    it('the register the desk searches shows them at once', async () => {
      await menu('Penduduk').click();
      await page.locator('#resident-search').fill('putri');
      await textOf(page.getByTestId('resident-results')).toContain('Putri Ayu');
      await page.getByTestId('resident-results').getByRole('button', { name: 'Keluarga' }).click();
      await textOf(page.getByTestId('family')).toContain('Putri Ayu');
      await textOf(page.getByTestId('family')).toContain('Mbah Karto');
      await page.locator('#resident-search').fill('mbah');
      await textOf(page.getByTestId('resident-results')).toContain('meninggal');
      await page.screenshot({ path: `${SHOTS}/register.png` });
    }, 60_000);

    it('last month’s report counts them; the kepala desa closes it and it reaches the regency', async () => {
      await menu('Laporan Bulanan').click();
      await page.getByTestId('report-month').fill(LAST_MONTH);
      await textOf(page.getByTestId('report-state')).toContain('Belum ditutup');
      expect(await reportRow('Penduduk awal bulan')).toEqual([
        'Penduduk awal bulan',
        '2',
        '2',
        '0',
        '0',
        '2',
        '2',
        '4',
        '2',
      ]);
      expect(await reportRow('Lahir')).toEqual(['Lahir', '0', '1', '0', '0', '0', '1', '1', '']);
      expect(await reportRow('Mati')).toEqual(['Mati', '1', '0', '0', '0', '1', '0', '1', '']);
      expect(await reportRow('Penduduk akhir bulan')).toEqual([
        'Penduduk akhir bulan',
        '1',
        '3',
        '0',
        '0',
        '1',
        '3',
        '4',
        '2',
      ]);
      await page.getByRole('button', { name: /^Lahir \(1\)/ }).click();
      await textOf(page.getByTestId('report-names')).toContain('Putri Ayu');
      // The operator may not close it.
      expect(
        await page.getByRole('button', { name: `Tutup laporan ${LAST_MONTH}` }).isDisabled(),
      ).toBe(true);

      await kiosk!.signIn('kepala-desa');
      await menu('Laporan Bulanan').click();
      await page.getByTestId('report-month').fill(LAST_MONTH);
      await page.getByRole('button', { name: `Tutup laporan ${LAST_MONTH}` }).click();
      await textOf(page.getByTestId('report-message')).toContain('ditutup');
      await textOf(page.getByTestId('report-state')).toContain('Ditutup oleh Hj. Sulastri');
      await page.screenshot({ path: `${SHOTS}/report-closed.png`, fullPage: true });
      await expect
        .poll(() => atHub('population-report'), { timeout: 60_000, interval: 500 })
        .toHaveLength(1);
      expect(await atHub('population-event')).toHaveLength(2);
    }, 120_000);

    it('a late event dated in the closed month: the closed report is unchanged, the next one carries it', async () => {
      await kiosk!.signIn('operator');
      await menu('Mutasi Penduduk').click();
      await page.locator('#mutasi-kind').selectOption({ label: 'Kematian' });
      await pickPerson('mbok', /Mbok Sarinah/);
      await page.locator('#mutasi-eventDate').fill(`${LAST_MONTH}-25`);
      await page.locator('#mutasi-place').fill('Rumah');
      await page.locator('#mutasi-place').press('Enter');
      await textOf(page.getByTestId('mutasi-message')).toContain('Kematian Mbok Sarinah');

      await menu('Laporan Bulanan').click();
      await page.getByTestId('report-month').fill(LAST_MONTH);
      await textOf(page.getByTestId('report-state')).toContain('Ditutup');
      expect(await reportRow('Mati')).toEqual(['Mati', '1', '0', '0', '0', '1', '0', '1', '']);
      expect(await reportRow('Penduduk akhir bulan')).toEqual([
        'Penduduk akhir bulan',
        '1',
        '3',
        '0',
        '0',
        '1',
        '3',
        '4',
        '2',
      ]);

      await page.getByTestId('report-month').fill(THIS_MONTH);
      await textOf(page.getByTestId('report-state')).toContain('Belum ditutup');
      expect(await reportRow('Penduduk awal bulan')).toEqual([
        'Penduduk awal bulan',
        '1',
        '3',
        '0',
        '0',
        '1',
        '3',
        '4',
        '2',
      ]);
      expect(await reportRow('Mati')).toEqual(['Mati', '0', '1', '0', '0', '0', '1', '1', '']);
      // Her family card had no one else: the village has one family fewer.
      expect(await reportRow('Penduduk akhir bulan')).toEqual([
        'Penduduk akhir bulan',
        '1',
        '2',
        '0',
        '0',
        '1',
        '2',
        '3',
        '1',
      ]);
      await page.getByRole('button', { name: /^Mati \(1\)/ }).click();
      await textOf(page.getByTestId('report-names')).toContain('Mbok Sarinah');
      await textOf(page.getByTestId('report-names')).toContain('laporan terlambat');
      await page.screenshot({ path: `${SHOTS}/report-late.png`, fullPage: true });

      await menu('Buku Penduduk').click();
      await textOf(page.getByTestId('book-B1')).toContain('Putri Ayu');
      await textOf(page.getByTestId('book-B1')).not.toContain('Mbah Karto');
      await page.screenshot({ path: `${SHOTS}/books-b1.png` });
      await page.getByRole('tab', { name: /B\.5/ }).click();
      await textOf(page.getByTestId('book-B5')).toContain('wajib KTP-el');
      await page.screenshot({ path: `${SHOTS}/books-b5.png` });
    }, 120_000);
  },
);
