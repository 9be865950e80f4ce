// The browser kiosk as the renderer and the outside world see it: files with the CSP, the
// bridge over `POST /api/<channel>` (from the window the host launched, with its administrator
// signed in where the channel asks for one), the saved connection, and the DNS-rebinding defence.
// What a process that did not launch the window gets: host-launch-door.test.ts.
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kioskConfigSchema } from '../../shared/ipc';
import { startBrowserKiosk, type RunningKiosk } from '../../electron/host/browser-kiosk';
import { administratorWindow, rawRequest, writeRenderer } from './host-fixtures';

const connection = {
  url: 'http://regency.example:5984/',
  username: 'kiosk-3510992001-k1',
  password: 'rahasia-uji-123',
};

let work: string;
let rendererDir: string;
let dataDir: string;
const running: RunningKiosk[] = [];

/** A kiosk that sees no hub file and no BALAI_* variables of the machine running the tests. */
async function start(env: Record<string, string> = {}): Promise<RunningKiosk> {
  const kiosk = await startBrowserKiosk({
    port: 0,
    dataDir,
    rendererDir,
    env: { BALAI_HUB_DATA: join(work, 'no-hub'), ...env },
  });
  running.push(kiosk);
  return kiosk;
}

const windows = new Map<RunningKiosk, Promise<string>>();

/** A bridge call from the launched window, its administrator signed in. */
async function post(kiosk: RunningKiosk, channel: string, body: string) {
  if (!windows.has(kiosk)) windows.set(kiosk, administratorWindow(kiosk));
  return fetch(`${kiosk.url}api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: await windows.get(kiosk)! },
    body,
  });
}

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'balai-host-'));
  rendererDir = join(work, 'renderer');
  dataDir = join(work, 'data');
  writeRenderer(rendererDir);
  writeFileSync(join(work, 'secret.txt'), 'not for the renderer');
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((kiosk) => kiosk.close()));
  windows.clear();
});

describe('browser kiosk: files', () => {
  it('serves the renderer on loopback with the CSP on every answer', async () => {
    const kiosk = await start();
    expect(kiosk.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);

    const page = await fetch(kiosk.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('Layanan Surat');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-src 'none'");

    const script = await fetch(`${kiosk.url}assets/app.js`);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(script.headers.get('content-security-policy')).toBe(csp);

    const missing = await fetch(`${kiosk.url}assets/missing.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(csp);
  });

  it('answers client-side routes with index.html', async () => {
    const kiosk = await start();
    const route = await fetch(`${kiosk.url}anggaran/2026`);
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('Layanan Surat');
  });

  it('serves nothing outside the renderer folder', async () => {
    const kiosk = await start();
    for (const target of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const answer = await rawRequest(kiosk.url, target);
      expect(answer.status, target).toBe(404);
      expect(answer.body).not.toContain('not for the renderer');
    }
  });
});

