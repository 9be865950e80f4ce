// The village's letter material by provisioning, against a real CouchDB-protocol server (the hub,
// or COUCHDB_URL): `npm run hub -- add-village --kiosk --logo` gives each kiosk its own Ed25519
// key (private half in that kiosk's connection file only, public half in the village profile),
// puts the regency logo on the profile, the kiosk host picks its key up, the kiosk pulls the
// profile, and a letter it signs verifies against the keys it pulled; `rotate-letter-key` adds a
// key without retiring the old one. No kiosk can rewrite the published keys.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { VillageProfileDoc } from '../../shared/documents/village-admin';
import { logoDataUrl } from '../../shared/letters/logo';
import {
  publicKeyOf,
  sha256Base64Url,
  signLetter,
  importSigningKey,
} from '../../shared/letters/signing';
import { letterBlocks, letterHtml, letterText } from '../../shared/letters/template';
import { verifyLetter } from '../../shared/letters/verify';
import { villageDbName, type VillageCode } from '../../shared/village';
import { ConfigStore, hubConnectionFile, plainSecretCodec } from '../../electron/host/config-store';
import { villageSettings } from '../../renderer/letters/compose';
import { recordServerUrl } from '../../sync/hub/hub-files';
import {
  provisionLetterKey,
  publishRegencyLogo,
  villageProfileId,
} from '../../sync/provision/letter-key';
import {
  provisionKiosk,
  provisionVillage,
  type AdminConnection,
} from '../../sync/provision/provision';
import {
  couchCall,
  startCouchServer,
  uniqueVillageCode,
  type CouchServer,
} from '../support/couch-server';
import { expectWriteRefused } from '../support/refusals';
import { hubCommand as runHubCommand } from '../support/hub-command';
import { closeAllKiosks, openNodeKiosk } from '../support/node-kiosk';

let server: CouchServer;
let admin: AdminConnection;
let work: string;

