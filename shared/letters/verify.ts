// Verifying a letter's QR payload offline, against the village public keys the regency publishes:
// valid, tampered, or unknown signer (no published key for the village, or signed with a key that
// is not the claimed village's — e.g. another village's).
import { parsePayload, sha256Base64Url, verifySignature, type LetterClaims } from './signing';

/** Published public keys: village code → key id → raw Ed25519 public key (base64url). */
export type PublishedKeys = Record<string, Record<string, string>>;

export type Verdict =
  | { verdict: 'valid'; claims: LetterClaims; textMatches: boolean | null }
  | { verdict: 'tampered'; claims: LetterClaims | null; reason: string }
  | { verdict: 'unknown-signer'; claims: LetterClaims; reason: string; signedBy?: string };

export async function verifyLetter(
  payload: string,
  keys: PublishedKeys,
  /** The letter's text (from the archive), when at hand: its hash must match the signed one. */
  letterText?: string,
): Promise<Verdict> {
  const parsed = parsePayload(payload);
  if (!parsed)
    return {
      verdict: 'tampered',
      claims: null,
      reason: 'Isi kode QR rusak atau bukan surat Balai.',
    };
  const { claims, signed, signature } = parsed;
  const key = keys[claims.villageCode]?.[claims.keyId];
  if (key && (await verifySignature(key, signed, signature))) {
    const textMatches =
      letterText === undefined ? null : (await sha256Base64Url(letterText)) === claims.textHash;
    if (textMatches === false) {
      return {
        verdict: 'tampered',
        claims,
        reason: 'Isi surat tidak sama dengan yang ditandatangani.',
      };
    }
    return { verdict: 'valid', claims, textMatches };
  }
  // Signed by someone else's key? Then the claimed village did not sign it.
  for (const [village, byId] of Object.entries(keys)) {
    for (const [keyId, other] of Object.entries(byId)) {
      if (village === claims.villageCode && keyId === claims.keyId) continue;
      if (await verifySignature(other, signed, signature)) {
        return {
          verdict: 'unknown-signer',
          claims,
          signedBy: village,
          reason: `Ditandatangani dengan kunci desa ${village}, bukan desa ${claims.villageCode}.`,
        };
      }
    }
  }
  if (!key) {
    return {
      verdict: 'unknown-signer',
      claims,
      reason: `Kunci desa ${claims.villageCode} (${claims.keyId}) tidak dikenal.`,
    };
  }
  return { verdict: 'tampered', claims, reason: 'Tanda tangan tidak cocok dengan isi surat.' };
}

export const VERDICT_LABELS: Record<Verdict['verdict'], string> = {
  valid: 'SAH — surat ini ditandatangani desa yang tercantum.',
  tampered: 'TIDAK SAH — isi surat telah diubah.',
  'unknown-signer': 'PENANDA TANGAN TIDAK DIKENAL.',
};

/**
 * The payload in what a QR scanner or a person hands over: the bare `B1.…` payload, or the
 * verification page's URL carrying it after `#` (the fragment never reaches a server).
 */
export function payloadFromScan(scanned: string): string {
  const text = scanned.trim();
  const hash = text.indexOf('#');
  return hash < 0 ? text : decodeURIComponent(text.slice(hash + 1)).trim();
}

/** What a letter's QR encodes: the regency's verification page with the payload, or the payload. */
export function qrContent(payload: string, verifyUrl: string | undefined): string {
  return verifyUrl ? `${verifyUrl}#${payload}` : payload;
}

/** `3510171708450001` → `351017******0001`: enough to match a KTP, not enough to copy it. */
export function maskNik(nik: string): string {
  return nik.length === 16 ? `${nik.slice(0, 6)}******${nik.slice(12)}` : '*'.repeat(nik.length);
}
