// The regency proxy along the Electron shell's path: `protocol.handle` hands the host a Fetch
// `Request` whose body is a stream with no Content-Length (sent chunked if passed on as it is).
// The request is built here exactly as Electron builds it, turned into the host's request by the
// same adapter main.ts uses, and sent through the proxy to the real CouchDB-protocol server: the
// documents of a `_bulk_docs` arrive, because the proxy measures the body and states its length.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegencyProxy } from '../../electron/host/regency-proxy';
import { hostRequestFromWeb } from '../../electron/host/web-exchange';
import type { VillageCode } from '../../shared/village';
import { villageDbName } from '../../shared/village';
import { provisionKiosk, provisionVillage } from '../../sync/provision/provision';
import {
  couchCall,
  startCouchServer,
  uniqueVillageCode,
  type CouchServer,
  type Login,
} from '../support/couch-server';

const APP = 'balai://app';
let server: CouchServer;
let code: VillageCode;
let kiosk: Login;

beforeAll(async () => {
  server = await startCouchServer();
  code = uniqueVillageCode();
  const admin = { url: server.url, ...server.admin };
  await provisionVillage(admin, { villageCode: code });
  kiosk = await provisionKiosk(admin, { villageCode: code, kioskId: 'k1' });
});

afterAll(async () => {
  await server?.stop();
});

/** A body as Electron's protocol handler gives it: a stream, in pieces, with no length. */
function streamOf(text: string, pieces = 3): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  const size = Math.ceil(bytes.length / pieces);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}

function electronRequest(path: string, text: string): Request {
  return new Request(`${APP}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: streamOf(text),
    duplex: 'half',
  } as RequestInit);
}

function requestDoc(n: number) {
  const id = `request:${String(Date.now()).padStart(12, '0')}${n}:${code}:k1`;
  const now = new Date().toISOString();
  return {
    _id: id,
    id,
    type: 'request',
    villageCode: code,
    kioskId: 'k1',
    createdAt: now,
    updatedAt: now,
  };
}

/** The answer's body as JSON: a Buffer (the proxy's own answers) or the upstream stream. */
const answerOf = async (body: unknown) => {
  if (Buffer.isBuffer(body)) return JSON.parse(body.toString('utf8')) as unknown;
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Buffer>) chunks.push(Buffer.from(chunk));
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
};

describe('the regency proxy on the Electron path', () => {
  it('sends a streamed _bulk_docs with no Content-Length to the server, and the documents arrive', async () => {
    const proxy = new RegencyProxy(() => ({
      villageCode: code,
      connection: { url: server.url, ...kiosk },
    }));
    try {
      const docs = [requestDoc(1), requestDoc(2), requestDoc(3)];
      const request = electronRequest('/regency/_bulk_docs', JSON.stringify({ docs }));
      expect(request.headers.get('content-length')).toBeNull();

      const answer = await proxy.handle(hostRequestFromWeb(request));
      expect(answer.status).toBe(201);
      expect(await answerOf(answer.body)).toEqual(
        docs.map((d) => expect.objectContaining({ ok: true, id: d._id })),
      );

      const stored = await couchCall<{ rows: { id: string; doc?: { type: string } }[] }>(
        server,
        server.admin,
        'POST',
        `${villageDbName(code)}/_all_docs?include_docs=true`,
        { keys: docs.map((d) => d._id) },
      );
      expect(stored.body.rows.map((r) => [r.id, r.doc?.type])).toEqual(
        docs.map((d) => [d._id, 'request']),
      );
    } finally {
      proxy.close();
    }
  });

  it('refuses a body over its limit with 413 in Bahasa, and sends nothing', async () => {
    const proxy = new RegencyProxy(
      () => ({ villageCode: code, connection: { url: server.url, ...kiosk } }),
      1024,
    );
    try {
      const docs = Array.from({ length: 20 }, (_, i) => requestDoc(100 + i));
      const request = electronRequest('/regency/_bulk_docs', JSON.stringify({ docs }));
      const answer = await proxy.handle(hostRequestFromWeb(request));
      expect(answer.status).toBe(413);
      expect(await answerOf(answer.body)).toEqual({
        error: 'too_large',
        reason:
          'Data yang dikirim ke server kabupaten lebih dari 1024 byte; kirim dalam bagian yang lebih kecil.',
      });
      const stored = await couchCall<{ rows: { error?: string }[] }>(
        server,
        server.admin,
        'POST',
        `${villageDbName(code)}/_all_docs`,
        { keys: [docs[0]!._id] },
      );
      expect(stored.body.rows[0]).toMatchObject({ error: 'not_found' });
    } finally {
      proxy.close();
    }
  });
});
