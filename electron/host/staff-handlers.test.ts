import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { generateVillageKey, sha256Base64Url } from '../../shared/letters/signing';
import { verifyLetter } from '../../shared/letters/verify';
import { createBridgeHandlers, invokeBridge } from './bridge-handlers';
import { ConfigStore, plainSecretCodec } from './config-store';
import { CookieSessions } from './staff-session';

const VILLAGE = '3510172001';

function kiosk(env: Record<string, string> = {}) {
  const root = mkdtempSync(join(tmpdir(), 'balai-staff-bridge-'));
  const store = new ConfigStore({
    dataDir: join(root, 'data'),
    env,
    defaultHubDir: join(root, 'hub'),
    codec: plainSecretCodec,
    warn: () => undefined,
  });
  const handlers = createBridgeHandlers(store, 'browser');
  const sessions = new CookieSessions();
  /** A caller that keeps its cookie like a browser tab does. */
  const browser = (cookie = '') => {
    const call = async (channel: string, payload: unknown = null) => {
      const { slot, setCookie } = sessions.slot(cookie);
      const out = await invokeBridge(handlers, channel, payload, slot);
      const set = setCookie();
      if (set) cookie = set.split(';')[0]!;
      return out;
    };
    return Object.assign(call, { cookie: () => cookie });
  };
  return { store, browser };
}

const setup = {
  villageCode: VILLAGE,
  kioskId: 'k1',
  villageName: 'Sumberrejo',
  admin: { name: 'Admin Desa', secret: '112233' },
  regency: { url: 'http://127.0.0.1:5984/', username: 'kiosk-k1', password: 'rahasia' },
};

// Every account is a real scrypt hash (N=2^15): an office of five takes seconds on a busy CPU.
vi.setConfig({ testTimeout: 30_000 });

async function setUpOffice(env: Record<string, string> = {}) {
  const k = kiosk(env);
  const admin = k.browser();
  expect(await admin('staff:setup', setup)).toMatchObject({ ok: true });
  const ids: Record<string, string> = {};
  for (const [name, role] of [
    ['Siti Operator', 'operator'],
    ['Bu Bendahara', 'bendahara'],
    ['Pak Sekdes', 'sekretaris'],
    ['Hj. Sulastri', 'kepala-desa'],
  ] as const) {
    const added = await admin('staff:add', { name, role, secret: '246810' });
    ids[role] = (added as { value: { id: string } }).value.id;
  }
  const signedInAs = async (role: string) => {
    const b = k.browser();
    expect(await b('staff:login', { staffId: ids[role], secret: '246810' })).toMatchObject({
      ok: true,
    });
    return b;
  };
  return { ...k, admin, ids, signedInAs };
}

describe('first-run setup', () => {
  it('saves the place and the regency, creates the first administrator and signs them in, once', async () => {
    const { store, browser } = kiosk();
    const b = browser();
    expect(await b('staff:setup-status')).toMatchObject({ ok: true, value: { needed: true } });
    const out = await b('staff:setup', setup);
    expect(out).toMatchObject({ ok: true, value: { name: 'Admin Desa', role: 'administrator' } });
    expect(store.settings()).toMatchObject({ villageCode: VILLAGE, regencySource: 'saved' });
    expect(await b('staff:whoami')).toMatchObject({ value: { name: 'Admin Desa' } });
    expect(await b('staff:setup-status')).toMatchObject({
      value: { needed: false, villageName: 'Sumberrejo', autoLockMinutes: 5 },
    });
    // A second run of the wizard, from anyone, is refused and changes nothing.
    const again = await browser()('staff:setup', {
      ...setup,
      admin: { name: 'Orang Lain', secret: '999999' },
    });
    expect(again).toMatchObject({ ok: false, status: 409 });
  });

  it('refuses malformed payloads, short PINs and a place other than the environment fixes', async () => {
    const { browser, store } = kiosk({ BALAI_VILLAGE_CODE: VILLAGE, BALAI_KIOSK_ID: 'k1' });
    const b = browser();
    expect(await b('staff:setup', { ...setup, admin: { name: 'A', secret: '123' } })).toMatchObject(
      { ok: false, status: 400 },
    );
    expect(await b('staff:setup', 'admin')).toMatchObject({ ok: false, status: 400 });
    expect(await b('staff:setup', { ...setup, kioskId: 'k2' })).toMatchObject({
      ok: false,
      status: 409,
    });
    // Nothing was written by the refusals.
    expect(store.settings().regency).toBeNull();
    expect(await b('staff:setup-status')).toMatchObject({ value: { needed: true } });
  });
});

