// `npm run hub -- add-regency 51.06`: Bangli's 72 villages on line in one run, the run cut halfway
// and finished by the next, and a run after that changing nothing (docs/decisions/0023).
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readConnectionCode } from '../../shared/connection-code';
import { publicKeyOf } from '../../shared/letters/signing';
import { villageDbName } from '../../shared/village';
import { villagesOfRegency } from '../../sync/provision/area-names';
import { villageProfileId } from '../../sync/provision/letter-key';
import { couchCall, startCouchServer, untilLogin, type CouchServer } from '../support/couch-server';

let server: CouchServer;
let out: string;
let bangli: Awaited<ReturnType<typeof villagesOfRegency>>;

beforeAll(async () => {
  server = await startCouchServer();
  out = await mkdtemp(join(tmpdir(), 'balai-regency-'));
  bangli = await villagesOfRegency('51.06');
  // A CouchDB kept between runs still has the last run's villages, whose files are gone.
  if (server.kind === 'couchdb') await forgetBangli();
});

afterAll(async () => {
  if (server.kind === 'couchdb') await forgetBangli();
  await server.stop();
  await rm(out, { recursive: true, force: true });
});

async function forgetBangli(): Promise<void> {
  for (const { code } of bangli) {
    await couchCall(server, server.admin, 'DELETE', villageDbName(code));
    const user = `_users/${encodeURIComponent(`org.couchdb.user:kiosk-${code}-k1`)}`;
    const found = await couchCall<{ _rev?: string }>(server, server.admin, 'GET', user);
    if (found.body._rev) {
      await couchCall(server, server.admin, 'DELETE', `${user}?rev=${found.body._rev}`);
    }
  }
}

/** The operator's command; with `cutAfter`, killed (SIGKILL) once that many villages are done. */
function addRegency(cutAfter?: number): Promise<{ output: string; cut: boolean }> {
  const serverUrl = new URL(server.url);
  serverUrl.username = server.admin.username;
  serverUrl.password = server.admin.password;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'sync/hub/cli.ts', 'add-regency', '51.06', '--server', serverUrl.href],
    { env: { ...process.env, BALAI_HUB_DATA: out }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  let cut = false;
  const take = (chunk: Buffer) => {
    output += chunk.toString();
    const done = output.match(/: (on line|unchanged)/g)?.length ?? 0;
    if (cutAfter !== undefined && !cut && done >= cutAfter) {
      cut = true;
      child.kill('SIGKILL');
    }
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('exit', (code) => {
      if (cut || code === 0) done({ output, cut });
      else fail(new Error(`add-regency ended with ${code}:\n${output}`));
    });
  });
}

interface KioskFile {
  username: string;
  password: string;
  letterKey: { keyId: string; privateKey: string };
}

/** The files add-regency wrote whose names match: connections (`.json`) or sheets (`.html`). */
async function kioskFiles(ending = '.json'): Promise<Map<string, string>> {
  const dir = join(out, 'regency-51.06');
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith(ending));
  return new Map(
    await Promise.all(
      names.map(async (n) => [n, await readFile(join(dir, n), 'utf8')] as [string, string]),
    ),
  );
}

it('brings every village of Bangli on line, resumes a cut run, and changes nothing after', async () => {
  expect(bangli).toHaveLength(72);

  const cut = await addRegency(20);
  expect(cut.cut).toBe(true);
  const half = await kioskFiles();
  expect(half.size).toBeGreaterThanOrEqual(20);
  expect(half.size).toBeLessThan(72);

  const started = Date.now();
  const resumed = await addRegency();
  const seconds = (Date.now() - started) / 1000;
  console.log(`add-regency 51.06 after a cut: ${seconds.toFixed(1)} s for the 72 villages`);
  expect(resumed.output).toMatch(/^72 villages in [\d.]+ s: \d+ brought on line/m);
  expect(resumed.output).not.toMatch(/left alone/);
  const files = await kioskFiles();
  expect(files.size).toBe(72);
  // What the cut run wrote down is what the server now holds: no secret was replaced.
  for (const [name, text] of half) expect(files.get(name), name).toBe(text);

  const sheets = await kioskFiles('.html');
  expect(sheets.size).toBe(72);
  for (const { code, names } of bangli) {
    const file = JSON.parse(files.get(`kiosk-${code}-k1.json`)!) as KioskFile;
    await untilLogin(server, { username: file.username, password: file.password });
    const profile = await couchCall<{
      villageName: string;
      districtName: string;
      regencyName: string;
      letterKeys: Record<string, string>;
    }>(
      server,
      server.admin,
      'GET',
      `${villageDbName(code)}/${encodeURIComponent(villageProfileId(code))}`,
    );
    expect(profile.status, code).toBe(200);
    expect(profile.body).toMatchObject({
      villageName: names.villageName,
      districtName: names.districtName,
      regencyName: 'Bangli',
    });
    // One key for the kiosk, the one its file holds.
    expect(Object.keys(profile.body.letterKeys), code).toEqual(['k1-1']);
    expect(profile.body.letterKeys['k1-1']).toBe(await publicKeyOf(file.letterKey.privateKey));
    // The office's sheet carries the same connection in the code its QR holds.
    const sheet = sheets.get(`lembar-${code}-k1.html`)!;
    const printed = readConnectionCode(/BALAI1:[A-Za-z0-9_-]+/.exec(sheet)![0]);
    expect(printed).toMatchObject({
      ok: true,
      value: { password: file.password, letterKey: file.letterKey, villageCode: code },
    });
    expect(sheet).toContain(`Desa ${names.villageName}`);
  }

  const again = await addRegency();
  expect(again.output).toMatch(
    /^72 villages in [\d.]+ s: 0 brought on line or completed, 72 unchanged/m,
  );
  expect(await kioskFiles()).toEqual(files);
  expect(await kioskFiles('.html')).toEqual(sheets);
}, 600_000);
