// The backup channels through the real bridge (validation, staff sessions, the host's files):
// export to a drive, reading a local backup and switching the database are the administrator's;
// the scheduled backup and the renderer's reports are not gated; malformed payloads are refused.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBridgeHandlers, invokeBridge } from './bridge-handlers';
import { ConfigStore, plainSecretCodec } from './config-store';
import { CookieSessions } from './staff-session';

async function office() {
  const root = mkdtempSync(join(tmpdir(), 'balai-backup-bridge-'));
  const store = new ConfigStore({
    dataDir: join(root, 'data'),
    env: { BALAI_VILLAGE_CODE: '3510172001', BALAI_KIOSK_ID: 'k1' },
    defaultHubDir: join(root, 'hub'),
    codec: plainSecretCodec,
    warn: () => undefined,
  });
  const handlers = createBridgeHandlers(store, 'browser');
  const sessions = new CookieSessions();
  const caller = () => {
    let cookie = '';
    return async (channel: string, payload: unknown = null) => {
      const { slot, setCookie } = sessions.slot(cookie);
      const out = await invokeBridge(handlers, channel, payload, slot);
      const set = setCookie();
      if (set) cookie = set.split(';')[0]!;
      return out;
    };
  };
  const admin = caller();
  await admin('staff:setup', {
    villageCode: '3510172001',
    kioskId: 'k1',
    villageName: 'Sumberrejo',
    admin: { name: 'Admin Desa', secret: '112233' },
    regency: null,
  });
  const added = await admin('staff:add', {
    name: 'Pak Sekdes',
    role: 'sekretaris',
    secret: '445566',
  });
  const sekdesId = (added as { value: { id: string } }).value.id;
  const sekdes = caller();
  await sekdes('staff:login', { staffId: sekdesId, secret: '445566' });
  return { admin, sekdes, anonymous: caller() };
}

const DB = 'balai_3510172001_k1';

describe('backup bridge channels', () => {
  it('lets only the administrator switch the database or read a local backup', async () => {
    const { admin, sekdes, anonymous } = await office();
    const saved = await anonymous('backup:save-local', { text: 'BALAI-BACKUP 1\n{}\nAA\n' });
    expect(saved).toMatchObject({ ok: true });
    const name = (saved as { value: { name: string } }).value.name;

    for (const [channel, payload] of [
      ['db:switch', { databaseName: `${DB}_r1`, previous: DB }],
      ['backup:read-local', { name }],
    ] as const) {
      expect(await anonymous(channel, payload)).toMatchObject({ ok: false, status: 401 });
      expect(await sekdes(channel, payload)).toMatchObject({
        ok: false,
        status: 403,
        error: expect.stringMatching(/^Sekretaris Desa tidak boleh/),
      });
    }
    expect(await anonymous('db:pointer')).toMatchObject({ value: { databaseName: null } });

    expect(await admin('backup:read-local', { name })).toMatchObject({
      ok: true,
      value: { text: 'BALAI-BACKUP 1\n{}\nAA\n' },
    });
    expect(await admin('db:switch', { databaseName: `${DB}_r1`, previous: DB })).toMatchObject({
      ok: true,
    });
    expect(await anonymous('db:pointer')).toMatchObject({
      value: { databaseName: `${DB}_r1`, lastKnown: null },
    });
  });

  it('refuses an export to a drive that is not mounted, and malformed payloads', async () => {
    const { admin } = await office();
    const file = 'balai-3510172001-k1-20261128-090000.balai-backup';
    expect(
      await admin('backup:save-to-drive', { drive: '/etc', name: file, text: 'x' }),
    ).toMatchObject({ ok: false, status: 409, error: expect.stringMatching(/flashdisk/) });
    expect(await admin('backup:read-local', { name: '../config.json' })).toMatchObject({
      ok: false,
      status: 400,
    });
    expect(await admin('db:switch', { databaseName: 'other_db', previous: DB })).toMatchObject({
      ok: false,
      status: 400,
    });
    expect(await admin('db:record', { databaseName: DB, counts: { requests: -1 } })).toMatchObject({
      ok: false,
      status: 400,
    });
  });
});
