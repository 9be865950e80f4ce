// The regency's administration pages on the hub (decision 0028), as a regency admin over HTTP:
// who may open them, the villages by their real names, a kiosk added with its sheet, a sheet
// printed again (new secrets, said on the sheet) and a lost kiosk disabled — its sync refused
// while the office's other kiosk goes on syncing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConnectionCode, type KioskConnectionCode } from '../../shared/connection-code';
import { villageDbName, type VillageCode } from '../../shared/village';
import { villagesOfRegency } from '../../sync/provision/area-names';
import {
  provisionDukcapil,
  provisionRegencyAdmin,
  provisionStaff,
} from '../../sync/provision/regency';
import {
  basicAuth,
  couchCall,
  couchServerKind,
  startCouchServer,
  type CouchServer,
  type Login,
} from '../support/couch-server';
import { closeAllKiosks, openNodeKiosk } from '../support/node-kiosk';

if (couchServerKind === 'couchdb') {
  console.warn(
    'regency-admin: COUCHDB_URL is set; the pages served by the hub at /_balai/admin are tested on the hub only.',
  );
}

describe.skipIf(couchServerKind === 'couchdb')('the administration pages on the hub', () => {
  let server: CouchServer;
  let village: { code: VillageCode; name: string };
  const officer: Login = { username: 'admin-bangli', password: 'rahasia-admin-bangli' };

  beforeAll(async () => {
    server = await startCouchServer();
    const admin = { ...server.admin, url: server.url };
    await provisionRegencyAdmin(admin, { name: officer.username, regency: '5106', ...officer });
    const first = (await villagesOfRegency('51.06'))[0]!;
    village = { code: first.code, name: first.names.villageName };
  });

  afterAll(async () => {
    await closeAllKiosks();
    await server.stop();
  });

  const page = (path: string, login: Login | null, init: RequestInit = {}) =>
    fetch(`${server.url}_balai/admin${path}`, {
      redirect: 'manual',
      ...init,
      headers: {
        ...(login ? { Authorization: basicAuth(login.username, login.password) } : {}),
        ...(init.headers as Record<string, string> | undefined),
      },
    });
  const post = (path: string, fields: Record<string, string>, login = officer) =>
    page(path, login, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });

  /** The connection printed on a sheet, read back the way the setup wizard reads the QR's text. */
  function connectionOf(sheet: string): KioskConnectionCode {
    const code = /<p class="code">([^<]+)<\/p>/.exec(sheet)?.[1];
    const reading = readConnectionCode(code ?? '');
    if (!reading.ok) throw new Error(reading.error);
    return reading.value;
  }

  it('is for a regency admin only', async () => {
    const admin = { ...server.admin, url: server.url };
    await provisionStaff(admin, { name: 'staf-bangli', password: 'rahasia-staf-bangli' });
    await provisionDukcapil(admin, {
      name: 'dukcapil-bangli',
      regency: '5106',
      password: 'rahasia-dukcapil',
    });
    expect((await page('', null)).status).toBe(401);
    expect((await page('', { ...officer, password: 'salah-sandi' })).status).toBe(401);
    for (const other of [
      { username: 'staf-bangli', password: 'rahasia-staf-bangli' },
      { username: 'dukcapil-bangli', password: 'rahasia-dukcapil' },
    ]) {
      const refused = await page('', other);
      expect(refused.status).toBe(403);
      expect(await refused.text()).toContain('hanya untuk admin kabupaten');
    }
    const ok = await page('', officer);
    expect(ok.status).toBe(200);
    const html = await ok.text();
    expect(html).toContain('72 desa dari data wilayah');
    expect(html).toContain(village.name);
  });

  it('adds kiosks, prints a sheet again with new secrets, and disables a lost kiosk alone', async () => {
    const sheets: string[] = [];
    for (let i = 0; i < 2; i++) {
      const added = await post('/kios', { aksi: 'tambah', desa: village.code, kios: '' });
      expect(added.status).toBe(200);
      sheets.push(await added.text());
    }
    const [k1, k2] = sheets.map(connectionOf);
    expect([k1!.kioskId, k2!.kioskId]).toEqual(['k1', 'k2']);
    expect(k1!.url).toBe(server.url);

    const login = (c: KioskConnectionCode) => ({
      url: server.url,
      username: c.username,
      password: c.password,
    });
    const lost = await openNodeKiosk({
      villageCode: village.code,
      kioskId: 'k1',
      login: login(k1!),
    });
    const other = await openNodeKiosk({
      villageCode: village.code,
      kioskId: 'k2',
      login: login(k2!),
    });
    await lost.addRequest({ name: 'Sebelum hilang' });
    await lost.replicator.syncOnce();
    await other.replicator.syncOnce();

    // Printed again: a new password and a new letter key, and the sheet says so.
    const reprinted = await post('/kios', { aksi: 'cetak-ulang', desa: village.code, kios: 'k2' });
    expect(reprinted.status).toBe(200);
    const reprintSheet = await reprinted.text();
    expect(reprintSheet).toContain('Lembar cetak ulang.');
    expect(reprintSheet).toContain('tidak berlaku lagi');
    const k2again = connectionOf(reprintSheet);
    expect(k2again.password).not.toBe(k2!.password);
    expect(k2again.letterKey.keyId).not.toBe(k2!.letterKey.keyId);
    const db = villageDbName(village.code);
    expect((await couchCall(server, k2!, 'GET', db)).status).toBe(401);
    const k2now = await other.restart({ login: login(k2again) });

    // The lost kiosk disabled: its sync is refused; the office's other kiosk goes on.
    const disabled = await post('/kios', { aksi: 'nonaktifkan', desa: village.code, kios: 'k1' });
    expect(disabled.status).toBe(303);
    const list = await (await page('', officer)).text();
    expect(list).toContain('k1 nonaktif');
    expect(list).toContain('oleh admin-bangli');
    expect((await couchCall(server, k1!, 'GET', `${db}/_changes`)).status).toBe(401);
    const pushed = await couchCall(server, k1!, 'POST', `${db}/_bulk_docs`, { docs: [] });
    expect(pushed.status).toBe(401);

    const after = await k2now.addRequest({ name: 'Setelah k1 hilang' });
    await k2now.replicator.syncOnce();
    const stored = await couchCall<{ residentName?: string }>(
      server,
      server.admin,
      'GET',
      `${db}/${encodeURIComponent(after.id)}`,
    );
    expect(stored.body.residentName).toBe('Setelah k1 hilang');

    // Refusals in Bahasa, with nothing written.
    const again = await post('/kios', { aksi: 'nonaktifkan', desa: village.code, kios: 'k1' });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('sudah dinonaktifkan');
    const foreign = await post('/kios', { aksi: 'tambah', desa: '3510172001', kios: '' });
    expect(foreign.status).toBe(400);
    expect(await foreign.text()).toContain('bukan desa kabupaten Anda');
    const crossSite = await page('/kios', officer, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: 'https://evil.example',
      },
      body: new URLSearchParams({ aksi: 'nonaktifkan', desa: village.code, kios: 'k2' }).toString(),
    });
    expect(crossSite.status).toBe(403);
    expect((await couchCall(server, k2again, 'GET', db)).status).toBe(200);
  });
});
