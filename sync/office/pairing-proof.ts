// The pairing proofs, the same on the office hub and on the kiosk. Staff read a short one-time
// code off the hub and type it at the kiosk; the code itself never crosses the network. The
// kiosk proves it knows the code for the certificate it sees, the hub proves it knows it for its
// own certificate and the credentials it hands out: a machine in between shows another
// certificate, so its proof cannot match the hub's, and it cannot relay the kiosk's (decision 0025).
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

/** No 0/O, 1/I/L: read off a screen and typed by staff. 8 characters = 40 bits. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;

export function newPairingCode(): string {
  const chars = Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

/** What staff typed, as the code: case, spaces and dashes do not matter. */
export function normalizeCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}

export function kioskProof(code: string, fingerprint: string, village: string, kiosk: string) {
  return mac(code, ['balai-kios', fingerprint, village, kiosk]);
}

export function hubProof(code: string, fingerprint: string, username: string, password: string) {
  return mac(code, ['balai-hub', fingerprint, username, password]);
}

export function sameProof(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

function mac(code: string, parts: string[]): string {
  return createHmac('sha256', normalizeCode(code)).update(parts.join('\n')).digest('hex');
}
