// Signing happens at approval and never before: a letter whose request has not been approved by
// the Sekretaris Desa or Kepala Desa gets no signature, so it has no QR and nothing can call it
// valid (the complaint about existing systems: QR codes on unsigned letters).
import type { RequestDoc } from '../documents/request';
import { replay, statusOf } from '../requests/workflow';
import type { LetterDoc } from '../documents/letter';
import { signLetter, type CryptoKeyLike, type LetterClaims } from './signing';

const SIGNED_STATUSES = ['approved', 'printed', 'collected'];

/** Whether the request's own (re-checked) event log has reached approval. */
export function isApproved(request: Pick<RequestDoc, 'events'>): boolean {
  if (!replay(request.events).ok) return false;
  const status = statusOf(request.events);
  return status !== null && SIGNED_STATUSES.includes(status);
}

export function claimsOf(letter: LetterDoc, keyId: string): LetterClaims {
  return {
    villageCode: letter.villageCode,
    keyId,
    number: letter.number,
    issuedOn: letter.issuedOn,
    letterType: letter.letterType,
    subjectNik: letter.subjectNik,
    subjectName: letter.subjectName,
    signerName: letter.signerName,
    signerPosition: letter.signerPosition,
    textHash: letter.textHash,
  };
}

/** The QR payload for an issued letter, or an error when its request is not approved. */
export async function certifyLetter(
  request: Pick<RequestDoc, 'events'>,
  letter: LetterDoc,
  key: { keyId: string; privateKey: CryptoKeyLike },
): Promise<string> {
  if (!isApproved(request)) {
    throw new Error('Surat belum disetujui: belum dapat ditandatangani.');
  }
  if (!letter.textHash) throw new Error('Surat belum dirender: tidak ada hash isi surat.');
  return signLetter(claimsOf(letter, key.keyId), key.privateKey);
}

/** The payload to print as QR: only for a signed letter of an approved request. */
export function qrPayloadOf(
  request: Pick<RequestDoc, 'events'>,
  letter: Pick<LetterDoc, 'signedPayload' | 'status'>,
): string | null {
  if (letter.status !== 'issued' || !letter.signedPayload || !isApproved(request)) return null;
  return letter.signedPayload;
}
