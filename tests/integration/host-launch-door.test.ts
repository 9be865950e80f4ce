// The browser kiosk's front door (decision 0013): a local process that did not launch the window —
// what `curl http://127.0.0.1:5174/regency/` would be — gets 401 from the bridge and the regency
// proxy, and reaches neither the regency nor the kiosk's configuration. The window the host
// launched (Chromium, opened at the one-time launch URL) uses both, and keeps syncing while no
// staff member is signed in.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserKiosk, type RunningKiosk } from '../../electron/host/browser-kiosk';
import { chromiumAvailable, CHROMIUM_PATH, launchKioskBrowser } from '../support/chromium';
import { launchedWindowCookie, setUpStaff } from '../support/kiosk-in-browser';
import { rawRequest, startFakeRegency, writeRenderer, type FakeRegency } from './host-fixtures';

const VILLAGE = '3510172001';
const attacker = {
  url: 'http://127.0.0.2:5984/',
  username: 'pencuri',
  password: 'rahasia-pencuri',
};

let work: string;
let regency: FakeRegency;
let kiosk: RunningKiosk;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'balai-door-'));
  writeRenderer(join(work, 'renderer'));
  regency = await startFakeRegency();
  kiosk = await startBrowserKiosk({
    port: 0,
    dataDir: join(work, 'data'),
    rendererDir: join(work, 'renderer'),
    env: {
      BALAI_VILLAGE_CODE: VILLAGE,
      BALAI_KIOSK_ID: 'k1',
      BALAI_HUB_DATA: join(work, 'no-hub'),
      BALAI_REGENCY_URL: regency.url,
      BALAI_REGENCY_USER: `kiosk-${VILLAGE}-k1`,
      BALAI_REGENCY_PASSWORD: 'rahasia-kiosk',
    },
  });
  await setUpStaff(kiosk, { villageCode: VILLAGE, kioskId: 'k1' });
});

afterAll(async () => {
  await kiosk?.close();
  await regency?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('a local process that did not launch the window', () => {
  it('gets 401 from the regency proxy and the bridge, like curl would', async () => {
    const proxied = await fetch(`${kiosk.url}regency/`);
    expect(proxied.status).toBe(401);
    expect(await proxied.json()).toMatchObject({ error: 'window_not_launched' });
    const changes = await fetch(`${kiosk.url}regency/_changes?since=0`, {
      headers: { cookie: 'balai_window=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
    });
    expect(changes.status).toBe(401);
    expect(regency.seen).toEqual([]);

    const setRegency = await fetch(`${kiosk.url}api/kiosk:set-regency`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(attacker),
    });
    expect(setRegency.status).toBe(401);
    expect(((await setRegency.json()) as { error: string }).error).toMatch(
      /tidak berasal dari jendela yang dibuka oleh kios Balai/,
    );
    for (const channel of ['kiosk:get-config', 'backup:local-key', 'staff:names']) {
      const answer = await fetch(`${kiosk.url}api/${channel}`, { method: 'POST', body: 'null' });
      expect(answer.status, channel).toBe(401);
    }
  });

  it('cannot use a launch URL a second time', async () => {
    const launch = kiosk.launchUrl();
    const first = await fetch(launch, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    expect(first.headers.get('set-cookie')).toMatch(
      /^balai_window=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict$/,
    );
    const again = await fetch(launch, { redirect: 'manual' });
    expect(again.status).toBe(401);
    expect(again.headers.get('set-cookie')).toBeNull();
    const guessed = await rawRequest(kiosk.url, '/launch?token=tebakan');
    expect(guessed.status).toBe(401);
  });
});

describe.skipIf(!chromiumAvailable())('the window the host launched', () => {
  if (!chromiumAvailable())
    console.warn(`Skipping the launched window: no Chromium at ${CHROMIUM_PATH}.`);

  it('syncs with nobody signed in, and sets the regency once its administrator signs in', async () => {
    const browser = await launchKioskBrowser(join(work, 'profile'));
    try {
      const page = browser.pages()[0] ?? (await browser.newPage());
      await page.goto(kiosk.launchUrl());
      // The token is gone from the address bar, and the key from the page's reach.
      expect(page.url()).toBe(kiosk.url);
      expect(await page.evaluate(() => document.cookie)).not.toContain('balai_window');

      const call = (path: string, body?: unknown) =>
        page.evaluate(
          async ([p, b]) => {
            const res = await fetch(p as string, {
              method: b === undefined ? 'GET' : 'POST',
              headers: { 'content-type': 'application/json' },
              body: b === undefined ? undefined : JSON.stringify(b),
            });
            return { status: res.status, body: (await res.json()) as unknown };
          },
          [path, body] as const,
        );

      // Locked kiosk (no staff session): sync through the proxy goes on.
      expect(await call('/api/staff:whoami', null)).toEqual({ status: 200, body: null });
      expect(await call('/regency/_changes?since=0')).toMatchObject({
        status: 200,
        body: { ok: true, url: `/desa_${VILLAGE}/_changes?since=0` },
      });
      expect(regency.seen.at(-1)?.headers.authorization).toBe(
        `Basic ${Buffer.from(`kiosk-${VILLAGE}-k1:rahasia-kiosk`).toString('base64')}`,
      );
      // The window alone is not enough for configuration: that is the administrator's.
      expect(await call('/api/kiosk:set-regency', attacker)).toMatchObject({ status: 401 });

      const names = (await call('/api/staff:names', null)).body as { id: string; role: string }[];
      const admin = names.find((s) => s.role === 'administrator')!;
      expect(await call('/api/staff:login', { staffId: admin.id, secret: '111111' })).toMatchObject(
        { status: 200 },
      );
      // BALAI_REGENCY_URL fixes the regency here, so the host refuses with 409 — after the door.
      expect(await call('/api/kiosk:set-regency', attacker)).toMatchObject({
        status: 409,
        body: { error: expect.stringContaining('BALAI_REGENCY_URL') },
      });
      expect(await call('/api/kiosk:get-config', null)).toMatchObject({ status: 200 });
    } finally {
      await browser.close();
    }
  });

  it('admits a test that opened a launch URL itself, the way the launched window does', async () => {
    const cookie = await launchedWindowCookie(kiosk);
    const answer = await fetch(`${kiosk.url}regency/`, { headers: { cookie } });
    expect(answer.status).toBe(200);
  });
});
