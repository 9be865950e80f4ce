// The kiosk as staff meet it in an end-to-end test: the browser kiosk serving the built renderer
// (dist/renderer) on a fixed loopback port, opened in Debian's Chromium with a profile of its
// own. The kiosk's data lives in that origin's IndexedDB, so a restart reuses port and profile.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { startBrowserKiosk, type RunningKiosk } from '../../electron/host/browser-kiosk';
import { STAFF_ROLE_LABELS, type StaffRole } from '../../shared/staff/roles';
import { launchKioskBrowser } from './chromium';
import { freePort } from './ports';

export interface KioskInBrowserOptions {
  villageCode: string;
  kioskId?: string;
  /** The regency's root URL; by default a loopback port nobody listens on (the kiosk is offline). */
  regencyUrl?: string;
  password?: string;
  /** Further BALAI_* variables for the kiosk host (e.g. BALAI_LETTER_KEY). */
  env?: Record<string, string>;
  /** The office's staff, set up through the host's API (the first administrator by the setup). */
  staff?: StaffSeed[];
  /** Who is signed in when the page opens: a role or a name; 'operator' unless said. */
  signInAs?: string;
  /** False leaves the kiosk unset, at the first-run wizard, for the test to go through. */
  setUp?: boolean;
}

export interface StaffSeed {
  name: string;
  role: StaffRole;
  pin: string;
}

/** One staff member per role, each with a PIN of their own. */
export const DEFAULT_STAFF: readonly StaffSeed[] = [
  { name: 'Admin Desa', role: 'administrator', pin: '111111' },
  { name: 'Siti Operator', role: 'operator', pin: '222222' },
  { name: 'Bu Bendahara', role: 'bendahara', pin: '333333' },
  { name: 'Pak Sekdes', role: 'sekretaris', pin: '444444' },
  { name: 'Hj. Sulastri', role: 'kepala-desa', pin: '555555' },
];

/** A running browser kiosk as a test reaches it: its origin, and a new one-time launch URL. */
export interface LaunchableKiosk {
  url: string;
  launchUrl(): string | Promise<string>;
}

/**
 * Opens a launch URL once, as the launched window does, and returns the window's cookie
 * (`name=value`): what a test sends to reach the bridge or the proxy from Node.
 */
export async function launchedWindowCookie(kiosk: LaunchableKiosk): Promise<string> {
  const res = await fetch(await kiosk.launchUrl(), { redirect: 'manual' });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (res.status !== 303 || !cookie) throw new Error(`The launch URL answered ${res.status}.`);
  return cookie;
}

/** One bridge call from Node with the given cookies (the launched window's, a session's). */
export async function callHost(url: string, channel: string, payload: unknown, cookie: string) {
  const send = () =>
    fetch(new URL(`api/${channel}`, url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) },
      body: JSON.stringify(payload),
    });
  // After a restart on the same port, fetch may first pick the kept-alive socket of the host that
  // was closed; that request never reached the new host, so it is sent again once.
  const res = await send().catch((error: unknown) => {
    if ((error as { cause?: { code?: string } }).cause?.code !== 'UND_ERR_SOCKET') throw error;
    return send();
  });
  if (!res.ok) throw new Error(`${channel}: ${res.status} ${await res.text()}`);
  return { body: (await res.json()) as unknown, cookie: res.headers.get('set-cookie') };
}

/**
 * Sets the kiosk up as its first run would, through the host's bridge: the first administrator
 * of `staff` by `staff:setup`, the others added by that administrator. Skipped when done already.
 */
export async function setUpStaff(
  kiosk: LaunchableKiosk,
  place: { villageCode: string; kioskId: string; villageName?: string },
  staff: readonly StaffSeed[] = DEFAULT_STAFF,
): Promise<void> {
  const kioskUrl = kiosk.url;
  const window = await launchedWindowCookie(kiosk);
  const status = (await callHost(kioskUrl, 'staff:setup-status', null, window)).body as {
    needed: boolean;
  };
  if (!status.needed) return;
  const admin = staff.find((s) => s.role === 'administrator');
  if (!admin) throw new Error('The staff to set up must include an administrator.');
  const setup = await callHost(
    kioskUrl,
    'staff:setup',
    {
      villageCode: place.villageCode,
      kioskId: place.kioskId,
      villageName: place.villageName ?? 'Sukamaju',
      admin: { name: admin.name, secret: admin.pin },
      regency: null,
    },
    window,
  );
  const cookie = `${window}; ${setup.cookie?.split(';')[0] ?? ''}`;
  for (const s of staff) {
    if (s === admin) continue;
    await callHost(kioskUrl, 'staff:add', { name: s.name, role: s.role, secret: s.pin }, cookie);
  }
  await callHost(kioskUrl, 'staff:logout', null, cookie);
}

