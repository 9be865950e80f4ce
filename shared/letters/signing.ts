// Signing a letter's essential content with the village's Ed25519 key (Web Crypto: Chromium and
// Node 20 both have it), and the compact payload the QR carries:
//
//   B1.<base64url of the claims, one per line>.<base64url of the 64-byte signature>
//
// Claims: village code, key id, number, issue date, letter type, subject NIK, subject name, signer
// name, signer position, SHA-256 of the letter's text (base64url). Everything needed to verify
// offline, given the village's public key (published by the regency).

/** The part of Web Crypto used here (shared/ compiles without DOM or Node types). */
export interface CryptoKeyLike {
  readonly type: string;
}
interface Subtle {
  digest(alg: string, data: Uint8Array): Promise<ArrayBuffer>;
  sign(alg: string, key: CryptoKeyLike, data: Uint8Array): Promise<ArrayBuffer>;
  verify(alg: string, key: CryptoKeyLike, sig: Uint8Array, data: Uint8Array): Promise<boolean>;
  importKey(
    format: 'raw' | 'pkcs8',
    data: Uint8Array,
    alg: string,
    extractable: boolean,
    usages: string[],
  ): Promise<CryptoKeyLike>;
  exportKey(format: 'raw' | 'pkcs8', key: CryptoKeyLike): Promise<ArrayBuffer>;
  exportKey(format: 'jwk', key: CryptoKeyLike): Promise<{ x?: string }>;
  generateKey(
    alg: string,
    extractable: boolean,
    usages: string[],
  ): Promise<{ publicKey: CryptoKeyLike; privateKey: CryptoKeyLike }>;
}
const subtle = (): Subtle =>
  (globalThis as unknown as { crypto: { subtle: Subtle } }).crypto.subtle;
interface Coder {
  encode(s: string): Uint8Array;
  decode(b: Uint8Array): string;
}
const utf8 = (): { enc: Coder; dec: Coder } => {
  const g = globalThis as unknown as {
    TextEncoder: new () => Coder;
    TextDecoder: new (label?: string, o?: { fatal: boolean }) => Coder;
  };
  return { enc: new g.TextEncoder(), dec: new g.TextDecoder('utf-8', { fatal: true }) };
};

export const utf8Encode = (s: string): Uint8Array => utf8().enc.encode(s);
export const utf8Decode = (b: Uint8Array): string => utf8().dec.decode(b);

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let j = 0; j < chars; j++) out += B64[(n >> (18 - 6 * j)) & 63];
  }
  return out;
}

export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const c of text) {
    buffer = (buffer << 6) | B64.indexOf(c);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >> bits) & 255);
    }
  }
  return new Uint8Array(out);
}

export async function sha256Base64Url(text: string): Promise<string> {
  const digest = await subtle().digest('SHA-256', utf8().enc.encode(text.normalize('NFC')));
  return toBase64Url(new Uint8Array(digest));
}

export interface LetterClaims {
  villageCode: string;
  keyId: string;
  number: string;
  issuedOn: string;
  letterType: string;
  subjectNik: string;
  subjectName: string;
  signerName: string;
  signerPosition: string;
  /** SHA-256 of `letterText`, base64url. */
  textHash: string;
}

export const CLAIM_KEYS = [
  'villageCode',
  'keyId',
  'number',
  'issuedOn',
  'letterType',
  'subjectNik',
  'subjectName',
  'signerName',
  'signerPosition',
  'textHash',
] as const satisfies readonly (keyof LetterClaims)[];

function claimsText(claims: LetterClaims): string {
  return CLAIM_KEYS.map((k) => claims[k].replace(/[\r\n]+/g, ' ')).join('\n');
}

export interface VillageKeyPair {
  keyId: string;
  /** Raw 32-byte public key, base64url: what the regency publishes. */
  publicKey: string;
  /** PKCS#8, base64url: what the village's kiosks hold. */
  privateKey: string;
}

export async function generateVillageKey(keyId: string): Promise<VillageKeyPair> {
  const pair = await subtle().generateKey('Ed25519', true, ['sign', 'verify']);
  return {
    keyId,
    publicKey: toBase64Url(new Uint8Array(await subtle().exportKey('raw', pair.publicKey))),
    privateKey: toBase64Url(new Uint8Array(await subtle().exportKey('pkcs8', pair.privateKey))),
  };
}

/** The raw public key (base64url) that belongs to a PKCS#8 private key, or null if it is none. */
export async function publicKeyOf(privateKey: string): Promise<string | null> {
  const bytes = fromBase64Url(privateKey);
  if (!bytes) return null;
  try {
    const key = await subtle().importKey('pkcs8', bytes, 'Ed25519', true, ['sign']);
    // An Ed25519 JWK carries the public key as `x`, base64url: the same text the regency publishes.
    return (await subtle().exportKey('jwk', key)).x ?? null;
  } catch {
    return null;
  }
}

/** The private key as a non-extractable Web Crypto key. */
export function importSigningKey(privateKey: string): Promise<CryptoKeyLike> {
  const bytes = fromBase64Url(privateKey);
  if (!bytes) throw new Error('Kunci tanda tangan desa tidak sah.');
  return subtle().importKey('pkcs8', bytes, 'Ed25519', false, ['sign']);
}

/** The QR payload for these claims, signed. */
export async function signLetter(claims: LetterClaims, key: CryptoKeyLike): Promise<string> {
  const text = claimsText(claims);
  const sig = await subtle().sign('Ed25519', key, utf8().enc.encode(text));
  return `B1.${toBase64Url(utf8().enc.encode(text))}.${toBase64Url(new Uint8Array(sig))}`;
}

export interface ParsedPayload {
  claims: LetterClaims;
  signed: Uint8Array;
  signature: Uint8Array;
}

export function parsePayload(payload: string): ParsedPayload | null {
  const parts = payload.trim().split('.');
  if (parts.length !== 3 || parts[0] !== 'B1') return null;
  const signed = fromBase64Url(parts[1]!);
  const signature = fromBase64Url(parts[2]!);
  if (!signed || !signature || signature.length !== 64) return null;
  let text: string;
  try {
    text = utf8().dec.decode(signed);
  } catch {
    return null;
  }
  const values = text.split('\n');
  if (values.length !== CLAIM_KEYS.length) return null;
  const claims = Object.fromEntries(
    CLAIM_KEYS.map((k, i) => [k, values[i]!]),
  ) as unknown as LetterClaims;
  return { claims, signed, signature };
}

export async function verifySignature(
  publicKey: string,
  signed: Uint8Array,
  signature: Uint8Array,
): Promise<boolean> {
  const raw = fromBase64Url(publicKey);
  if (!raw || raw.length !== 32) return false;
  const key = await subtle().importKey('raw', raw, 'Ed25519', false, ['verify']);
  return subtle().verify('Ed25519', key, signature, signed);
}