describe('sign-in and sessions', () => {
  it('signs in with the right PIN only, and out again', async () => {
    const { browser, ids } = await setUpOffice();
    const b = browser();
    expect(await b('staff:login', { staffId: ids.operator, secret: '000000' })).toMatchObject({
      ok: false,
      status: 401,
    });
    expect(await b('staff:whoami')).toMatchObject({ ok: true, value: null });
    expect(await b('staff:login', { staffId: ids.operator, secret: '246810' })).toMatchObject({
      ok: true,
      value: { role: 'operator' },
    });
    expect(await b('staff:whoami')).toMatchObject({ value: { name: 'Siti Operator' } });
    await b('staff:logout');
    expect(await b('staff:whoami')).toMatchObject({ value: null });
  });

  it('gives a foreign or forged cookie no session, and a new token at every sign-in', async () => {
    const { browser, signedInAs } = await setUpOffice();
    const forged = browser('balai_staff=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(await forged('staff:whoami')).toMatchObject({ value: null });
    expect(await forged('staff:list')).toMatchObject({ ok: false, status: 401 });
    const kades = await signedInAs('kepala-desa');
    const stolen = kades.cookie();
    await kades('staff:logout');
    expect(await browser(stolen)('staff:whoami')).toMatchObject({ value: null });
  });

  it('ends the session of an account the administrator disables', async () => {
    const { admin, ids, signedInAs } = await setUpOffice();
    const op = await signedInAs('operator');
    await admin('staff:set-disabled', { staffId: ids.operator, disabled: true });
    expect(await op('staff:whoami')).toMatchObject({ value: null });
    expect(await op('staff:login', { staffId: ids.operator, secret: '246810' })).toMatchObject({
      ok: false,
      status: 401,
    });
  });
});

describe('a session the host has not heard from', () => {
  it('ends a minute after the auto-lock, and is kept alive by use', async () => {
    const root = mkdtempSync(join(tmpdir(), 'balai-staff-idle-'));
    const store = new ConfigStore({
      dataDir: join(root, 'data'),
      env: { BALAI_VILLAGE_CODE: VILLAGE, BALAI_KIOSK_ID: 'k1' },
      defaultHubDir: join(root, 'hub'),
      codec: plainSecretCodec,
      warn: () => undefined,
    });
    const handlers = createBridgeHandlers(store, 'browser');
    let now = Date.parse('2026-11-29T08:00:00Z');
    const sessions = new CookieSessions(() => now);
    let cookie = '';
    const call = async (channel: string, payload: unknown = null) => {
      const { slot, setCookie } = sessions.slot(cookie);
      const out = await invokeBridge(handlers, channel, payload, slot);
      cookie = setCookie()?.split(';')[0] ?? cookie;
      return out;
    };
    await call('staff:setup', { ...setup, regency: null });
    // Default auto-lock 5 min: used every 5½ minutes, the session lives on.
    for (let i = 0; i < 3; i++) {
      now += 5.5 * 60_000;
      expect(await call('staff:whoami')).toMatchObject({ value: { name: 'Admin Desa' } });
    }
    now += 6 * 60_000 + 1;
    expect(await call('staff:list')).toMatchObject({ ok: false, status: 401 });
    expect(cookie).toBe('balai_staff=');
    expect(await call('staff:whoami')).toMatchObject({ value: null });
  });
});

describe('staff management is for the administrator, as the host sees them', () => {
  const calls = (target: string) =>
    [
      ['staff:list', null],
      ['staff:add', { name: 'Orang Baru', role: 'administrator', secret: '999999' }],
      ['staff:set-disabled', { staffId: target, disabled: true }],
      ['staff:reset-secret', { staffId: target, secret: '999999' }],
      ['staff:set-auto-lock', { minutes: 1 }],
    ] as const;

  it('refuses every management call with no session (401) and for every other role (403)', async () => {
    const { browser, ids, signedInAs } = await setUpOffice();
    const nobody = browser();
    for (const [channel, payload] of calls(ids.operator!)) {
      expect(await nobody(channel, payload)).toMatchObject({ ok: false, status: 401 });
    }
    for (const role of ['operator', 'bendahara', 'sekretaris', 'kepala-desa']) {
      const b = await signedInAs(role);
      for (const [channel, payload] of calls(ids.operator!)) {
        const out = await b(channel, payload);
        expect(out, `${role} ${channel}`).toMatchObject({ ok: false, status: 403 });
        expect((out as { error: string }).error).toMatch(/Hanya Administrator kios/);
      }
    }
    // And nothing changed: the operator can still sign in with the old PIN.
    await signedInAs('operator');
  });

  it('lets the administrator add, reset, disable and set the auto-lock', async () => {
    const { admin, browser, ids } = await setUpOffice();
    expect(
      await admin('staff:reset-secret', { staffId: ids.operator, secret: 'kata-sandi-baru' }),
    ).toMatchObject({ ok: true });
    expect(
      await browser()('staff:login', { staffId: ids.operator, secret: 'kata-sandi-baru' }),
    ).toMatchObject({ ok: true });
    expect(await admin('staff:set-auto-lock', { minutes: 0 })).toMatchObject({ status: 400 });
    expect(await admin('staff:set-auto-lock', { minutes: 10 })).toMatchObject({
      value: { autoLockMinutes: 10 },
    });
    const list = (await admin('staff:list')) as { value: { name: string }[] };
    expect(list.value.map((s) => s.name)).toHaveLength(5);
    expect(JSON.stringify(list.value)).not.toMatch(/scrypt|salt|hash/);
  });
});

describe('letters:sign', () => {
  const claims = async () => ({
    number: '470/001-K1/35.10.17.2001/XI/2026',
    issuedOn: '2026-11-28',
    letterType: 'domisili',
    subjectNik: '3510171708450001',
    subjectName: 'Budi Santoso',
    signerName: 'Nama Karangan Renderer',
    signerPosition: 'Kepala Desa',
    textHash: await sha256Base64Url('isi surat'),
  });

  it('signs only for a signed-in sekretaris or kepala desa, under the name the host knows', async () => {
    const key = await generateVillageKey('2026-1');
    const { admin, browser, signedInAs } = await setUpOffice({
      BALAI_VILLAGE_CODE: VILLAGE,
      BALAI_LETTER_KEY: `${key.keyId}:${key.privateKey}`,
    });
    expect(await browser()('letters:sign', await claims())).toMatchObject({
      ok: false,
      status: 401,
    });
    for (const [role, b] of [
      ['operator', await signedInAs('operator')],
      ['bendahara', await signedInAs('bendahara')],
      ['administrator', admin],
    ] as const) {
      expect(await b('letters:sign', await claims()), role).toMatchObject({
        ok: false,
        status: 403,
      });
    }
    for (const [role, name] of [
      ['sekretaris', 'Pak Sekdes'],
      ['kepala-desa', 'Hj. Sulastri'],
    ] as const) {
      const out = await (await signedInAs(role))('letters:sign', await claims());
      expect(out, role).toMatchObject({ ok: true });
      const { payload } = (out as { value: { payload: string } }).value;
      const v = await verifyLetter(payload, { [VILLAGE]: { [key.keyId]: key.publicKey } });
      expect(v).toMatchObject({ verdict: 'valid', claims: { signerName: name } });
    }
  });
});