describe('browser kiosk: bridge', () => {
  it('gives the renderer its configuration, never the password', async () => {
    const kiosk = await start({ BALAI_VILLAGE_CODE: '3510172001', BALAI_KIOSK_ID: 'k7' });
    await post(kiosk, 'kiosk:set-regency', JSON.stringify(connection));

    const answer = await post(kiosk, 'kiosk:get-config', 'null');
    expect(answer.status).toBe(200);
    const text = await answer.text();
    expect(text).not.toContain(connection.password);
    expect(kioskConfigSchema.parse(JSON.parse(text))).toEqual({
      villageCode: '3510172001',
      kioskId: 'k7',
      regencyOrigin: 'http://regency.example:5984',
      shell: 'browser',
    });
  });

  it('refuses a bad payload with 400 and a message in Indonesian', async () => {
    const kiosk = await start();
    const invalid = await post(
      kiosk,
      'kiosk:set-regency',
      JSON.stringify({ url: 'ftp://x', username: '' }),
    );
    expect(invalid.status).toBe(400);
    const { error } = (await invalid.json()) as { error: string };
    expect(error).toMatch(/^Data tidak sah: /);
    expect(error).toContain('Alamat server kabupaten harus http:// atau https://');
    expect(error).toContain('Nama pengguna sinkronisasi wajib diisi');
    expect(error).toContain('password: Input tidak valid');

    const notJson = await post(kiosk, 'kiosk:get-config', '{oops');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ error: 'Badan permintaan bukan JSON yang sah.' });

    const wrongPayload = await post(kiosk, 'kiosk:get-config', '{"x":1}');
    expect(wrongPayload.status).toBe(400);

    const unknown = await post(kiosk, 'kiosk:format-disk', 'null');
    expect(unknown.status).toBe(404);

    const viaGet = await fetch(`${kiosk.url}api/kiosk:get-config`, {
      headers: { cookie: await windows.get(kiosk)! },
    });
    expect(viaGet.status).toBe(405);
  });

  it('saves the regency connection in a 0600 file that survives a restart', async () => {
    const first = await start();
    const saved = await post(first, 'kiosk:set-regency', JSON.stringify(connection));
    expect(saved.status).toBe(200);
    expect(((await saved.json()) as { regencyOrigin: string }).regencyOrigin).toBe(
      'http://regency.example:5984',
    );
    await first.close();

    const file = join(dataDir, 'config.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
      regency: {
        url: connection.url,
        username: connection.username,
        password: { scheme: 'plain' },
      },
    });

    const second = await start();
    const config = (await (await post(second, 'kiosk:get-config', 'null')).json()) as {
      regencyOrigin: string;
    };
    expect(config.regencyOrigin).toBe('http://regency.example:5984');
  });

  it('refuses to save a connection the environment overrides', async () => {
    const kiosk = await start({
      BALAI_REGENCY_URL: 'http://env.example:5984',
      BALAI_REGENCY_USER: 'env',
      BALAI_REGENCY_PASSWORD: 'env-pw',
    });
    const answer = await post(kiosk, 'kiosk:set-regency', JSON.stringify(connection));
    expect(answer.status).toBe(409);
    expect(((await answer.json()) as { error: string }).error).toContain('BALAI_REGENCY_URL');
  });

  it('picks up the demo connection the hub wrote', async () => {
    const hubDir = join(work, 'hub');
    mkdirSync(hubDir);
    writeFileSync(
      join(hubDir, 'kiosk-3510172001-k1.json'),
      JSON.stringify({
        url: 'http://127.0.0.1:5985/',
        villageCode: '3510172001',
        kioskId: 'k1',
        username: 'u',
        password: 'p',
      }),
    );
    const kiosk = await start({ BALAI_HUB_DATA: hubDir });
    const config = (await (await post(kiosk, 'kiosk:get-config', 'null')).json()) as {
      regencyOrigin: string;
    };
    expect(config.regencyOrigin).toBe('http://127.0.0.1:5985');
  });
});

describe('browser kiosk: who may talk to it', () => {
  it('rejects a foreign Host header (DNS rebinding)', async () => {
    const kiosk = await start();
    const port = new URL(kiosk.url).port;
    for (const host of [`evil.example:${port}`, `127.0.0.1.evil.example:${port}`, '127.0.0.1:1']) {
      const answer = await rawRequest(kiosk.url, '/', { headers: { host } });
      expect(answer.status, host).toBe(403);
    }
    const local = await rawRequest(kiosk.url, '/', { headers: { host: `localhost:${port}` } });
    expect(local.status).toBe(200);
  });

  it('rejects requests from another site’s pages', async () => {
    const kiosk = await start();
    const answer = await rawRequest(kiosk.url, '/api/kiosk:set-regency', {
      method: 'POST',
      headers: { origin: 'http://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify(connection),
    });
    expect(answer.status).toBe(403);
    expect(() => statSync(join(dataDir, 'config.json'))).toThrow();
  });
});