/** Signs `who` (a role or a name) in on the kiosk's page with the keyboard, as staff would. */
export async function signInOnPage(
  page: Page,
  who: string,
  staff: readonly StaffSeed[] = DEFAULT_STAFF,
): Promise<StaffSeed> {
  const seed = staff.find((s) => s.name === who) ?? staff.find((s) => s.role === who);
  if (!seed) throw new Error(`No staff member "${who}" in this office.`);
  const signedIn = page.getByTestId('signed-in');
  if (await signedIn.isVisible()) {
    if ((await signedIn.textContent())?.startsWith(seed.name)) return seed;
    await page.getByRole('button', { name: 'Keluar', exact: true }).click();
  }
  const form = page.getByRole('form', { name: 'Masuk' });
  await form
    .getByLabel('Nama petugas')
    .selectOption({ label: `${seed.name} — ${STAFF_ROLE_LABELS[seed.role]}` });
  await form.getByLabel('PIN atau kata sandi').fill(seed.pin);
  await form.getByLabel('PIN atau kata sandi').press('Enter');
  await signedIn.filter({ hasText: seed.name }).waitFor();
  return seed;
}

export interface KioskInBrowser {
  page: Page;
  /** Signs out whoever is signed in and signs `who` (a role or a name) in. */
  signIn(who: string): Promise<StaffSeed>;
  /** Closes browser and kiosk, keeping their data, and opens them again on the same origin. */
  restart(): Promise<Page>;
  /** Closes everything and removes the kiosk's data. */
  close(): Promise<void>;
  /** A one-time launch URL for a window in resident mode (the anjungan mandiri). */
  anjunganLaunchUrl(): string;
}

export async function openKioskInBrowser(options: KioskInBrowserOptions): Promise<KioskInBrowser> {
  const work = await mkdtemp(join(tmpdir(), 'balai-e2e-'));
  const port = await freePort();
  const kioskId = options.kioskId ?? 'k1';
  const regencyUrl = options.regencyUrl ?? `http://127.0.0.1:${await freePort()}/`;
  let kiosk: RunningKiosk | null = null;
  let browser: BrowserContext | null = null;
  const staff = options.staff ?? DEFAULT_STAFF;
  let who = options.signInAs ?? 'operator';

  async function open(): Promise<Page> {
    kiosk = await startBrowserKiosk({
      port,
      dataDir: join(work, 'kiosk'),
      rendererDir: join(process.cwd(), 'dist/renderer'),
      env: {
        BALAI_VILLAGE_CODE: options.villageCode,
        BALAI_KIOSK_ID: kioskId,
        BALAI_REGENCY_URL: regencyUrl,
        BALAI_REGENCY_USER: `kiosk-${options.villageCode}-${kioskId}`,
        BALAI_REGENCY_PASSWORD: options.password ?? 'tidak-ada',
        ...options.env,
      },
    });
    if (options.setUp !== false) {
      await setUpStaff(kiosk, { villageCode: options.villageCode, kioskId }, staff);
    }
    browser = await launchKioskBrowser(join(work, 'chromium-profile'));
    const page = browser.pages()[0] ?? (await browser.newPage());
    page.on('pageerror', (err) => console.error('page error:', err.message));
    // Through a launch URL, as `npm start` opens it: only that window may use the bridge.
    await page.goto(kiosk.launchUrl());
    if (options.setUp !== false) await signInOnPage(page, who, staff);
    return page;
  }

  async function stop() {
    await browser?.close();
    await kiosk?.close();
    browser = null;
    kiosk = null;
  }

  const handle: KioskInBrowser = {
    page: await open(),
    async signIn(next) {
      const seed = await signInOnPage(handle.page, next, staff);
      // A restart signs the same person in again.
      who = seed.name;
      return seed;
    },
    async restart() {
      await stop();
      handle.page = await open();
      return handle.page;
    },
    async close() {
      await stop();
      await rm(work, { recursive: true, force: true });
    },
    anjunganLaunchUrl() {
      if (!kiosk) throw new Error('The kiosk is not running.');
      return kiosk.anjunganLaunchUrl();
    },
  };
  return handle;
}
