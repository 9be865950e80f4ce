// The regency's administration pages on the hub (decision 0028), as a regency admin over HTTP:
// who may open them, the villages by their real names, a kiosk added with its sheet, a sheet
// printed again (new secrets, said on the sheet) and a lost kiosk disabled — its sync refused
// while the office's other kiosk goes on syncing.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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
import { issueDomisili } from '../support/domisili-letter';
import type { LetterDoc } from '../../shared/documents/letter';
import type { PlanningSettingsDoc } from '../../shared/documents/planning';
import { DEFAULT_PRIORITIES, settingsForYear } from '../../shared/planning/settings';

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

  // The open-source RxDB allows 13 collections per process: two kiosks at a time.
  afterEach(closeAllKiosks);
  afterAll(() => server.stop());

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

  it('sends a new wording down: the next letter uses it, an earlier letter keeps its own', async () => {
    const second = (await villagesOfRegency('51.06'))[1]!;
    const code = second.code;
    const added = await post('/kios', { aksi: 'tambah', desa: code, kios: '' });
    const c = connectionOf(await added.text());
    const kiosk = await openNodeKiosk({
      villageCode: code,
      kioskId: 'k1',
      login: { url: server.url, username: c.username, password: c.password },
    });
    await kiosk.replicator.syncOnce();
    const before: LetterDoc = await issueDomisili(kiosk, code, 'k1', 'Warga Sebelum');
    expect(before.html).not.toContain('benar-benar berdomisili');

    // Refused whole, in Bahasa: an unknown placeholder writes nothing.
    const wrong = await post('/surat', {
      aksi: 'simpan',
      jenis: 'domisili',
      judul: '',
      isi: 'Tinggal di {alamat_palsu}.',
      penutup: '',
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('{alamat_palsu} tidak dikenal');

    const wording =
      '{nama} benar-benar berdomisili di Desa {desa}, Kecamatan {kecamatan}, sejak lahir.';
    const preview = await post('/surat/pratinjau', {
      jenis: 'domisili',
      judul: '',
      isi: wording,
      penutup: '',
    });
    expect(await preview.text()).toContain(
      `I Made Contoh Warga benar-benar berdomisili di Desa ${(await villagesOfRegency('51.06'))[0]!.names.villageName}`,
    );
    const saved = await post('/surat', {
      aksi: 'simpan',
      jenis: 'domisili',
      judul: '',
      isi: wording,
      penutup: '',
    });
    expect(saved.status).toBe(303);
    const history = await (await page('/surat?jenis=domisili', officer)).text();
    expect(history).toContain('v1');
    expect(history).toContain('admin-bangli');

    // A village may not write the regency's wording.
    const forged = {
      _id: `template:${code}:domisili:v0099`,
      id: `template:${code}:domisili:v0099`,
      type: 'template',
      villageCode: code,
      kioskId: 'k1',
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
      letterType: 'domisili',
      title: '',
      body: ['Palsu.'],
      closing: '',
    };
    const refused = await couchCall(
      server,
      c,
      'PUT',
      `${villageDbName(code)}/${forged._id}`,
      forged,
    );
    expect(refused.status).toBe(403);

    await kiosk.replicator.syncOnce();
    const after = await issueDomisili(kiosk, code, 'k1', 'Warga Sesudah');
    expect(after.html).toContain(
      `Warga Sesudah benar-benar berdomisili di Desa ${second.names.villageName}, Kecamatan ${second.names.districtName}, sejak lahir.`,
    );
    const stored = await kiosk.db.letters.findOne(before.id).exec();
    expect(stored?.get('html')).toBe(before.html);
    expect(stored?.get('html')).not.toContain('benar-benar berdomisili');

    const word = await page('/surat/word?jenis=domisili', officer);
    expect(word.headers.get('content-type')).toContain('application/msword');
    expect(word.headers.get('content-disposition')).toContain('surat-domisili.doc');
    expect(await word.text()).toContain('benar-benar berdomisili');
  });

  it('sends planning settings, reference data, tax rates and the letterhead down', async () => {
    const third = (await villagesOfRegency('51.06'))[2]!;
    const added = await post('/kios', { aksi: 'tambah', desa: third.code, kios: '' });
    const c = connectionOf(await added.text());
    const kiosk = await openNodeKiosk({
      villageCode: third.code,
      kioskId: 'k1',
      login: { url: server.url, username: c.username, password: c.password },
    });
    const year = new Date().getFullYear() + 1;
    const form = await (await page(`/perencanaan?tahun=${year}`, officer)).text();
    // The form starts from what the kiosks use today: the national defaults.
    expect(form).toContain(`${DEFAULT_PRIORITIES[0][0]} | ${DEFAULT_PRIORITIES[0][1]}`);
    const priorities = [
      ...DEFAULT_PRIORITIES.map(([code, name]) => `${code} | ${name}`),
      'air-bersih | Air bersih dan sanitasi desa adat',
    ].join('\n');

    const wrong = await post('/perencanaan', {
      tahun: String(year),
      prioritas: priorities,
      kriteria: 'urgensi | Urgensi | berat',
      hari: '21',
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('Kriteria baris 1');
    const saved = await post('/perencanaan', {
      tahun: String(year),
      prioritas: priorities,
      kriteria: 'urgensi | Urgensi | 3\nmanfaat | Penerima manfaat | 2',
      hari: '21',
    });
    expect(saved.status).toBe(303);

    await kiosk.replicator.syncOnce();
    const pulled = (
      await kiosk.db.finance.find({ selector: { type: 'planning-settings' } }).exec()
    ).map((d) => d.toJSON() as unknown as PlanningSettingsDoc);
    expect(pulled).toHaveLength(1);
    const settings = settingsForYear(pulled, year);
    expect(settings.priorities.at(-1)).toEqual(['air-bersih', 'Air bersih dan sanitasi desa adat']);
    expect(settings.stalledDays).toBe(21);
    // An earlier year keeps what it had.
    expect(settingsForYear(pulled, year - 1).priorities).toEqual(DEFAULT_PRIORITIES);

    // A kegiatan added to the reference data from next year on; a bad code is refused whole.
    const badCode = await post('/referensi', {
      jenis: 'kegiatan',
      kode: '01/01',
      nama: 'Salah',
      tahun: String(year),
      aktif: 'ya',
    });
    expect(badCode.status).toBe(400);
    expect(await badCode.text()).toContain('Kode: angka, huruf dan titik');
    const reference = await post('/referensi', {
      jenis: 'kegiatan',
      kode: '02.02.91.',
      nama: 'Pembangunan bale banjar',
      tahun: String(year),
      aktif: 'ya',
    });
    expect(reference.status).toBe(303);
    await kiosk.replicator.syncOnce();
    const references = await kiosk.db.finance.find({ selector: { type: 'reference' } }).exec();
    expect(references.map((r) => [r.get('code'), r.get('fiscalYear'), r.get('name')])).toEqual([
      ['02.02.91.', year, 'Pembangunan bale banjar'],
    ]);

    // A tax rate changed from next year on reaches the kiosk in basis points.
    const rate = await post('/referensi', {
      jenis: 'tax',
      kode: 'PPH22',
      nama: 'PPh Pasal 22',
      tahun: String(year + 1),
      aktif: 'ya',
      tarif: '1,5',
    });
    expect(rate.status).toBe(303);
    await kiosk.replicator.syncOnce();
    const tax = await kiosk.db.finance
      .find({ selector: { type: 'reference', kind: 'tax' } })
      .exec();
    expect(tax.map((r) => [r.get('code'), r.get('fiscalYear'), r.get('rate')])).toEqual([
      ['PPH22', year + 1, 150],
    ]);

    // The letterhead: kept as a version with who changed it, carried by the village's profile.
    const kop = await post('/referensi/kop', { nama: 'Bangli Bangkit' });
    expect(kop.status).toBe(303);
    const shown = await (await page('/referensi', officer)).text();
    expect(shown).toMatch(
      /<td>v1<\/td><td>[^<]+<\/td><td>admin-bangli<\/td><td>Bangli Bangkit<\/td>/,
    );
    await kiosk.replicator.syncOnce();
    const profile = await kiosk.db.registry.findOne(`village-profile:${third.code}`).exec();
    expect(profile?.get('regencyName')).toBe('Bangli Bangkit');
  });
});
