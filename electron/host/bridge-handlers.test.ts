import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateVillageKey, sha256Base64Url } from '../../shared/letters/signing';
import { verifyLetter } from '../../shared/letters/verify';
import { createBridgeHandlers, invokeBridge } from './bridge-handlers';
import { ConfigStore, plainSecretCodec } from './config-store';
import { WindowSessions, type SessionSlot } from './staff-session';

function store(env: Record<string, string> = {}): ConfigStore {
  const root = mkdtempSync(join(tmpdir(), 'balai-bridge-'));
  return new ConfigStore({
    dataDir: join(root, 'data'),
    env: { BALAI_VILLAGE_CODE: '3510172001', BALAI_KIOSK_ID: 'k1', ...env },
    defaultHubDir: join(root, 'hub'),
    codec: plainSecretCodec,
    warn: () => undefined,
  });
}

const claims = async () => ({
  number: '470/001-K1/35.10.17.2001/XI/2026',
  issuedOn: '2026-11-28',
  letterType: 'domisili',
  subjectNik: '3510171708450001',
  subjectName: 'Budi Santoso',
  signerName: 'Hj. Sulastri',
  signerPosition: 'Kepala Desa',
  textHash: await sha256Base64Url('isi surat'),
});

/** A kepala desa signed in on a fresh kiosk: the host signs letters for a signed-in official only. */
async function kepalaDesa(handlers: ReturnType<typeof createBridgeHandlers>): Promise<SessionSlot> {
  const session = new WindowSessions().slot(1);
  const setup = {
    villageCode: '3510172001',
    kioskId: 'k1',
    villageName: 'Sumberrejo',
    admin: { name: 'Admin Desa', secret: '112233' },
    regency: null,
  };
  await invokeBridge(handlers, 'staff:setup', setup, session);
  const kades = { name: 'Hj. Sulastri', role: 'kepala-desa', secret: '246810' };
  const added = (await invokeBridge(handlers, 'staff:add', kades, session)) as {
    value: { id: string };
  };
  await invokeBridge(
    handlers,
    'staff:login',
    { staffId: added.value.id, secret: '246810' },
    session,
  );
  return session;
}

describe('letters:sign', () => {
  it('signs with the village key the host holds, for its own village', async () => {
    const key = await generateVillageKey('2026-1');
    const handlers = createBridgeHandlers(
      store({ BALAI_LETTER_KEY: `${key.keyId}:${key.privateKey}` }),
      'browser',
    );
    const out = await invokeBridge(
      handlers,
      'letters:sign',
      await claims(),
      await kepalaDesa(handlers),
    );
    expect(out.ok).toBe(true);
    const { payload } = (out as { value: { payload: string } }).value;
    const v = await verifyLetter(payload, { '3510172001': { [key.keyId]: key.publicKey } });
    expect(v).toMatchObject({ verdict: 'valid', claims: { villageCode: '3510172001' } });
  });

  it('refuses without a key, and refuses malformed claims', async () => {
    const handlers = createBridgeHandlers(store(), 'browser');
    const session = await kepalaDesa(handlers);
    expect(await invokeBridge(handlers, 'letters:sign', await claims(), session)).toMatchObject({
      ok: false,
      status: 409,
    });
    expect(
      await invokeBridge(handlers, 'letters:sign', { ...(await claims()), textHash: 'x' }, session),
    ).toMatchObject({ ok: false, status: 400 });
  });
});
