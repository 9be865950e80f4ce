// What the regency's server-rendered pages (the Dukcapil back office, the administration pages)
// share over HTTP: who logged in (basic auth checked by the server's own `GET /_session`), refusing
// a form posted from another site, reading a posted form with a size bound, and answering.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { couchRequest, type AdminConnection } from '../provision/couch-request';

/** A person logged in with basic auth, as the CouchDB server knows them. */
export interface PageLogin {
  login: AdminConnection;
  roles: string[];
}

/** The basic-auth login of the request, confirmed by the server; null when it is not one. */
export async function loginOf(
  serverUrl: string,
  header: string | undefined,
): Promise<PageLogin | null> {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return null;
  const login = {
    url: serverUrl,
    username: decoded.slice(0, colon),
    password: decoded.slice(colon + 1),
  };
  const reply = await couchRequest<{ userCtx?: { name?: unknown; roles?: unknown } }>(
    login,
    'GET',
    '_session',
  );
  const ctx = reply.body.userCtx;
  if (reply.status !== 200 || ctx?.name !== login.username || !Array.isArray(ctx.roles))
    return null;
  return { login, roles: ctx.roles.filter((r): r is string => typeof r === 'string') };
}

/** A form posted from another site would carry the browser's basic auth: it is refused. */
export function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  const site = req.headers['sec-fetch-site'];
  if (site && site !== 'same-origin' && site !== 'none') return false;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** The posted form (urlencoded or multipart), read whole up to `limit` bytes. */
export async function readForm(req: IncomingMessage, limit: number): Promise<FormData | string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return `Berkas terlalu besar (maks. ${limit} byte).`;
    chunks.push(chunk as Buffer);
  }
  const type = req.headers['content-type'] ?? '';
  try {
    return await new Response(Buffer.concat(chunks), {
      headers: { 'content-type': type },
    }).formData();
  } catch {
    return 'Formulir tidak dapat dibaca.';
  }
}

export function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', type);
  res.end(body);
}
