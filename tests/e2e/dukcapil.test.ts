// Issue 14's first "Must show", end to end in Debian's Chromium at 1366×768, as new users: the
// regency's hub holds the family; the village goes offline (the hub stops); the desk operator
// records a birth in Mutasi Penduduk and turns it into its akta application, prefilled from the
// event; sending without the requirement photos is refused with the list; with the four photos it
// is sent, waiting; the link returns (the hub starts again) and the application and photos arrive.
// A Dukcapil officer added with `add-dukcapil` opens the back office, asks for a correction; the
// desk fixes the form and sends it again; the officer issues the akta and the new KK with a PDF;
// the desk saves the very PDF for printing and hands it over; the register shows the child, under
// the NIK Dukcapil gave, in the family with the new KK number; the month's report counts the
// birth; the regency's dashboard counts the application, issued and collected, and its days to
// issue. Every screen is saved under /tmp/shots-dukcapil/.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { localDate } from '../../shared/dates';
import { monthOf } from '../../shared/population/report';
import { nameKey } from '../../shared/residents/local';
import { villageDbName } from '../../shared/village';
import { startHub, type RunningHub } from '../../sync/hub/server';
import { provisionKiosk, provisionVillage } from '../../sync/provision/provision';
import { basicAuth, uniqueVillageCode } from '../support/couch-server';
import { CHROMIUM_PATH, chromiumAvailable } from '../support/chromium';
import { hubCommand } from '../support/hub-command';
import { openKioskInBrowser, type KioskInBrowser } from '../support/kiosk-in-browser';
import { freePort } from '../support/ports';

if (!chromiumAvailable())
  console.warn(`Skipping Dukcapil end-to-end tests: no Chromium at ${CHROMIUM_PATH}.`);

const SHOTS = '/tmp/shots-dukcapil';
const villageCode = uniqueVillageCode();
const regency = villageCode.slice(0, 4);
const kioskPassword = 'rahasia-kiosk-dukcapil';
const admin = { username: 'admin', password: 'rahasia-admin-uji' };
const TODAY = localDate();
const OLD_KK = `${villageCode.slice(0, 6)}0101200001`;
const NEW_KK = `${villageCode.slice(0, 6)}0312260009`;
/** A NIK as Dukcapil gives it: the girl's birth date (day + 40) in it. */
const CHILD_NIK = `351017${String(Number(TODAY.slice(8)) + 40)}${TODAY.slice(5, 7)}${TODAY.slice(2, 4)}0001`;
const FATHER = { nik: '3510171708850001', name: 'Agus Salim' };
const MOTHER = { nik: '3510175505900002', name: 'Siti Aminah' };
/** The issued document, as Dukcapil's own system would export it. */
const PDF = Buffer.from(
  `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n% Akta kelahiran dan KK ${NEW_KK}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
);

let hubDir = '';
let hubPort = 0;
let hub: RunningHub | null = null;
let kiosk: KioskInBrowser | null = null;
let desk: Page;
let officerBrowser: Browser | null = null;
let office: Page;
let officer = { username: '', password: '' };

function resident(i: number, person: { nik: string; name: string }, sex: 'L' | 'P') {
  const id = `resident:${villageCode}:${String(i).padStart(6, '0')}`;
  return {
    _id: id,
    id,
    type: 'resident',
    villageCode,
    kioskId: 'kabupaten',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    nik: person.nik,
    kkNumber: OLD_KK,
    name: person.name,
    nameKey: nameKey(person.name),
    birthPlace: 'Banyuwangi',
    birthDate: sex === 'L' ? '1985-08-17' : '1990-05-15',
    sex,
    religion: 'Islam',
    maritalStatus: 'Kawin',
    familyRelation: sex === 'L' ? 'Kepala Keluarga' : 'Istri',
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

async function startRegency(): Promise<void> {
  hub = await startHub({ port: hubPort, dataDir: hubDir, admin });
}

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
  hubPort = await freePort();
  await startRegency();
  const login = { url: hub!.url, ...admin };
  await provisionVillage(login, { villageCode });
  await provisionKiosk(login, { villageCode, kioskId: 'k1', password: kioskPassword });
  const seeded = await fetch(`${hub!.url}${villageDbName(villageCode)}/_bulk_docs`, {
    method: 'POST',
    headers: {
      Authorization: basicAuth(admin.username, admin.password),
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ docs: [resident(1, FATHER, 'L'), resident(2, MOTHER, 'P')] }),
  });
  expect(seeded.status).toBe(201);
  // The regency operator adds the Dukcapil officer with the hub's command.
  const added = await hubCommand(
    admin,
    hubDir,
    'add-dukcapil',
    'petugas-akta',
    '--regency',
    regency,
    '--server',
    hub!.url.replace('//', `//${admin.username}:${admin.password}@`),
  );
  officer = {
    username: /User:\s+(\S+)/.exec(added.stdout)![1]!,
    password: /Password:\s+(\S+)/.exec(added.stdout)![1]!,
  };
  kiosk = await openKioskInBrowser({ villageCode, regencyUrl: hub!.url, password: kioskPassword });
  desk = kiosk.page;
  await desk.setViewportSize({ width: 1366, height: 768 });
}, 180_000);

