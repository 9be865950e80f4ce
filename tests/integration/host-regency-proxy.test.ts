// The `/regency/` proxy of the browser kiosk against a stand-in regency server: what it forwards
// (village database, auth, bodies untouched), what it passes back (status, Date, streaming), what
// it refuses (paths leaving the village database, other methods), and how fast it says "offline".
// Every request comes from the window the kiosk launched (its cookie); without it: 401
// (host-launch-door.test.ts).
import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBrowserKiosk, type RunningKiosk } from '../../electron/host/browser-kiosk';
import { launchedWindowCookie } from '../support/kiosk-in-browser';
import { PROBE_HEADER, REGENCY_STATE_HEADER } from '../../shared/ipc';
import { createCouchClient } from '../../sync/client/couch-client';
import { freePort } from '../support/ports';
import {
  FAKE_DATE,
  rawRequest,
  startFakeRegency,
  writeRenderer,
  type FakeRegency,
} from './host-fixtures';

const VILLAGE = '3510172001';
const USER = `kiosk-${VILLAGE}-k1`;
const PASSWORD = 'rahasia-proxy-uji';
const BASIC = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;

let work: string;
let regency: FakeRegency;
const running: RunningKiosk[] = [];
/** The cookie of the window the last started kiosk launched. */
let cookie = '';
const launched = () => ({ headers: { cookie } });

async function start(regencyUrl: string | null): Promise<RunningKiosk> {
  const rendererDir = join(work, 'renderer');
  writeRenderer(rendererDir);
  const env: Record<string, string> = {
    BALAI_VILLAGE_CODE: VILLAGE,
    BALAI_HUB_DATA: join(work, 'no-hub'),
  };
  if (regencyUrl) {
    Object.assign(env, {
      BALAI_REGENCY_URL: regencyUrl,
      BALAI_REGENCY_USER: USER,
      BALAI_REGENCY_PASSWORD: PASSWORD,
    });
  }
  const kiosk = await startBrowserKiosk({ port: 0, dataDir: join(work, 'data'), rendererDir, env });
  running.push(kiosk);
  cookie = await launchedWindowCookie(kiosk);
  return kiosk;
}

beforeEach(async () => {
  work = mkdtempSync(join(tmpdir(), 'balai-proxy-'));
  regency = await startFakeRegency();
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((kiosk) => kiosk.close()));
  await regency.close();
});

describe('regency proxy: forwarding', () => {
  it('sends the path to the village database with the kiosk’s credentials', async () => {
    const kiosk = await start(regency.url);
    const answer = await fetch(
      `${kiosk.url}regency/_all_docs?include_docs=true&keys=%5B%22a%22%5D`,
      {
        headers: { authorization: 'Basic cmVuZGVyZXI6Zm9yZ2Vk', cookie: `${cookie}; x=1` },
      },
    );
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({
      ok: true,
      url: `/desa_${VILLAGE}/_all_docs?include_docs=true&keys=%5B%22a%22%5D`,
    });

    const [seen] = regency.seen;
    expect(seen?.headers.authorization).toBe(BASIC);
    // Nothing the renderer sends can replace or add credentials.
    expect(seen?.headers.cookie).toBeUndefined();
  });

  it('keeps a base path in the regency URL and encoded document IDs as they are', async () => {
    const kiosk = await start(`${regency.url}couch/`);
    await fetch(`${kiosk.url}regency/request%3A0abc%3A${VILLAGE}%3Ak1`, launched());
    await fetch(`${kiosk.url}regency/`, launched());
    expect(regency.seen.map((r) => r.url)).toEqual([
      `/couch/desa_${VILLAGE}/request%3A0abc%3A${VILLAGE}%3Ak1`,
      `/couch/desa_${VILLAGE}/`,
    ]);
  });

  it('passes status, Date and content type back, and drops what the renderer must not get', async () => {
    const kiosk = await start(regency.url);
    const answer = await fetch(`${kiosk.url}regency/doc1`, launched());
    expect(answer.headers.get('date')).toBe(FAKE_DATE);
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(answer.headers.get('content-security-policy')).toContain("connect-src 'self'");
    expect(answer.headers.get('set-cookie')).toBeNull();
    expect(answer.headers.get('www-authenticate')).toBeNull();
    expect(answer.headers.get('location')).toBeNull();
  });

  it('passes a gzip request body through byte for byte', async () => {
    const kiosk = await start(regency.url);
    const body = gzipSync(JSON.stringify({ docs: [{ _id: 'a', type: 'request' }] }));
    const answer = await rawRequest(kiosk.url, '/regency/_bulk_docs', {
      method: 'POST',
      headers: {
        cookie,
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'content-length': String(body.length),
      },
      body,
    });
    expect(answer.status).toBe(200);
    const [seen] = regency.seen;
    expect(seen?.method).toBe('POST');
    expect(seen?.headers['content-encoding']).toBe('gzip');
    expect(seen?.body.equals(body)).toBe(true);
  });

  it('streams a long poll: the first bytes arrive while the regency still holds it', async () => {
    const kiosk = await start(regency.url);
    const answer = await fetch(
      `${kiosk.url}regency/_changes?feed=longpoll&timeout=60000&since=0`,
      launched(),
    );
    expect(answer.status).toBe(200);
    expect(answer.headers.get('date')).toBe(FAKE_DATE);
    const reader = answer.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain('"results"');

    regency.heldPolls[0]?.released();
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      rest += new TextDecoder().decode(chunk.value);
    }
    expect(rest).toContain('"last_seq":"1"');
  });
});