beforeAll(async () => {
  server = await startCouchServer();
  admin = { url: server.url, ...server.admin };
  work = await mkdtemp(join(tmpdir(), 'balai-letter-key-'));
});
afterEach(closeAllKiosks);
afterAll(async () => {
  await server?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

/** `npm run hub -- <args>` against this server, as the regency operator runs it. */
async function hubCommand(hubDir: string, ...args: string[]): Promise<string> {
  return (await runHubCommand(admin, hubDir, ...args)).stdout;
}

async function profileOf(code: VillageCode): Promise<VillageProfileDoc & { _rev: string }> {
  const path = `${villageDbName(code)}/${encodeURIComponent(villageProfileId(code))}`;
  const answer = await couchCall<VillageProfileDoc & { _rev: string }>(server, admin, 'GET', path);
  expect(answer.status).toBe(200);
  return answer.body;
}

async function until(check: () => Promise<boolean>, ms = 15_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('condition not met in time');
}

/** A test village's code is in no dataset (province 99): its names are given, as the CLI asks. */
const NAMES = ['--provinsi', 'Uji', '--kabupaten', 'Uji', '--kecamatan', 'Uji', '--desa', 'Uji'];

const SVG_LOGO =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>';

describe('letter keys and the logo by provisioning', () => {
  it('gives each kiosk its own key, publishes it with the logo, and signed letters verify', async () => {
    const code = uniqueVillageCode();
    const hubDir = join(work, 'hub');
    await recordServerUrl(hubDir, server.url);
    const logoFile = join(work, 'kabupaten.svg');
    await writeFile(logoFile, SVG_LOGO);

    const added = await hubCommand(
      hubDir,
      'add-village',
      code,
      '--kiosk',
      'k1',
      '--logo',
      logoFile,
      ...NAMES,
    );
    expect(added).toContain('Letter key: k1-1');
    expect(added).toMatch(/BALAI_LETTER_KEY=k1-1:[A-Za-z0-9_-]{64} npm start/);
    expect(await hubCommand(hubDir, 'add-village', code, '--kiosk', 'k2', ...NAMES)).toContain(
      'Letter key: k2-1',
    );

    // Each kiosk's file holds its own private key; the profile publishes both public halves.
    const fileOf = async (kioskId: string) =>
      JSON.parse(await readFile(hubConnectionFile(hubDir, code, kioskId), 'utf8')) as {
        username: string;
        password: string;
        letterKey: { keyId: string; privateKey: string };
      };
    const k1 = await fileOf('k1');
    const k2 = await fileOf('k2');
    expect(k1.letterKey.keyId).toBe('k1-1');
    expect(k2.letterKey.privateKey).not.toBe(k1.letterKey.privateKey);
    const profile = await profileOf(code);
    expect(profile.letterKeys).toEqual({
      'k1-1': await publicKeyOf(k1.letterKey.privateKey),
      'k2-1': await publicKeyOf(k2.letterKey.privateKey),
    });
    // The profile holds no private key, and the logo given (k2 without --logo kept it).
    expect(JSON.stringify(profile)).not.toContain(k1.letterKey.privateKey);
    expect(profile.regencyLogo).toBe(logoDataUrl(new TextEncoder().encode(SVG_LOGO)));

    // The kiosk host finds its key beside its connection, without BALAI_LETTER_KEY.
    const store = new ConfigStore({
      dataDir: join(work, 'kiosk-k1'),
      env: { BALAI_VILLAGE_CODE: code, BALAI_KIOSK_ID: 'k1' },
      defaultHubDir: hubDir,
      codec: plainSecretCodec,
      warn: () => undefined,
    });
    expect(store.settings().regencySource).toBe('hub');
    expect(store.letterKey()).toEqual(k1.letterKey);

    // The kiosk pulls the profile; a letter rendered with it carries the logo and verifies.
    const kiosk = await openNodeKiosk({
      villageCode: code,
      kioskId: 'k1',
      login: { url: server.url, username: k1.username, password: k1.password },
    });
    await until(async () => {
      await kiosk.replicator.syncOnce();
      return (await villageSettings(kiosk.db)).keys['k2-1'] !== undefined;
    });
    const settings = await villageSettings(kiosk.db);
    const blocks = letterBlocks({
      letterType: 'domisili',
      number: `470/001-K1/${code}/XI/2026`,
      date: '2026-11-28',
      village: settings.village,
      people: { applicant: { nik: '3510171708450001', name: 'Budi Santoso' } },
      fields: {},
      purpose: 'Membuka rekening',
      signer: {
        name: 'Hj. Sulastri',
        position: 'Kepala Desa',
        role: 'kepala-desa',
        employeeNumber: '',
      },
    });
    expect(letterHtml(blocks)).toContain(
      `<img class="kop-logo" alt="" src="${profile.regencyLogo}">`,
    );
    const hostKey = store.letterKey()!;
    const payload = await signLetter(
      {
        villageCode: code,
        keyId: hostKey.keyId,
        number: `470/001-K1/${code}/XI/2026`,
        issuedOn: '2026-11-28',
        letterType: 'domisili',
        subjectNik: '3510171708450001',
        subjectName: 'Budi Santoso',
        signerName: 'Hj. Sulastri',
        signerPosition: 'Kepala Desa',
        textHash: await sha256Base64Url(letterText(blocks)),
      },
      await importSigningKey(hostKey.privateKey),
    );
    expect(
      await verifyLetter(payload, { [code]: settings.keys }, letterText(blocks)),
    ).toMatchObject({
      verdict: 'valid',
      claims: { keyId: 'k1-1' },
      textMatches: true,
    });

    // Rotation: a new key for k1, in its file; the old key stays published, old letters verify.
    expect(await hubCommand(hubDir, 'rotate-letter-key', code, 'k1')).toContain(
      'new letter key k1-2',
    );
    const rotated = await fileOf('k1');
    expect(rotated.letterKey.keyId).toBe('k1-2');
    expect(rotated.password).toBe(k1.password);
    expect(store.letterKey()).toEqual(rotated.letterKey);
    await until(async () => {
      await kiosk.replicator.syncOnce();
      return (await villageSettings(kiosk.db)).keys['k1-2'] !== undefined;
    });
    const keysNow = (await villageSettings(kiosk.db)).keys;
    expect(Object.keys(keysNow).sort()).toEqual(['k1-1', 'k1-2', 'k2-1']);
    expect(await verifyLetter(payload, { [code]: keysNow })).toMatchObject({ verdict: 'valid' });
  }, 90_000);

  it('keeps a key still published, never swaps a real logo for the placeholder, refuses bad logos', async () => {
    const code = uniqueVillageCode();
    await provisionVillage(admin, { villageCode: code });
    const first = await provisionLetterKey(admin, { villageCode: code, kioskId: 'k1' });
    expect(first).toMatchObject({ keyId: 'k1-1', changed: true });
    const kept = await provisionLetterKey(admin, {
      villageCode: code,
      kioskId: 'k1',
      keep: { keyId: first.keyId, privateKey: first.privateKey },
    });
    expect(kept).toMatchObject({ keyId: 'k1-1', privateKey: first.privateKey, changed: false });
    // A key the profile does not publish (another village's, say) is not kept: a new one is made.
    const stranger = await provisionLetterKey(admin, {
      villageCode: code,
      kioskId: 'k1',
      keep: {
        keyId: 'k1-1',
        privateKey: (await provisionLetterKey(admin, { villageCode: code, kioskId: 'x' }))
          .privateKey,
      },
    });
    expect(stranger).toMatchObject({ keyId: 'k1-2', changed: true });

    const png = `data:image/png;base64,iVBORw0KGgoAAAAN`;
    expect(await publishRegencyLogo(admin, { villageCode: code, logo: png })).toEqual({
      changed: true,
    });
    const placeholder = logoDataUrl(new TextEncoder().encode(SVG_LOGO))!;
    expect(
      await publishRegencyLogo(admin, {
        villageCode: code,
        logo: placeholder,
        onlyIfMissing: true,
      }),
    ).toEqual({ changed: false });
    const before = await profileOf(code);
    await expect(
      publishRegencyLogo(admin, { villageCode: code, logo: 'data:image/png;base64,PHN2Zz4=' }),
    ).rejects.toThrow('Isi logo bukan gambar PNG.');
    const after = await profileOf(code);
    expect(after._rev).toBe(before._rev);
    expect(after.regencyLogo).toBe(png);
  });

  it('lets no kiosk rewrite the published keys', async () => {
    const code = uniqueVillageCode();
    await provisionVillage(admin, { villageCode: code });
    await provisionLetterKey(admin, { villageCode: code, kioskId: 'k1' });
    const login = await provisionKiosk(admin, { villageCode: code, kioskId: 'k1' });
    const profile = await profileOf(code);
    const forged = { ...profile, letterKeys: { 'k1-1': 'A'.repeat(43) } };
    const path = `${villageDbName(code)}/${encodeURIComponent(villageProfileId(code))}`;
    const answer = await couchCall(server, login, 'PUT', path, forged);
    await expectWriteRefused(server, answer, { path, rev: profile._rev });
    expect((await profileOf(code)).letterKeys).toEqual(profile.letterKeys);
  });
});
