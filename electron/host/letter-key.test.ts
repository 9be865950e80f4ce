// Where the host's letter key comes from: BALAI_LETTER_KEY over the key the setup handed over
// (sealed in config.json by the shell's codec) over the hub's connection file; a key provisioned
// for another village or kiosk is never used; a bad key is refused before anything is saved.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateVillageKey } from '../../shared/letters/signing';
import { createBridgeHandlers, invokeBridge } from './bridge-handlers';
import { ConfigStore, hubConnectionFile, type SecretCodec } from './config-store';
import { CookieSessions } from './staff-session';

const VILLAGE = '3510172001';
/** A codec whose sealed text is visibly not the secret, as safeStorage's is not. */
const reversing: SecretCodec = {
  scheme: 'test-reverse',
  seal: (s) => [...s].reverse().join(''),
  open: (s) => [...s].reverse().join(''),
};
const connection = { url: 'http://127.0.0.1:5984/', username: 'kiosk-k1', password: 'rahasia' };

function kiosk(env: Record<string, string> = {}, codec = reversing) {
  const root = mkdtempSync(join(tmpdir(), 'balai-letter-key-'));
  const hubDir = join(root, 'hub');
  const open = () =>
    new ConfigStore({
      dataDir: join(root, 'data'),
      env: { BALAI_VILLAGE_CODE: VILLAGE, BALAI_KIOSK_ID: 'k1', ...env },
      defaultHubDir: hubDir,
      codec,
      warn: () => undefined,
    });
  const store = open();
  const bridge = createBridgeHandlers(store, 'browser');
  /** The regency setting is the administrator's: set up the kiosk, signed in as its first one. */
  const asAdministrator = async () => {
    const { slot } = new CookieSessions().slot(undefined);
    const setup = { ...SETUP, regency: null };
    expect(await invokeBridge(bridge, 'staff:setup', setup, slot)).toMatchObject({ ok: true });
    return (channel: string, payload: unknown) => invokeBridge(bridge, channel, payload, slot);
  };
  return { store, open, hubDir, bridge, asAdministrator };
}

const SETUP = {
  villageCode: VILLAGE,
  kioskId: 'k1',
  villageName: 'Sumberrejo',
  admin: { name: 'Admin Desa', secret: '112233' },
};

function writeHubFile(hubDir: string, village: string, kioskId: string, letterKey: unknown) {
  mkdirSync(hubDir, { recursive: true });
  writeFileSync(
    hubConnectionFile(hubDir, village as never, kioskId),
    JSON.stringify({ ...connection, villageCode: village, kioskId, letterKey }),
  );
}

