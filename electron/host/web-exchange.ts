// Adapts the host to the Fetch API's Request and Response, which Electron's `protocol.handle`
// speaks. Lives apart from main.ts so it can be tested in plain Node.
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { securityHeaders } from './csp';
import type { HostRequest, HostResponse } from './host-exchange';

/** Statuses the Fetch API forbids a body on. */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

export function hostRequestFromWeb(request: Request): HostRequest {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return {
    method: request.method,
    path: `${url.pathname}${url.search}`,
    headers,
    body: request.body ? Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>) : null,
    signal: request.signal,
  };
}

/** The Response for an answer, with the security headers every answer carries. */
export function webResponseFrom(answer: HostResponse): Response {
  const headers = new Headers({ ...answer.headers, ...securityHeaders() });
  let body: BodyInit | null = null;
  if (NULL_BODY_STATUSES.has(answer.status)) {
    if (answer.body instanceof Readable) answer.body.destroy();
  } else if (answer.body !== null) {
    body = Buffer.isBuffer(answer.body)
      ? new Uint8Array(answer.body)
      : (Readable.toWeb(answer.body) as unknown as ReadableStream<Uint8Array>);
  }
  return new Response(body, { status: answer.status, headers });
}
