// Helpers for the kiosk host's integration tests: a throwaway renderer folder, raw HTTP requests
// (fetch would normalise `..` and `%2e%2e` away before they reach the host), and a stand-in for
// the regency's CouchDB that records what the proxy sent it. The stand-in doubles the network,
// not CouchDB's behaviour: the assertions are about what the proxy forwards and returns.
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SetupStatus, StaffPublic } from '../../shared/staff/accounts';
import { callHost, launchedWindowCookie, type LaunchableKiosk } from '../support/kiosk-in-browser';

export function writeRenderer(dir: string): void {
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><title>Balai</title><h1>Layanan Surat</h1>',
  );
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log("balai");');
}

export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One HTTP request with the target sent exactly as given. */
export function rawRequest(
  url: string,
  target: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { hostname, port, path: target, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface FakeRegency {
  url: string;
  seen: SeenRequest[];
  /** Long polls currently held open, and whether the proxy has hung up on them. */
  heldPolls: { released: () => void; closed: Promise<void> }[];
  close(): Promise<void>;
}

export const FAKE_DATE = 'Tue, 01 Jan 2030 00:00:00 GMT';

/**
 * Answers every request with JSON naming what it received. `_changes?feed=longpoll` sends its
 * first line at once and holds the rest until released, the way CouchDB holds a long poll.
 */
export async function startFakeRegency(): Promise<FakeRegency> {
  const seen: SeenRequest[] = [];
  const heldPolls: FakeRegency['heldPolls'] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      });
      if (req.url?.includes('feed=longpoll')) {
        res.writeHead(200, { 'content-type': 'application/json', date: FAKE_DATE });
        res.write('{"results":[\n');
        heldPolls.push({
          released: () => res.end('],"last_seq":"1"}\n'),
          closed: new Promise((done) => res.on('close', () => done())),
        });
        return;
      }
      res.writeHead(200, {
        'content-type': 'application/json',
        date: FAKE_DATE,
        'set-cookie': 'AuthSession=secret; Path=/',
        'www-authenticate': 'Basic realm="server"',
        location: 'http://regency.example/elsewhere',
      });
      res.end(JSON.stringify({ ok: true, url: req.url }));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    seen,
    heldPolls,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/**
 * The cookies of a window the kiosk launched, with its administrator signed in (the kiosk set up
 * first when it is not yet): what the bridge asks of a caller of `kiosk:set-regency`.
 */
export async function administratorWindow(kiosk: LaunchableKiosk): Promise<string> {
  const window = await launchedWindowCookie(kiosk);
  const call = (channel: string, payload: unknown, cookie = window) =>
    callHost(kiosk.url, channel, payload, cookie);
  const status = (await call('staff:setup-status', null)).body as SetupStatus;
  const secret = '112233';
  const session = status.needed
    ? await call('staff:setup', {
        villageCode: status.villageCode,
        kioskId: status.kioskId,
        villageName: 'Sukamaju',
        admin: { name: 'Admin Desa', secret },
        regency: null,
      })
    : await call('staff:login', {
        staffId: ((await call('staff:names', null)).body as StaffPublic[]).find(
          (s) => s.role === 'administrator',
        )!.id,
        secret,
      });
  return `${window}; ${session.cookie!.split(';')[0]}`;
}