describe('the kiosk letter key', () => {
  it('comes sealed from the setup, survives a restart, and never lies in config.json in clear', async () => {
    const key = await generateVillageKey('k1-1');
    const { store, open, asAdministrator } = kiosk();
    const admin = await asAdministrator();
    expect(store.letterKey()).toBeNull();
    const letterKey = { keyId: key.keyId, privateKey: key.privateKey };
    expect(await admin('kiosk:set-regency', { ...connection, letterKey })).toMatchObject({
      ok: true,
    });
    expect(store.letterKey()).toEqual(letterKey);
    expect(open().letterKey()).toEqual(letterKey);
    const file = readFileSync(store.file, 'utf8');
    expect(file).not.toContain(key.privateKey);
    expect(JSON.parse(file).letterKey).toMatchObject({
      villageCode: VILLAGE,
      kioskId: 'k1',
      keyId: 'k1-1',
      privateKey: { scheme: 'test-reverse' },
    });
    // A later connection without a key keeps the key.
    await admin('kiosk:set-regency', { ...connection, password: 'baru' });
    expect(open().letterKey()).toEqual(letterKey);
  });

  it('comes with the regency connection of the first-run setup too', async () => {
    const key = await generateVillageKey('k1-1');
    const letterKey = { keyId: key.keyId, privateKey: key.privateKey };
    const { store, bridge } = kiosk({});
    const setup = { ...SETUP, regency: { ...connection, letterKey } };
    const { slot } = new CookieSessions().slot(undefined);
    expect(await invokeBridge(bridge, 'staff:setup', setup, slot)).toMatchObject({ ok: true });
    expect(store.letterKey()).toEqual(letterKey);
  });

  it('is taken from the hub connection file only for this village and kiosk', async () => {
    const key = await generateVillageKey('k1-1');
    const letterKey = { keyId: key.keyId, privateKey: key.privateKey };
    const other = kiosk();
    writeHubFile(other.hubDir, VILLAGE, 'k2', letterKey);
    expect(other.store.letterKey()).toBeNull();
    const mine = kiosk();
    writeHubFile(mine.hubDir, VILLAGE, 'k1', letterKey);
    expect(mine.store.letterKey()).toEqual(letterKey);
  });

  it('lets BALAI_LETTER_KEY win over the saved key, and refuses a malformed one at start', async () => {
    const saved = await generateVillageKey('k1-1');
    const env = await generateVillageKey('override-1');
    const { store } = kiosk({ BALAI_LETTER_KEY: `${env.keyId}:${env.privateKey}` });
    store.saveRegency({
      ...connection,
      letterKey: { keyId: saved.keyId, privateKey: saved.privateKey },
    });
    expect(store.letterKey()).toEqual({ keyId: env.keyId, privateKey: env.privateKey });
    expect(() => kiosk({ BALAI_LETTER_KEY: 'tanpa-titik-dua' })).toThrow(
      'BALAI_LETTER_KEY must be <key id>:<Ed25519 PKCS#8, base64url>.',
    );
  });

  it('is not used by another shell, nor after the kiosk became another village', async () => {
    const key = await generateVillageKey('k1-1');
    const letterKey = { keyId: key.keyId, privateKey: key.privateKey };
    const { store, open } = kiosk();
    store.saveRegency({ ...connection, letterKey });
    const plain: SecretCodec = { scheme: 'plain', seal: (s) => s, open: (s) => s };
    const otherShell = new ConfigStore({
      dataDir: join(store.file, '..'),
      env: { BALAI_VILLAGE_CODE: VILLAGE, BALAI_KIOSK_ID: 'k1' },
      defaultHubDir: join(store.file, '..', 'no-hub'),
      codec: plain,
      warn: () => undefined,
    });
    expect(otherShell.letterKey()).toBeNull();
    expect(open().letterKey()).toEqual(letterKey);
    const moved = new ConfigStore({
      dataDir: join(store.file, '..'),
      env: { BALAI_VILLAGE_CODE: '3510172002', BALAI_KIOSK_ID: 'k1' },
      defaultHubDir: join(store.file, '..', 'no-hub'),
      codec: reversing,
      warn: () => undefined,
    });
    expect(moved.letterKey()).toBeNull();
  });

  it('refuses a handed-over key that is not an Ed25519 key, and saves nothing', async () => {
    const { store, asAdministrator, open } = kiosk();
    const admin = await asAdministrator();
    // 64 characters of base64url, but no Ed25519 PKCS#8 (an RSA or P-256 key would be longer).
    const notAKey = { keyId: 'k1-1', privateKey: 'A'.repeat(64) };
    expect(await admin('kiosk:set-regency', { ...connection, letterKey: notAKey })).toEqual({
      ok: false,
      status: 400,
      error: 'Data tidak sah: letterKey.privateKey: Kunci surat bukan kunci Ed25519 yang sah.',
    });
    expect(
      await admin('kiosk:set-regency', {
        ...connection,
        letterKey: { keyId: 'k1-1', privateKey: 'pendek' },
      }),
    ).toMatchObject({ ok: false, status: 400 });
    expect(store.letterKey()).toBeNull();
    expect(open().settings().regencySource).not.toBe('saved');
  });
});
