// `npm run hub -- add-village` as a regency operator runs it, against a real CouchDB-protocol
// server (the hub, or COUCHDB_URL): the village's names come from its Kemendagri code; a code no
// dataset knows is refused unless every name is given; run again, it changes neither the kiosk's
// password nor its letter key (rotation is rotate-kiosk / rotate-letter-key).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VillageProfileDoc } from '../../shared/documents/village-admin';
import { villageDbName, type VillageCode } from '../../shared/village';
import { hubConnectionFile } from '../../electron/host/config-store';
import { recordServerUrl } from '../../sync/hub/hub-files';
import { villageProfileId } from '../../sync/provision/letter-key';
import { logsIn, type AdminConnection } from '../../sync/provision/provision';
import {
  couchCall,
  startCouchServer,
  uniqueVillageCode,
  type CouchServer,
} from '../support/couch-server';
import { hubCommand as runHubCommand } from '../support/hub-command';

let server: CouchServer;
let admin: AdminConnection;
let work: string;

beforeAll(async () => {
  server = await startCouchServer();
  admin = { url: server.url, ...server.admin };
  work = await mkdtemp(join(tmpdir(), 'balai-add-village-'));
});
afterAll(async () => {
  await server?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

const hubCommand = (hubDir: string, ...args: string[]) => runHubCommand(admin, hubDir, ...args);

async function profileOf(code: VillageCode) {
  const path = `${villageDbName(code)}/${encodeURIComponent(villageProfileId(code))}`;
  return couchCall<VillageProfileDoc & { _rev: string }>(server, admin, 'GET', path);
}

describe('add-village', () => {
  it('names 3510172001 from its code and, run again, keeps the kiosk password and key', async () => {
    const code = '3510172001' as VillageCode;
    const hubDir = join(work, 'hub');
    await recordServerUrl(hubDir, server.url);
    const first = await hubCommand(hubDir, 'add-village', code, '--kiosk', 'k1');
    expect(first.stdout).toContain('Desa Jambesari, Kecamatan Giri, Kabupaten Banyuwangi');
    const profile = (await profileOf(code)).body;
    expect(profile).toMatchObject({
      villageName: 'Jambesari',
      districtName: 'Giri',
      regencyKind: 'Kabupaten',
      regencyName: 'Banyuwangi',
      provinceName: 'Jawa Timur',
    });
    const file = hubConnectionFile(hubDir, code, 'k1');
    const before = JSON.parse(await readFile(file, 'utf8')) as {
      username: string;
      password: string;
      letterKey: { keyId: string; privateKey: string };
    };
    // Provisioning confirmed the password logs in before it reported success.
    expect(await logsIn(server.url, before.username, before.password)).toBe(true);

    const again = await hubCommand(hubDir, 'add-village', code, '--kiosk', 'k1');
    expect(again.stdout).toContain('unchanged: this command never rotates it');
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(before);
    const after = (await profileOf(code)).body;
    expect(after._rev).toBe(profile._rev);
    expect(after.letterKeys).toEqual(profile.letterKeys);
    expect(await logsIn(server.url, before.username, before.password)).toBe(true);

    // Against a server with no connection file (--server), an existing kiosk is left alone too.
    const url = new URL(server.url);
    url.username = admin.username;
    url.password = admin.password;
    const remote = await hubCommand(
      join(work, 'elsewhere'),
      'add-village',
      code,
      '--kiosk',
      'k1',
      '--server',
      url.href,
    );
    expect(remote.stdout).toContain('already exists: its password and letter key (k1-1)');
    expect(await logsIn(server.url, before.username, before.password)).toBe(true);
    expect((await profileOf(code)).body._rev).toBe(profile._rev);
  }, 90_000);

  it('refuses a code the dataset does not know, unless every name is given', async () => {
    const code = uniqueVillageCode();
    const hubDir = join(work, 'hub-unknown');
    await recordServerUrl(hubDir, server.url);
    const refused = await hubCommand(hubDir, 'add-village', code).then(
      () => null,
      (error: { stderr: string }) => error.stderr,
    );
    expect(refused).toContain('tidak ada dalam data wilayah Kemendagri');
    expect(refused).toContain('--provinsi <nama> --kabupaten <nama>');
    // Nothing was written for it.
    const db = await couchCall(server, admin, 'GET', villageDbName(code));
    expect(db.status).toBe(404);

    const partial = await hubCommand(hubDir, 'add-village', code, '--desa', 'Sukamaju').then(
      () => null,
      (error: { stderr: string }) => error.stderr,
    );
    expect(partial).toContain('berikan keempatnya');

    await hubCommand(
      hubDir,
      'add-village',
      code,
      '--provinsi',
      'Jawa Barat',
      '--kota',
      'Banjar',
      '--kecamatan',
      'Pataruman',
      '--desa',
      'Sukamaju',
    );
    expect((await profileOf(code)).body).toMatchObject({
      villageName: 'Sukamaju',
      districtName: 'Pataruman',
      regencyKind: 'Kota',
      regencyName: 'Banjar',
      provinceName: 'Jawa Barat',
    });
    // Run again without names: the names it has are kept.
    await hubCommand(hubDir, 'add-village', code);
    expect((await profileOf(code)).body.villageName).toBe('Sukamaju');
  }, 90_000);
});
