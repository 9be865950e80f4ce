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
