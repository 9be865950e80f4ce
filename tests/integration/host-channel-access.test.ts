// The bridge's door (decision 0013): every channel of shared/ipc.ts, walked from the table itself,
// with no session, with a role that may not use it and with every role that may. A channel added
// without a declaration in CHANNEL_ACCESS fails here (and does not typecheck).
//
// The walk sends a payload no channel accepts: a caller the door lets through meets the payload
// check (400) and nothing happens, so the walk changes nothing and shows only the door. The
// channels that matter most are then called for real.
import { describe, expect, it, test } from 'vitest';
import { invokeBridge } from '../../electron/host/bridge-handlers';
import { bridgeOffice, OFFICE_NAMES, type BridgeCaller } from '../../electron/host/test-office';
import { CHANNEL_ACCESS, ipcChannels, type IpcChannel } from '../../shared/ipc';
import { rolesFor } from '../../shared/staff/permissions';
import { STAFF_ROLES, type StaffRole } from '../../shared/staff/roles';

const CHANNELS = Object.keys(ipcChannels) as IpcChannel[];
const NOT_A_PAYLOAD = 'bukan data saluran';

describe('every bridge channel declares who may call it', () => {
  test.each(CHANNELS)('%s has a declaration', (channel) => {
    expect(Object.hasOwn(CHANNEL_ACCESS, channel)).toBe(true);
  });

  it('declares nothing for a channel that does not exist', () => {
    expect(Object.keys(CHANNEL_ACCESS).sort()).toEqual([...CHANNELS].sort());
  });

  it('leaves configuration, staff, restores and exports to the administrator alone', () => {
    for (const channel of [
      'kiosk:set-regency',
      'staff:list',
      'staff:add',
      'staff:set-disabled',
      'staff:reset-secret',
      'staff:set-auto-lock',
      'db:switch',
      'backup:read-local',
      'backup:save-to-drive',
    ] as const) {
      const access = CHANNEL_ACCESS[channel];
      expect(access.who, channel).toBe('staff');
      if (access.who === 'staff')
        expect(rolesFor(access.action), channel).toEqual(['administrator']);
    }
  });
});

describe('the host checks the declaration, for every channel', () => {
  it('answers 401 with no session, 403 to a wrong role, and lets every right role through', async () => {
    const office = await bridgeOffice();
    const nobody = office.nobody();
    const callers = Object.fromEntries(
      await Promise.all(STAFF_ROLES.map(async (r) => [r, await office.signedInAs(r)] as const)),
    ) as Record<StaffRole, BridgeCaller>;
    let walked = 0;
    for (const channel of CHANNELS) {
      const access = CHANNEL_ACCESS[channel];
      const allowed = access.who === 'window' ? [...STAFF_ROLES] : rolesFor(access.action);
      const refused = STAFF_ROLES.filter((r) => !allowed.includes(r));

      const anonymous = await nobody(channel, NOT_A_PAYLOAD);
      if (access.who === 'window') {
        expect(anonymous, `${channel} with no session`).toMatchObject({ ok: false, status: 400 });
      } else {
        expect(anonymous, `${channel} with no session`).toEqual({
          ok: false,
          status: 401,
          error: 'Silakan masuk (login) terlebih dahulu.',
        });
        // A channel for staff always has some role it is not for; the walk needs one.
        expect(refused.length, `${channel} has a wrong role`).toBeGreaterThan(0);
      }
      for (const role of refused) {
        const out = await callers[role](channel, NOT_A_PAYLOAD);
        expect(out, `${channel} as ${role}`).toMatchObject({ ok: false, status: 403 });
        expect((out as { error: string }).error).toMatch(/tidak boleh .* Hanya .* yang dapat/);
      }
      for (const role of allowed) {
        const out = await callers[role](channel, NOT_A_PAYLOAD);
        expect(out, `${channel} as ${role}`).toMatchObject({
          ok: false,
          status: 400,
          error: expect.stringMatching(/^Data tidak sah/),
        });
      }
      walked++;
    }
    expect(walked).toBe(CHANNELS.length);
  });

  it('refuses the regency setting to anyone but the administrator, and saves nothing', async () => {
    const office = await bridgeOffice();
    const evil = { url: 'http://127.0.0.2:5984/', username: 'pencuri', password: 'rahasia' };
    expect(await office.nobody()('kiosk:set-regency', evil)).toMatchObject({ status: 401 });
    for (const role of ['operator', 'bendahara', 'sekretaris', 'kepala-desa'] as const) {
      const out = await (await office.signedInAs(role))('kiosk:set-regency', evil);
      expect(out, role).toMatchObject({ ok: false, status: 403 });
    }
    expect(office.store.settings().regency).toBeNull();

    const admin = await office.signedInAs('administrator');
    expect(await admin('kiosk:set-regency', evil)).toMatchObject({
      ok: true,
      value: { regencyOrigin: 'http://127.0.0.2:5984' },
    });
    expect(office.store.settings().regency).toMatchObject({ username: 'pencuri' });
  });

  it('serves the sign-in screen and the kiosk routine with nobody signed in', async () => {
    const office = await bridgeOffice();
    const nobody = office.nobody();
    expect(await nobody('staff:setup-status')).toMatchObject({
      ok: true,
      value: { needed: false },
    });
    const names = await nobody('staff:names');
    expect(names).toMatchObject({ ok: true });
    expect((names as { value: { name: string }[] }).value.map((s) => s.name).sort()).toEqual(
      Object.values(OFFICE_NAMES).sort(),
    );
    expect(await nobody('kiosk:get-config')).toMatchObject({ ok: true });
    expect(await nobody('db:pointer')).toMatchObject({ ok: true });
    const counts = { requests: 2 };
    expect(
      await nobody('db:record', { databaseName: 'balai_3510172001_k1', counts }),
    ).toMatchObject({ ok: true, value: { lastKnown: { counts } } });
    expect(await nobody('backup:local-key')).toMatchObject({ ok: true });
    expect(await nobody('backup:save-local', { text: 'BALAI-BACKUP 1\n{}\nAA\n' })).toMatchObject({
      ok: true,
    });
  });

  it('does not let the kiosk routine keep a session alive past the auto-lock', async () => {
    // The routine channels do not look the session up, so they do not count as use of it.
    const office = await bridgeOffice();
    const touched: string[] = [];
    const spy = {
      ...office.bridge,
      signedIn: (s: Parameters<typeof office.bridge.signedIn>[0]) => {
        touched.push('signedIn');
        return office.bridge.signedIn(s);
      },
    };
    await invokeBridge(spy, 'db:record', { databaseName: 'balai_3510172001_k1', counts: {} });
    await invokeBridge(spy, 'kiosk:get-config', null);
    expect(touched).toEqual([]);
    await invokeBridge(spy, 'staff:list', null);
    expect(touched).toEqual(['signedIn']);
  });
});