describe('regency proxy: refusals', () => {
  it('rejects paths that would leave the village database', async () => {
    const kiosk = await start(regency.url);
    const escapes = [
      '/regency/../_users',
      '/regency/%2e%2e/_users',
      '/regency/.%2E/desa_3510172002',
      '/regency/x/../../desa_3510172002/_all_docs',
      '/regency/x%2F..%2Fdesa_3510172002',
      '/regency/x%2f..%2f..%2f_all_dbs',
      '/regency//evil.example/x',
      '/regency/http://evil.example/x',
      '/regency/a\\..\\b',
      '/regency/a//b',
      '/regency/%E0%A4%A',
    ];
    for (const target of escapes) {
      const answer = await rawRequest(kiosk.url, target, launched());
      expect(answer.status, target).toBe(400);
      expect(JSON.parse(answer.body)).toMatchObject({ error: 'bad_request' });
    }
    expect(regency.seen).toEqual([]);
  });

  it('allows only GET, HEAD, POST and PUT', async () => {
    const kiosk = await start(regency.url);
    const deleted = await rawRequest(kiosk.url, '/regency/doc1?rev=1-a', {
      method: 'DELETE',
      headers: { cookie },
    });
    expect(deleted.status).toBe(405);
    const head = await rawRequest(kiosk.url, '/regency/doc1', {
      method: 'HEAD',
      headers: { cookie },
    });
    expect(head.status).toBe(200);
    const put = await rawRequest(kiosk.url, '/regency/doc1', {
      method: 'PUT',
      body: '{}',
      headers: { cookie },
    });
    expect(put.status).toBe(200);
    expect(regency.seen.map((r) => r.method)).toEqual(['HEAD', 'PUT']);
  });
});

describe('regency proxy: offline', () => {
  it('answers 503 at once when no regency is configured', async () => {
    const kiosk = await start(null);
    const answer = await fetch(`${kiosk.url}regency/_changes`, launched());
    expect(answer.status).toBe(503);
    expect(await answer.json()).toMatchObject({
      error: 'regency_not_configured',
      reason: expect.any(String),
    });
    // No Date of the kiosk's own: the sync client would take it for the regency's clock.
    expect(answer.headers.get('date')).toBeNull();
  });

  it('answers 502 quickly when the regency does not answer', async () => {
    const kiosk = await start(`http://127.0.0.1:${await freePort()}/`);
    const started = Date.now();
    const answer = await fetch(`${kiosk.url}regency/_changes`, launched());
    expect(answer.status).toBe(502);
    expect(await answer.json()).toMatchObject({
      error: 'regency_unreachable',
      reason: expect.stringContaining('ECONNREFUSED'),
    });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('answers the link probe without an error while the regency does not answer', async () => {
    // The browser logs every 5xx in the console; being offline is a state, not an error.
    const kiosk = await start(`http://127.0.0.1:${await freePort()}/`);
    const answer = await fetch(`${kiosk.url}regency/`, {
      method: 'HEAD',
      headers: { [PROBE_HEADER]: '1', cookie },
    });
    expect(answer.status).toBe(204);
    expect(answer.headers.get(REGENCY_STATE_HEADER)).toBe('unreachable');
    const probe = createCouchClient({ dbUrl: `${kiosk.url}regency/`, headers: { cookie } });
    expect(await probe.probe()).toBe(false);
  });

  it('ends a long poll in flight when the kiosk closes', async () => {
    const kiosk = await start(regency.url);
    const poll = new Promise<string>((resolve) => {
      const { port } = new URL(kiosk.url);
      http
        .get(
          {
            host: '127.0.0.1',
            port,
            path: '/regency/_changes?feed=longpoll&timeout=60000',
            headers: { cookie },
          },
          (res) => {
            res.on('data', () => undefined);
            res.on('end', () => resolve('ended'));
            res.on('error', () => resolve('aborted'));
            res.on('close', () => resolve('closed'));
          },
        )
        .on('error', () => resolve('aborted'));
    });
    await expect.poll(() => regency.heldPolls.length).toBe(1);

    const started = Date.now();
    running.splice(0);
    await kiosk.close();
    expect(Date.now() - started).toBeLessThan(2_000);
    await regency.heldPolls[0]?.closed;
    expect(['aborted', 'closed']).toContain(await poll);
  });
});
