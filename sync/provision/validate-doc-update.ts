// The village database's validate_doc_update, generated from shared/doc-types.ts and
// shared/village.ts so the rules have one source. It runs inside CouchDB (or the hub's
// pouchdb-validation), so the source is plain ES5: older CouchDB builds embed SpiderMonkey 1.8.5.
import { REGENCY_DOC_TYPES, VILLAGE_DOC_TYPES } from '../../shared/doc-types';
import { financeValidateSnippet } from '../../shared/finance/rules';
import { planningValidateSnippet } from '../../shared/planning/rules';
import { photoValidateSnippet } from '../../shared/photos/validate-snippet';
import { populationValidateSnippet } from '../../shared/population/validate-snippet';
import {
  dukcapilValidateSnippet,
  isDukcapilExpression,
} from '../../shared/dukcapil/validate-snippet';
import {
  REGENCY_STAFF_ROLE,
  villageDbName,
  villageRole,
  type VillageCode,
} from '../../shared/village';

const SAMPLE_CODE = '0000000000' as VillageCode;
/** `desa_`: what a village database's name is before its code. */
const DB_PREFIX = villageDbName(SAMPLE_CODE).slice(0, -SAMPLE_CODE.length);
/** `desa:`: what a village kiosk's role is before its village code. */
const ROLE_PREFIX = villageRole(SAMPLE_CODE).slice(0, -SAMPLE_CODE.length);

const json = (value: unknown) => JSON.stringify(value);

/**
 * Server admins may do anything. A village kiosk (role `desa:<code>` of this database's code)
 * writes only village document types, with this village's code and `id` equal to `_id`.
 * Regency staff write only regency types. Nobody else writes. No one but an admin deletes:
 * synced documents are voided, never deleted (docs/PRINCIPLES.md §6). A document keeps its type, so
 * neither side can take over a document the other wrote.
 */
export function villageValidateDocUpdate(): string {
  return `function (newDoc, oldDoc, userCtx) {
  var villageTypes = ${json(VILLAGE_DOC_TYPES)};
  var regencyTypes = ${json(REGENCY_DOC_TYPES)};
  var roles = userCtx.roles || [];
  function forbid(english, indonesian) {
    throw { forbidden: english + ' / ' + indonesian };
  }
  if (roles.indexOf('_admin') !== -1) return;
  // The kiosk's echo mark (sync/client/couch-shape.ts): a pull leaves its own marks out, so a
  // write that carried over the mark of the revision it replaces would not reach that kiosk
  // until its replicator restarts. Admins repair documents by hand and are trusted to drop it.
  if (oldDoc && newDoc.pushedBy !== undefined && newDoc.pushedBy === oldDoc.pushedBy) {
    forbid('A new revision may not carry over pushedBy of the one it replaces.',
      'Revisi baru tidak boleh membawa pushedBy milik revisi sebelumnya.');
  }
  var db = userCtx.db || '';
  var code = db.indexOf(${json(DB_PREFIX)}) === 0 ? db.slice(${DB_PREFIX.length}) : '';
  if (!/^[0-9]{10}$/.test(code)) {
    forbid('This is not a village database.', 'Ini bukan basis data desa.');
  }
  var isKiosk = roles.indexOf(${json(ROLE_PREFIX)} + code) !== -1;
  var isRegency = roles.indexOf(${json(REGENCY_STAFF_ROLE)}) !== -1;
  var isDukcapil = ${isDukcapilExpression()};
  if (!isKiosk && !isRegency && !isDukcapil) {
    forbid('You may not write to this village database.', 'Anda tidak boleh menulis ke basis data desa ini.');
  }
  if (newDoc._deleted) {
    forbid('Documents are voided, not deleted.', 'Dokumen dibatalkan, bukan dihapus.');
  }
  if (oldDoc && !oldDoc._deleted && oldDoc.type !== newDoc.type) {
    forbid('A document keeps its type.', 'Jenis dokumen tidak boleh diubah.');
  }
  // Village finance (shared/finance/rules.ts): the ledger is append-only, adopted budget lines are locked.
  ${financeValidateSnippet()}
  // Planning (shared/planning/rules.ts): a decided musdes and a progress report are not changed.
  ${planningValidateSnippet()}
  // Photos (shared/photos/validate-snippet.ts): a JPEG of bounded size and sane shape, never replaced.
  ${photoValidateSnippet()}
  // Dukcapil (shared/dukcapil/validate-snippet.ts): decisions and issued files by the regency's Dukcapil only.
  ${dukcapilValidateSnippet()}
  // Population events and closed monthly reports (shared/population/): written once.
  ${populationValidateSnippet()}
  if (isKiosk && villageTypes.indexOf(newDoc.type) !== -1) {
    if (newDoc.villageCode !== code) {
      forbid('villageCode must be this village (' + code + ').', 'villageCode harus kode desa ini.');
    }
    if (newDoc.id !== newDoc._id) {
      forbid('id must equal _id.', 'id harus sama dengan _id.');
    }
    return;
  }
  if (isRegency && regencyTypes.indexOf(newDoc.type) !== -1) return;
  if (isKiosk) {
    forbid('A village kiosk writes only ' + villageTypes.join(', ') + ' documents.',
      'Kios desa hanya menulis dokumen ' + villageTypes.join(', ') + '.');
  }
  forbid('Regency staff write only ' + regencyTypes.join(', ') + ' documents.',
    'Staf kabupaten hanya menulis dokumen ' + regencyTypes.join(', ') + '.');
}`;
}
