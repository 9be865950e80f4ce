// Signing a letter's essential content with the village's Ed25519 key (Web Crypto: Chromium and
// Node 20 both have it), and the compact payload the QR carries:
//
//   B1.<base64url of the claims, one per line>.<base64url of the 64-byte signature>
//
// Claims: village code, key id, number, issue date, letter type, subject NIK, subject name, signer
// name, signer position, SHA-256 of the letter's text (base64url). Everything needed to verify
// offline, given the village's public key (published by the regency).

import { fromBase64Url, toBase64Url } from '../bytes/base64';
import { utf8Decode, utf8Encode } from '../bytes/utf8';
import { subtle, type CryptoKeyLike } from '../bytes/web-crypto';

export type { CryptoKeyLike };

export async function sha256Base64Url(text: string): Promise<string> {
  const digest = await subtle().digest('SHA-256', utf8Encode(text.normalize('NFC')));
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
  const sig = await subtle().sign('Ed25519', key, utf8Encode(text));
  return `B1.${toBase64Url(utf8Encode(text))}.${toBase64Url(new Uint8Array(sig))}`;
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
    text = utf8Decode(signed);
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
