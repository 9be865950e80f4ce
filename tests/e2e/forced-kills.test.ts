// Twenty forced kills during a busy day: the kiosk (the browser kiosk's host and Debian's
// Chromium, each a child process) serves walk-ins, approves letters and posts ledger entries
// through its forms while replicating to a hub started here; at a random moment in each round
// Chromium and every process it forked get SIGKILL, and in every fifth round the host too (a
// power cut). After each restart every document the UI had shown as saved is present exactly
// once; after the last, the hub has each exactly once too.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateVillageKey } from '../../shared/letters/signing';
import type { StaffRole } from '../../shared/staff/roles';
import { villageDbName } from '../../shared/village';
import { provisionKiosk, provisionVillage } from '../../sync/provision/provision';
import { publishVillageNames } from '../../sync/provision/letter-key';
import { TEST_VILLAGE_NAMES } from '../support/named-regency';
import { CHROMIUM_PATH, chromiumAvailable } from '../support/chromium';
import { adoptBudgetOnScreen, receiveCashOnScreen } from '../support/finance-on-screen';
import {
  couchCall,
  startCouchServer,
  uniqueVillageCode,
  type CouchServer,
} from '../support/couch-server';
import { launchKillableChromium, type KillableChromium } from '../support/killable-chromium';
import { DEFAULT_STAFF, launchedWindowCookie, setUpStaff } from '../support/kiosk-in-browser';
import { startKioskHostProcess, type KioskHostProcess } from '../support/kiosk-host-process';
import { freePort } from '../support/ports';
import { readStoredDocuments, type StoredDocuments } from '../support/stored-documents';

if (!chromiumAvailable())
  console.warn(`Skipping forced-kill end-to-end test: no Chromium at ${CHROMIUM_PATH}.`);

const ROUNDS = 20;
const villageCode = uniqueVillageCode();
let server: CouchServer;
let kiosk: KioskHostProcess | null = null;
let hostOptions: Parameters<typeof startKioskHostProcess>[0];
let hostKills = 0;
const host = () => kiosk!;
let work: string;

/** What the UI acknowledged: request names, letter request ids, ledger voucher numbers. */
const acked = {
  requests: new Set<string>(),
  letters: new Set<string>(),
  ledger: new Set<string>(),
};

beforeAll(async () => {
  if (!chromiumAvailable()) return;
  server = await startCouchServer();
  const admin = { url: server.url, ...server.admin };
  await provisionVillage(admin, { villageCode });
  // Letters are signed only under a kop with the names the regency's profile brings.
  await publishVillageNames(admin, { villageCode, names: TEST_VILLAGE_NAMES });
  const login = await provisionKiosk(admin, { villageCode, kioskId: 'k1' });
  const key = await generateVillageKey('2026-1');
  work = await mkdtemp(join(tmpdir(), 'balai-kills-'));
  // A copy of the build this run made: the test restarts the kiosk for a minute and more, and
  // another suite's build must not swap the files under it.
  await cp(join(process.cwd(), 'dist/renderer'), join(work, 'renderer'), { recursive: true });
  hostOptions = {
    port: await freePort(),
    dataDir: join(work, 'kiosk'),
    rendererDir: join(work, 'renderer'),
    env: {
      BALAI_VILLAGE_CODE: villageCode,
      BALAI_KIOSK_ID: 'k1',
      BALAI_REGENCY_URL: server.url,
      BALAI_REGENCY_USER: login.username,
      BALAI_REGENCY_PASSWORD: login.password,
      BALAI_LETTER_KEY: `${key.keyId}:${key.privateKey}`,
    },
  };
  kiosk = await startKioskHostProcess(hostOptions);
  await setUpStaff(host(), { villageCode, kioskId: 'k1' });
});