afterAll(async () => {
  await officerBrowser?.close();
  await kiosk?.close();
  await hub?.close();
  if (hubDir) await rm(hubDir, { recursive: true, force: true });
});

const menu = (name: string) =>
  desk.getByRole('navigation').getByRole('button', { name, exact: true });
const textOf = (loc: Locator, timeout = 20_000) =>
  expect.poll(() => loc.textContent(), { timeout, interval: 500 });

async function photoFile(name: string) {
  const dataUrl = await desk.evaluate(() => {
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

async function openBackOffice(): Promise<void> {
  officerBrowser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), '--disable-gpu'],
  });
  const context = await officerBrowser.newContext({
    httpCredentials: officer,
    viewport: { width: 1366, height: 768 },
    locale: 'id-ID',
  });
  office = await context.newPage();
}

/** The officer opens the application from the back office's list (waiting for Dukcapil). */
async function officerOpensApplication(): Promise<void> {
  await office.goto(`${hub!.url}_balai/dukcapil`);
  await office
    .getByRole('row', { name: /Bayi Lestari/ })
    .getByRole('link', { name: 'Buka' })
    .click();
  await office.getByRole('heading', { name: /Bayi Lestari/ }).waitFor();
}

describe.skipIf(!chromiumAvailable())('a birth from the desk to Dukcapil and back', () => {
  it('is recorded offline with its photos and its application, and reaches the regency when the link returns', async () => {
    // The register has come down from the regency when the mother can be found.
    await menu('Mutasi Penduduk').click();
    await desk.locator('#mutasi-kind').selectOption({ label: 'Kelahiran' });
    await expect
      .poll(
        async () => {
          await desk.locator('#mutasi-search').fill('');
          await desk.locator('#mutasi-search').fill('siti');
          return desk.getByRole('list', { name: 'Hasil pencarian' }).count();
        },
        { timeout: 90_000, interval: 500 },
      )
      .toBe(1);
    // The link goes down.
    await hub!.close();
    hub = null;

    await desk.getByRole('button', { name: /Siti Aminah/ }).click();
    await desk.locator('#mutasi-name').fill('Bayi Lestari');
    await desk.locator('#mutasi-sex').selectOption('P');
    await desk.locator('#mutasi-place').fill('Puskesmas Rogojampi');
    await desk.locator('#mutasi-eventDate').fill(TODAY);
    await desk.getByRole('button', { name: 'Simpan peristiwa' }).click();
    await textOf(desk.getByTestId('mutasi-message')).toContain('Kelahiran Bayi Lestari');
    await desk.screenshot({ path: `${SHOTS}/1-mutasi-kelahiran.png` });

    await desk.getByRole('button', { name: 'Buat permohonan Akta kelahiran ke Dukcapil' }).click();
    await desk.getByRole('heading', { name: 'Permohonan ke Dukcapil' }).waitFor();
    // Prefilled from the event and the register.
    await textOf(desk.getByTestId('dk-event')).toContain('Kelahiran Bayi Lestari');
    expect(await desk.getByLabel('Nama anak').inputValue()).toBe('Bayi Lestari');
    expect(await desk.getByLabel('Jenis kelamin').inputValue()).toBe('Perempuan');
    expect(await desk.getByLabel('Tanggal lahir').inputValue()).toBe(TODAY);
    expect(await desk.getByLabel('Nomor KK').inputValue()).toBe(OLD_KK);
    expect(await desk.getByLabel('Ibu: NIK').inputValue()).toBe(MOTHER.nik);
    expect(await desk.getByLabel('Ibu: nama').inputValue()).toBe(MOTHER.name);
    await desk.getByLabel('Tempat dilahirkan').selectOption('Puskesmas');
    await desk.getByLabel('Penolong kelahiran').selectOption('Bidan/perawat');
    for (const [who, person] of [
      ['Pelapor', FATHER],
      ['Saksi 1', { nik: '3510170101700003', name: 'Saksi Satu' }],
      ['Saksi 2', { nik: '3510170101700004', name: 'Saksi Dua' }],
    ] as const) {
      await desk.getByLabel(`${who}: NIK`).fill(person.nik);
      await desk.getByLabel(`${who}: nama`).fill(person.name);
    }
    await desk.screenshot({ path: `${SHOTS}/2-desk-prefilled.png`, fullPage: true });
    await desk.getByRole('button', { name: 'Simpan draf' }).click();
    const detail = desk.getByRole('article', { name: 'Permohonan' });
    await detail.waitFor();
    // The event has its application: it no longer waits for one.
    await expect.poll(() => desk.getByTestId('dk-events-waiting').count()).toBe(0);
    await textOf(detail.getByTestId('dk-event')).toContain('Kelahiran Bayi Lestari');

    await detail.getByRole('button', { name: 'Kirim ke Dukcapil' }).click();
    await detail.getByText('Permohonan belum lengkap, belum dikirim.').waitFor();
    expect(await detail.textContent()).toContain('Foto belum ada: Surat keterangan kelahiran');
    await desk.screenshot({ path: `${SHOTS}/3-desk-missing.png`, fullPage: true });
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
    await desk.screenshot({ path: `${SHOTS}/4-desk-sent-offline.png`, fullPage: true });

    // The link returns.
    await startRegency();
    await expect
      .poll(async () => (await atHub('dukcapil-application')).length, {
        timeout: 120_000,
        interval: 500,
      })
      .toBe(1);
    const [sent] = await atHub('dukcapil-application');
    expect(sent).toMatchObject({ documentType: 'akta-kelahiran', kkNumber: OLD_KK });
    expect(sent!.eventId).toMatch(/^population-event:/);
    expect(await atHub('population-event')).toHaveLength(1);
    await expect
      .poll(async () => (await atHub('photo')).length, { timeout: 120_000, interval: 500 })
      .toBe(4);
  }, 400_000);

  it('comes back from Dukcapil for a correction, is fixed at the desk and sent again', async () => {
    await openBackOffice();
    await officerOpensApplication();
    const page = await office.textContent('body');
    expect(page).toContain('Peristiwa dicatat desa: Kelahiran Bayi Lestari');
    await expect.poll(() => office.locator('.photos img').count()).toBe(4);
    await office.screenshot({ path: `${SHOTS}/5-office-application.png`, fullPage: true });
    await office.getByLabel('Keputusan').selectOption({ label: 'Perlu perbaikan' });
    await office.locator('textarea[name=note]').fill('Data ayah belum diisi.');
    await office.getByRole('button', { name: 'Simpan keputusan' }).click();
    await office.getByRole('status').waitFor();
    await office.screenshot({ path: `${SHOTS}/6-office-perbaikan.png`, fullPage: true });

    const detail = desk.getByRole('article', { name: 'Permohonan' });
    await textOf(detail.getByRole('note'), 90_000).toContain('Data ayah belum diisi.');
    expect(await detail.textContent()).toContain('Perlu perbaikan');
    await detail.getByLabel('Ayah: NIK').fill(FATHER.nik);
    await detail.getByLabel('Ayah: nama').fill(FATHER.name);
    await detail.getByRole('button', { name: 'Simpan perubahan' }).click();
    await detail.getByText('Isian formulir disimpan.').waitFor();
    await detail.getByLabel('Apa yang sudah diperbaiki').fill('Data ayah diisi.');
    await desk.screenshot({ path: `${SHOTS}/7-desk-fix.png`, fullPage: true });
    await detail.getByRole('button', { name: 'Kirim lagi ke Dukcapil' }).click();
    await detail.getByText(/Permohonan dikirim ke Dukcapil/).waitFor();
    await expect
      .poll(
        async () => {
          const [app] = await atHub('dukcapil-application');
          return (app?.submissions as unknown[] | undefined)?.length;
        },
        { timeout: 90_000, interval: 500 },
      )
      .toBe(2);
    const [app] = await atHub('dukcapil-application');
    expect(app!.subjects).toContainEqual({ role: 'ayah', ...FATHER });
  }, 240_000);

  it('is issued with the new KK and its PDF; the desk prints it; the register and the report take the child', async () => {
    await officerOpensApplication();
    expect(await office.textContent('body')).toContain('Dikirim lagi (ke-2)');
    await office.getByLabel('Keputusan').selectOption({ label: 'Terbit' });
    await office.getByLabel('Nomor dokumen').fill('3510-LT-03122026-0001');
    await office.getByLabel('Nomor KK baru').fill(NEW_KK);
    await office.getByLabel('NIK anak').fill(CHILD_NIK);
    await office
      .getByLabel(/Dokumen terbit/)
      .setInputFiles({ name: 'akta-bayi-lestari.pdf', mimeType: 'application/pdf', buffer: PDF });
    await office.screenshot({ path: `${SHOTS}/8-office-terbit.png`, fullPage: true });
    await office.getByRole('button', { name: 'Simpan keputusan' }).click();
    await office.getByRole('status').waitFor();
    expect(await office.textContent('body')).toContain(`KK ${NEW_KK}, NIK ${CHILD_NIK}`);
    await office.screenshot({ path: `${SHOTS}/9-office-issued.png`, fullPage: true });

    // The desk: ready to collect, the PDF arrived whole and is the very one Dukcapil issued.
    await textOf(desk.getByRole('heading', { name: /Siap diambil/ }), 90_000).toContain('(1)');
    const detail = desk.getByRole('article', { name: 'Permohonan' });
    const save = detail.getByRole('link', { name: /Simpan PDF untuk dicetak/ });
    await save.waitFor({ timeout: 90_000 });
    expect(await detail.textContent()).toContain(NEW_KK);
    await desk.screenshot({ path: `${SHOTS}/10-desk-issued.png`, fullPage: true });
    const [download] = await Promise.all([desk.waitForEvent('download'), save.click()]);
    const saved = await readFile((await download.path())!);
    expect(createHash('sha256').update(saved).digest('hex')).toBe(
      createHash('sha256').update(PDF).digest('hex'),
    );
    await detail.getByRole('button', { name: 'Tandai sudah diambil' }).click();
    await textOf(detail).toContain('Sudah diambil');

    // The register: the child under the NIK Dukcapil gave, in the family with the new KK number.
    await menu('Penduduk').click();
    await desk.locator('#resident-search').fill('bayi');
    await textOf(desk.getByTestId('resident-results'), 60_000).toContain(CHILD_NIK);
    expect(await desk.getByTestId('resident-results').textContent()).toContain(NEW_KK);
    // The temporary number is retired: the child is listed once.
    expect(
      await desk.getByTestId('resident-results').getByRole('button', { name: 'Keluarga' }).count(),
    ).toBe(1);
    await desk.getByTestId('resident-results').getByRole('button', { name: 'Keluarga' }).click();
    const family = desk.getByTestId('family');
    await desk.getByText(`KK ${NEW_KK}`).waitFor();
    await textOf(family).toContain('Bayi Lestari');
    for (const name of ['Agus Salim', 'Siti Aminah', 'Bayi Lestari']) {
      expect(await family.textContent()).toContain(name);
    }
    await desk.screenshot({ path: `${SHOTS}/11-register-family.png`, fullPage: true });

    // The month's report counts the birth: two at the start, three at the end, one family.
    await menu('Laporan Bulanan').click();
    await desk.getByTestId('report-month').fill(monthOf(TODAY));
    const row = async (label: string) =>
      desk
        .getByTestId('book-B3')
        .getByRole('row')
        .filter({ has: desk.getByRole('cell', { name: label, exact: true }) })
        .getByRole('cell')
        .allTextContents();
    await expect
      .poll(() => row('Lahir'), { timeout: 20_000 })
      .toEqual(['Lahir', '0', '1', '0', '0', '0', '1', '1', '']);
    expect(await row('Penduduk awal bulan')).toEqual([
      'Penduduk awal bulan',
      '1',
      '1',
      '0',
      '0',
      '1',
      '1',
      '2',
      '1',
    ]);
    expect(await row('Penduduk akhir bulan')).toEqual([
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
    await desk.getByRole('button', { name: /^Lahir \(1\)/ }).click();
    await textOf(desk.getByTestId('report-names')).toContain('Bayi Lestari');
    await desk.screenshot({ path: `${SHOTS}/12-report.png`, fullPage: true });
  }, 300_000);

  it("the regency's dashboard shows the birth's application, issued and collected, and its days to issue", async () => {
    // Regency staff see the civil-registration page of the dashboard on the hub (admin login here).
    const context = await officerBrowser!.newContext({
      httpCredentials: admin,
      viewport: { width: 1366, height: 768 },
      locale: 'id-ID',
    });
    const regencyPage = await context.newPage();
    const cell = (table: string, row: string, status: string) =>
      regencyPage.locator(`[data-testid="${table}"] tr[${row}] td[data-status="${status}"]`);
    // The desk's "sudah diambil" travels up with the next sync: reload until it is counted.
    await expect
      .poll(
        async () => {
          await regencyPage.goto(`${hub!.url}_balai/dashboard?bagian=kependudukan`);
          return cell('by-type', 'data-type="akta-kelahiran"', 'diambil').textContent();
        },
        { timeout: 90_000, interval: 2_000 },
      )
      .toBe('1');
    expect(await cell('by-village', `data-village="${villageCode}"`, 'diambil').textContent()).toBe(
      '1',
    );
    expect(await regencyPage.getByTestId('sent-total').textContent()).toContain('1 permohonan');
    // Days to issue: the birth's akta, sent and issued today: 0 days, median and 90th percentile.
    const issued = regencyPage.locator(
      '[data-testid="issue-by-type"] tr[data-key="akta-kelahiran"]',
    );
    expect(await issued.getByRole('cell').allTextContents()).toEqual([
      'Akta kelahiran',
      '1',
      '0',
      '0',
    ]);
    expect(await regencyPage.locator('[data-testid="issue-by-district"] tbody tr').count()).toBe(1);
    await regencyPage.screenshot({ path: `${SHOTS}/13-regency-dashboard.png` });
    await regencyPage.evaluate(() => document.getElementById('lama-terbit')!.scrollIntoView());
    await regencyPage.screenshot({ path: `${SHOTS}/14-regency-days-to-issue.png` });
    await context.close();
  }, 180_000);
});
