// The hub as a process sees it: started and stopped, restarted on the same data folder, run
// twice in one process, quiet unless something fails. Always the hub itself, never COUCHDB_URL.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHub, type HubOptions, type RunningHub } from '../../sync/hub/server';
import { provisionKiosk, provisionVillage } from '../../sync/provision/provision';
import { basicAuth, couchCall, uniqueVillageCode } from '../support/couch-server';

const admin = { username: 'admin', password: 'rahasia-admin' };
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function dataFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'balai-hub-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function hub(options: Partial<HubOptions> & { dataDir: string }): Promise<RunningHub> {
  const running = await startHub({ port: 0, admin, ...options });
  cleanups.push(() => running.close());
  return running;
}

describe('the hub process', () => {
  it('keeps databases, users, _security and its uuid across a restart on the same folder', async () => {
    const dataDir = await dataFolder();
    const code = uniqueVillageCode();
    const first = await hub({ dataDir });
    const connection = { url: first.url, ...admin };
    await provisionVillage(connection, { villageCode: code });
    const kiosk = await provisionKiosk(connection, {
      villageCode: code,
      kioskId: 'k1',
      password: 'kata-sandi-1',
    });
    const uuid = (await couchCall<{ uuid: string }>(first, null, 'GET', '')).body.uuid;
    await first.close();

    const second = await hub({ dataDir });
    const again = { url: second.url, ...admin };
    expect(await provisionVillage(again, { villageCode: code })).toMatchObject({ changed: false });
    expect(
      await provisionKiosk(again, { villageCode: code, kioskId: 'k1', password: 'kata-sandi-1' }),
    ).toMatchObject({
      changed: false,
    });
    expect((await couchCall(second, kiosk, 'GET', `desa_${code}`)).status).toBe(200);
    expect((await couchCall<{ uuid: string }>(second, null, 'GET', '')).body.uuid).toBe(uuid);
  });

  it('runs twice in one process without either seeing the other', async () => {
    const [one, two] = [
      await hub({ dataDir: await dataFolder() }),
      await hub({ dataDir: await dataFolder() }),
    ];
    const [codeOne, codeTwo] = [uniqueVillageCode(), uniqueVillageCode()];
    await provisionVillage({ url: one.url, ...admin }, { villageCode: codeOne });
    await provisionVillage({ url: two.url, ...admin }, { villageCode: codeTwo });
    const listOne = (await couchCall<string[]>(one, admin, 'GET', '_all_dbs')).body;
    const listTwo = (await couchCall<string[]>(two, admin, 'GET', '_all_dbs')).body;
    expect(listOne).toContain(`desa_${codeOne}`);
    expect(listOne).not.toContain(`desa_${codeTwo}`);
    expect(listTwo).toContain(`desa_${codeTwo}`);
    expect(listTwo).not.toContain(`desa_${codeOne}`);
    expect((await couchCall(one, admin, 'GET', `desa_${codeTwo}`)).status).toBe(404);
  });

  it('closes promptly while a long poll is waiting', async () => {
    const running = await startHub({ port: 0, admin, dataDir: await dataFolder() });
    const code = uniqueVillageCode();
    await provisionVillage({ url: running.url, ...admin }, { villageCode: code });
    const poll = fetch(
      `${running.url}desa_${code}/_changes?feed=longpoll&since=now&heartbeat=10000`,
      {
        headers: { Authorization: basicAuth(admin.username, admin.password) },
      },
    ).then(
      (answer) => answer.text(),
      () => 'cut off',
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    await running.close();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await poll).toBe('cut off');
    await running.close(); // a second close is harmless
  });

  it('logs its start and failures, not every request', async () => {
    const lines: string[] = [];
    const running = await hub({ dataDir: await dataFolder(), log: (line) => lines.push(line) });
    expect(lines).toEqual([expect.stringMatching(/^hub listening on 127\.0\.0\.1:\d+/)]);
    for (let i = 0; i < 5; i++) await couchCall(running, admin, 'GET', '_all_dbs');
    await couchCall(running, null, 'GET', 'no_such_db');
    expect(lines).toHaveLength(1);
  });

  it('takes its body limit from the options', async () => {
    const running = await hub({ dataDir: await dataFolder(), maxBodyBytes: 1_000 });
    const answer = await couchCall<{ error: string }>(running, admin, 'PUT', 'somedb/doc', {
      text: 'x'.repeat(2_000),
    });
    expect(answer.status).toBe(413);
    expect(answer.body.error).toBe('too_large');
  });

  it('says so when its port is taken', async () => {
    const running = await hub({ dataDir: await dataFolder() });
    await expect(
      startHub({ port: running.port, admin, dataDir: await dataFolder() }),
    ).rejects.toThrow(/EADDRINUSE/);
  });
});
