// The shape of one request and answer inside the kiosk host, independent of the shell: the
// browser kiosk adapts Node's http server to it, the Electron shell its `protocol.handle`.
import type { Readable } from 'node:stream';

export interface HostRequest {
  method: string;
  /** The request target on our origin, path and query, still percent-encoded. */
  path: string;
  /** Lower-case names. */
  headers: Record<string, string | undefined>;
  body: Readable | null;
  /** Fires when the renderer gives up on the request, so upstream work can stop too. */
  signal?: AbortSignal;
}

export interface HostResponse {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: Readable | Buffer | null;
}

export function jsonResponse(status: number, value: unknown): HostResponse {
  const body = Buffer.from(JSON.stringify(value));
  return {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(body.length),
    },
    body,
  };
}

/**
 * A request body read whole, or null when it is longer than `limit` bytes. It is read to the end
 * even past the limit: leaving early destroys the request, and with it the socket the 413 answer
 * must go out on.
 */
export async function readBodyWithin(body: Readable, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
  }
  return size > limit ? null : Buffer.concat(chunks);
}
