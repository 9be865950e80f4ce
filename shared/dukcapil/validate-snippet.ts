// The regency's check of Dukcapil documents, as ES5 for the village database's
// validate_doc_update (sync/provision/validate-doc-update.ts). Only an officer of this village's
// regency (role `dukcapil_<4 digits>`) writes a decision or an issued file, each exactly once; an
// officer writes nothing else but the `resident` documents of the family card issued.
import {
  DECISION_STEPS,
  DUKCAPIL_FILE_MAX_BASE64,
  DUKCAPIL_FILE_MAX_BYTES,
} from '../documents/dukcapil';
import { DUKCAPIL_ROLE_PREFIX } from '../village';

export const DUKCAPIL_REFUSAL = {
  en: "Only the regency's Dukcapil writes decisions and issued documents.",
  id: 'Hanya Dukcapil kabupaten yang menulis keputusan dan dokumen terbit.',
} as const;

/** The expression telling whether the writer is this village's regency's Dukcapil. */
export function isDukcapilExpression(): string {
  return `roles.indexOf(${JSON.stringify(DUKCAPIL_ROLE_PREFIX)} + code.slice(0, 4)) !== -1`;
}

/**
 * Runs where `forbid`, `isKiosk`, `isDukcapil`, `code`, `newDoc` and `oldDoc` are in scope,
 * before the general rules: it returns for what it allows and forbids the rest of a Dukcapil
 * officer's writes. A kiosk's try falls through to the general rule (kiosks write village types
 * only); regency staff without the Dukcapil role are refused here.
 */
export function dukcapilValidateSnippet(): string {
  const json = (v: unknown) => JSON.stringify(v);
  return `if (!isDukcapil && !isKiosk && (newDoc.type === 'dukcapil-decision' || newDoc.type === 'dukcapil-file')) {
    forbid(${json(DUKCAPIL_REFUSAL.en)}, ${json(DUKCAPIL_REFUSAL.id)});
  }
  if (isDukcapil && (newDoc.type === 'dukcapil-decision' || newDoc.type === 'dukcapil-file')) {
    if (oldDoc && !oldDoc._deleted) {
      forbid('A Dukcapil decision is written once; record a new one.', 'Keputusan Dukcapil ditulis sekali; catat keputusan baru.');
    }
    if (newDoc.villageCode !== code || newDoc.id !== newDoc._id) {
      forbid('villageCode must be this village and id equal _id.', 'villageCode harus kode desa ini dan id sama dengan _id.');
    }
    if (newDoc.type === 'dukcapil-decision') {
      if (${json(DECISION_STEPS)}.indexOf(newDoc.step) === -1 || typeof newDoc.applicationId !== 'string' ||
        typeof newDoc.submission !== 'number' || typeof newDoc.officer !== 'string') {
        forbid('A decision needs applicationId, submission, step and officer.', 'Keputusan perlu applicationId, submission, step dan officer.');
      }
    } else {
      var d = newDoc.data;
      if (newDoc.mime !== 'application/pdf' || typeof d !== 'string' || d.length > ${DUKCAPIL_FILE_MAX_BASE64} ||
        typeof newDoc.bytes !== 'number' || newDoc.bytes > ${DUKCAPIL_FILE_MAX_BYTES} ||
        typeof newDoc.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(newDoc.sha256) ||
        d.slice(0, 4) !== 'JVBE') {
        forbid('An issued document must be a PDF of at most ${DUKCAPIL_FILE_MAX_BYTES} bytes.', 'Dokumen terbit harus PDF paling besar ${DUKCAPIL_FILE_MAX_BYTES} byte.');
      }
    }
    return;
  }
  if (isDukcapil) {
    if (newDoc.type === 'resident' && newDoc.villageCode === code) return;
    forbid('Dukcapil writes only decisions, issued documents and residents of this village.',
      'Dukcapil hanya menulis keputusan, dokumen terbit dan penduduk desa ini.');
  }`;
}
