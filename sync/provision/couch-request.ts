// Admin calls to a CouchDB-protocol server over plain HTTP: Apache CouchDB 3.x or the hub.
// Node's fetch refuses URLs with credentials in them, so they always travel in a header.

/** A server root and a login on it (a server admin, for provisioning). */
export interface AdminConnection {
  /** The server root, e.g. `http://127.0.0.1:5984/`. */
  url: string;
  username: string;
  password: string;
}

export interface CouchReply<T = Record<string, unknown>> {
  status: number;
  body: T;
}

export function basicAuth(username: string, password: string): string {
  return 'Basic ' + Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
}

/**
 * Splits `http://admin:secret@host:5984` into a root URL without credentials (trailing slash)
 * and the login it carried.
 */
export function connectionFromUrl(serverUrl: string): AdminConnection {
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch (error) {
    throw new Error(`Not a URL: ${serverUrl}`, { cause: error });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`Not an http(s) URL: ${url.protocol}//${url.host}`);
  }
  if (!url.username || !url.password) {
    throw new Error(
      `The server URL must carry admin credentials: http://USER:PASSWORD@${url.host}/`,
    );
  }
  const username = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  url.username = '';
  url.password = '';
  url.search = '';
  url.hash = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return { url: url.href, username, password };
}

/**
 * One request to `path` under the server root (already URL-encoded, no leading slash).
 * Answers any HTTP status; throws only when the server cannot be reached or answers non-JSON.
 */
export async function couchRequest<T = Record<string, unknown>>(
  connection: AdminConnection,
  method: string,
  path: string,
  body?: unknown,
): Promise<CouchReply<T>> {
  const root = connection.url.endsWith('/') ? connection.url : connection.url + '/';
  const headers: Record<string, string> = {
    Accept: 'application/json',
    Authorization: basicAuth(connection.username, connection.password),
  };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(root + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? String(error);
    throw new Error(`Cannot reach ${root} (${cause}).`, { cause: error });
  }
  const text = await response.text();
  try {
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as T };
  } catch (error) {
    throw new Error(`${method} ${root}${path} answered ${response.status} with non-JSON.`, {
      cause: error,
    });
  }
}

/** Throws a readable error unless the reply's status is one of `accepted`. */
export function expectStatus(reply: CouchReply<unknown>, accepted: number[], what: string): void {
  if (accepted.includes(reply.status)) return;
  const body = reply.body as { error?: unknown; reason?: unknown } | null;
  const detail = body?.error ? `${String(body.error)}: ${String(body.reason ?? '')}` : '';
  throw new Error(`${what} failed: HTTP ${reply.status} ${detail}`.trim());
}
