// The regency's check of a photo document, as ES5 for its validate_doc_update
// (sync/provision/validate-doc-update.ts): shape and size, generated from the same limits as the
// zod schema in shared/documents/photo.ts. The hash itself is checked by every kiosk that pulls
// the photo (shared/photos/photo-doc.ts): hashing 800 KB inside CouchDB's JavaScript on every
// write would cost the regency more than it protects.
import { PHOTO_LONG_SIDE, PHOTO_MAX_BASE64, PHOTO_MAX_BYTES } from '../documents/photo';

export const PHOTO_REFUSAL = {
  en: 'A photo must be a JPEG of at most',
  id: 'Foto harus JPEG paling besar',
} as const;

/** Runs where `forbid`, `isKiosk`, `newDoc` and `oldDoc` are in scope (only kiosks write photos). */
export function photoValidateSnippet(): string {
  const json = (v: unknown) => JSON.stringify(v);
  const limits = `${PHOTO_MAX_BYTES} bytes, ${PHOTO_LONG_SIDE} px`;
  return `if (isKiosk && newDoc.type === 'photo') {
    var photoProblem = (function (p) {
      function wholeIn(v, lo, hi) { return typeof v === 'number' && v % 1 === 0 && v >= lo && v <= hi; }
      if (p.mime !== 'image/jpeg') return 'mime';
      if (typeof p.refId !== 'string' || p.refId.length < 1 || p.refId.length > 120) return 'refId';
      if (typeof p.takenAt !== 'string' || !/^\\d{4}-\\d{2}-\\d{2}T/.test(p.takenAt)) return 'takenAt';
      if (typeof p.caption !== 'string' || p.caption.length > 500) return 'caption';
      if (!wholeIn(p.width, 1, ${PHOTO_LONG_SIDE}) || !wholeIn(p.height, 1, ${PHOTO_LONG_SIDE})) return 'width/height';
      if (typeof p.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(p.sha256)) return 'sha256';
      var d = p.data;
      if (typeof d !== 'string' || d.length < 4 || d.length > ${PHOTO_MAX_BASE64} || d.length % 4 !== 0) return 'data';
      if (!/^[A-Za-z0-9+\\/]+={0,2}$/.test(d)) return 'data';
      var pad = d.charAt(d.length - 2) === '=' ? 2 : d.charAt(d.length - 1) === '=' ? 1 : 0;
      if (!wholeIn(p.bytes, 1, ${PHOTO_MAX_BYTES}) || p.bytes !== d.length / 4 * 3 - pad) return 'bytes';
      if (p.location !== undefined) {
        var l = p.location;
        if (!l || typeof l.lat !== 'number' || typeof l.lon !== 'number' ||
          !(l.lat >= -90 && l.lat <= 90) || !(l.lon >= -180 && l.lon <= 180)) return 'location';
      }
      return '';
    })(newDoc);
    if (photoProblem) {
      forbid(${json(PHOTO_REFUSAL.en)} + ' ${limits} (' + photoProblem + ').',
        ${json(PHOTO_REFUSAL.id)} + ' ${limits} (' + photoProblem + ').');
    }
    if (oldDoc && !oldDoc._deleted && oldDoc.sha256 !== newDoc.sha256) {
      forbid('A photo is never replaced; take a new one.', 'Foto tidak boleh diganti; ambil foto baru.');
    }
  }`;
}
