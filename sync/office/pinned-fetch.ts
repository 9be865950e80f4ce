// HTTPS to the office hub, trusting exactly one certificate: the one whose SHA-256 fingerprint
// the kiosk pinned at pairing (decision 0025). Node's fetch cannot take a per-request trust
// rule, so this is undici's fetch (the same implementation) with a connector that compares the
// server's certificate with the pin before a byte of the request is sent.
import type { TLSSocket } from 'node:tls';
import { Agent, buildConnector, fetch as undiciFetch } from 'undici';

export class PinMismatchError extends Error {
  constructor(readonly seen: string) {
    super(`Sertifikat hub kantor tidak cocok dengan yang disematkan saat pemasangan (${seen}).`);
    this.name = 'PinMismatchError';
  }
}

export interface PinnedFetch {
  fetch: typeof fetch;
  /** The fingerprint of the last certificate seen (for pairing, where nothing is pinned yet). */
  readonly seen: string | null;
  close(): Promise<void>;
}

/**
 * A fetch for the office hub. With `pin`, a server showing any other certificate is cut off
 * before the request goes out; with null (pairing only) any certificate is accepted and its
 * fingerprint kept in `seen`, to be bound to the pairing code by the pairing proof.
 */
export function pinnedFetch(pin: string | null): PinnedFetch {
  // The certificate is self-signed: the chain check would always fail; the pin replaces it.
  // No session cache: every connection shows its certificate again.
  const connect = buildConnector({ rejectUnauthorized: false, maxCachedSessions: 0 });
  let seen: string | null = null;
  const agent = new Agent({
    connect(options, callback) {
      connect(options, (error, socket) => {
        if (error || !socket) return callback(error ?? new Error('no socket'), null);
        const fingerprint = (socket as TLSSocket).getPeerCertificate?.().fingerprint256 ?? '';
        seen = fingerprint;
        if (pin !== null && fingerprint !== pin) {
          socket.destroy();
          return callback(new PinMismatchError(fingerprint), null);
        }
        callback(null, socket);
      });
    },
  });
  return {
    fetch: ((input: string | URL, init?: RequestInit) =>
      undiciFetch(input, {
        ...(init as Parameters<typeof undiciFetch>[1]),
        dispatcher: agent,
      })) as unknown as typeof fetch,
    get seen() {
      return seen;
    },
    close: () => agent.close(),
  };
}