afterAll(async () => {
  await kiosk?.kill();
  await server?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

const menu = (page: Page, name: string) =>
  page.getByRole('navigation').getByRole('button', { name, exact: true });

async function start(role: StaffRole): Promise<KillableChromium> {
  kiosk ??= await startKioskHostProcess(hostOptions);
  const browser = await launchKillableChromium(join(work, 'profile'));
  // A killed browser loses its session cookie: staff sign in again after every restart. The
  // sign-in form has its own tests (roles.test.ts); here the host's login answers for the time.
  await browser.page.context().addCookies([await sessionCookie(role)]);
  await browser.page.goto(await host().launchUrl());
  await browser.page
    .getByTestId('signed-in')
    .waitFor()
    .catch(async (e: unknown) => {
      console.log(
        'The kiosk page when it did not open:',
        (await browser.page.locator('body').innerText()).slice(0, 1500),
      );
      throw e;
    });
  return browser;
}

async function sessionCookie(role: StaffRole) {
  const seed = DEFAULT_STAFF.find((s) => s.role === role)!;
  // The host answers only a window it launched: this call comes in through a launch URL too.
  const window = await launchedWindowCookie(host());
  const call = (channel: string, body: unknown) =>
    fetch(new URL(`api/${channel}`, host().url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', cookie: window },
      body: JSON.stringify(body),
    });
  const staff = (await (await call('staff:names', null)).json()) as { id: string; name: string }[];
  const staffId = staff.find((s) => s.name === seed.name)!.id;
  const login = await call('staff:login', { staffId, secret: seed.pin });
  expect(login.status).toBe(200);
  const [name, ...value] = login.headers.get('set-cookie')!.split(';')[0]!.split('=');
  return { name: name!, value: value.join('='), url: host().url };
}

let serial = 0;
async function walkIn(page: Page): Promise<void> {
  const name = `Warga Uji ${String(++serial).padStart(3, '0')}`;
  await menu(page, 'Layanan Surat').click();
  await page.getByLabel('NIK').fill('3510171708450001');
  await page.getByLabel('Nama pemohon').fill(name);
  await page.getByLabel('Jenis layanan').selectOption('domisili');
  await page.getByLabel('Keperluan').fill('Membuka rekening');
  await page.getByLabel('Keperluan').press('Enter');
  await page
    .getByTestId('today-list')
    .getByRole('row', { name: new RegExp(name) })
    .waitFor();
  acked.requests.add(name);
}

async function approveOne(page: Page, stored: StoredDocuments): Promise<void> {
  const lettered = new Set((stored.letters ?? []).map((l) => l.requestId));
  const open = (stored.requests ?? []).find(
    (r) => r.type === 'request' && r.status === 'received' && !lettered.has(r.id),
  );
  if (!open) return;
  await menu(page, 'Layanan Surat').click();
  const row = page
    .getByTestId('today-list')
    .getByRole('row', { name: new RegExp(String(open.residentName)) });
  await row.getByRole('button', { name: 'Buka' }).click();
  const detail = page.getByTestId('request-detail');
  // Each tick is saved before the box shows it.
  for (const box of await detail.getByRole('checkbox').all()) {
    if (await box.isChecked()) continue;
    await box.click();
    await expect.poll(() => box.isChecked()).toBe(true);
  }
  await detail.getByRole('button', { name: 'Berkas lengkap' }).click();
  await detail.getByRole('button', { name: 'Setujui' }).click();
  await detail.getByTestId('letter-number').waitFor();
  acked.letters.add(String(open.id));
}

async function postEntry(page: Page): Promise<void> {
  const voucher = `BKU-${String(++serial).padStart(3, '0')}`;
  await menu(page, 'Buku Kas').click();
  const form = page.getByRole('form', { name: 'Entri buku kas' });
  const officer = page.getByLabel('Petugas pencatat');
  if (await officer.count()) await officer.fill('Bu Bendahara');
  const line = await form
    .locator('option', { hasText: 'Siltap Kepala Desa' })
    .getAttribute('value');
  await form.getByLabel('Baris anggaran').selectOption(line!);
  await form.getByLabel('Jumlah (Rp)').fill('10000');
  await form.getByLabel('Nomor bukti').fill(voucher);
  await form.getByLabel('Penerima / penyetor').fill('Kepala Desa');
  await form.getByRole('button', { name: 'Catat' }).click();
  await page.getByTestId('ledger-entries').getByText(voucher, { exact: true }).waitFor();
  acked.ledger.add(voucher);
}

async function adoptBudget(): Promise<void> {
  const browser = await start('sekretaris');
  let page = browser.page;
  await menu(page, 'Anggaran (APBDes)').click();
  const line = page.getByRole('form', { name: 'Baris anggaran baru' });
  for (const [account, kegiatan, description, amount] of [
    ['4.2.1', '', 'Dana Desa', '500000000'],
    ['5.1.1', '01.01.01.', 'Siltap Kepala Desa', '36000000'],
  ] as const) {
    await line.getByLabel('Rekening').selectOption(account);
    if (kegiatan) await line.getByLabel('Kegiatan').selectOption(kegiatan);
    await line.getByLabel('Sumber dana').selectOption('DDS');
    await line.getByLabel('Uraian').fill(description);
    await line.getByLabel('Jumlah (Rp)').fill(amount);
    await line.getByRole('button', { name: 'Tambah baris' }).click();
    await page.getByTestId('budget-lines').getByText(description, { exact: true }).waitFor();
  }
  await browser.kill();
  const head = await start('kepala-desa');
  page = head.page;
  await menu(page, 'Anggaran (APBDes)').click();
  await adoptBudgetOnScreen(page);
  await expect.poll(() => page.getByTestId('budget-stage').textContent()).toContain('Ditetapkan');
  await head.kill();
  // Cash in the book, so the day's payments have money to come from.
  const treasurer = await start('bendahara');
  await menu(treasurer.page, 'Buku Kas').click();
  await receiveCashOnScreen(treasurer.page, {
    line: 'Dana Desa',
    amount: '10000000',
    voucher: 'TBP-001',
  });
  await treasurer.kill();
}

const ackCount = () => acked.requests.size + acked.letters.size + acked.ledger.size;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Each acknowledged document exactly once among `docs`, and no document of the day twice. */
function checkAcknowledged(docs: Record<string, unknown>[], where: string): void {
  const keys = docs.flatMap((d) =>
    d.type === 'request'
      ? [`request ${String(d.residentName)}`]
      : d.type === 'letter'
        ? [`letter for ${String(d.requestId)}`]
        : d.type === 'ledger'
          ? [`ledger ${String(d.evidenceNumber)}`]
          : [],
  );
  expect(keys.length, `${where} duplicates`).toBe(new Set(keys).size);
  const count = (pred: (d: Record<string, unknown>) => boolean) => docs.filter(pred).length;
  for (const name of acked.requests) {
    expect(
      count((d) => d.type === 'request' && d.residentName === name),
      `${where} ${name}`,
    ).toBe(1);
  }
  for (const requestId of acked.letters) {
    expect(
      count((d) => d.type === 'letter' && d.requestId === requestId),
      `${where} letter`,
    ).toBe(1);
  }
  for (const voucher of acked.ledger) {
    expect(
      count((d) => d.type === 'ledger' && d.evidenceNumber === voucher),
      `${where} ${voucher}`,
    ).toBe(1);
  }
}

describe.skipIf(!chromiumAvailable())('twenty forced kills during a busy day', () => {
  it('loses no acknowledged document and duplicates none, locally and at the hub', async () => {
    await adoptBudget();
    const started = Date.now();
    let killedBeforeAck = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const role: StaffRole = round % 3 === 0 ? 'bendahara' : 'sekretaris';
      const browser = await start(role);
      const { page } = browser;
      checkAcknowledged(Object.values(await readStoredDocuments(page)).flat(), `round ${round}:`);
      // Work until the kill lands: after an acknowledged save, at a random moment of the
      // next step (mid-write, mid-sync, mid-approval), so every round leaves work to check.
      const before = ackCount();
      const target = before + 1;
      let killed = false;
      const work = (async () => {
        while (!killed) {
          if (role === 'bendahara') await postEntry(page);
          else if (round % 3 === 2) await approveOne(page, await readStoredDocuments(page));
          else await walkIn(page);
          if (role === 'sekretaris' && round % 3 === 2) await walkIn(page);
        }
      })().catch((error: unknown) => {
        // The kill interrupts whatever step was running; anything else is a real failure.
        if (!killed) throw error;
      });
      const roundStart = Date.now();
      while (ackCount() < target && Date.now() - roundStart < 8_000) await sleep(25);
      await Promise.race([sleep(Math.floor(Math.random() * 500)), work]);
      killed = true;
      const acksBeforeKill = ackCount();
      if (round % 5 === 0) {
        await Promise.all([browser.kill(), host().kill()]);
        kiosk = null;
        hostKills++;
      } else {
        await browser.kill();
      }
      await work;
      // A kill that lands before the step's acknowledgement: that step's document may or may not
      // exist, but never twice (checked at the next start).
      if (ackCount() === acksBeforeKill) killedBeforeAck++;
    }
    const elapsed = Date.now() - started;

    // After the last restart: everything local, then everything at the hub, exactly once.
    const last = await start('sekretaris');
    checkAcknowledged(Object.values(await readStoredDocuments(last.page)).flat(), 'final:');
    const admin = { username: server.admin.username, password: server.admin.password };
    await expect
      .poll(
        async () => {
          const all = await couchCall<{ rows: { doc: Record<string, unknown> }[] }>(
            server,
            admin,
            'GET',
            `${villageDbName(villageCode)}/_all_docs?include_docs=true`,
          );
          const docs = all.body.rows.map((r) => r.doc);
          try {
            checkAcknowledged(docs, 'hub:');
            return true;
          } catch {
            return false;
          }
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(true);
    const hub = await couchCall<{ rows: { doc: Record<string, unknown> }[] }>(
      server,
      admin,
      'GET',
      `${villageDbName(villageCode)}/_all_docs?include_docs=true`,
    );
    checkAcknowledged(
      hub.body.rows.map((r) => r.doc),
      'hub:',
    );
    await last.kill();
    console.log(
      `forced kills: ${ROUNDS} rounds (${hostKills} with the host) in ${(elapsed / 1000).toFixed(1)} s; acknowledged ` +
        `${acked.requests.size} requests, ${acked.letters.size} letters, ${acked.ledger.size} ledger entries; ` +
        `${killedBeforeAck} kills mid-step`,
    );
    expect(acked.requests.size).toBeGreaterThan(0);
    expect(acked.letters.size).toBeGreaterThan(0);
    expect(acked.ledger.size).toBeGreaterThan(0);
  }, 360_000);
});
