// The generated validate_doc_update, run here as CouchDB would run it, against the type table
// it is generated from. The integration suites check it again inside a real server.
import { describe, expect, it } from 'vitest';
import { REGENCY_DOC_TYPES, VILLAGE_DOC_TYPES } from '../../shared/doc-types';
import {
  REGENCY_STAFF_ROLE,
  villageDbName,
  villageRole,
  type VillageCode,
} from '../../shared/village';
import { villageValidateDocUpdate } from './validate-doc-update';
import { PHOTO_MAX_BASE64 } from '../../shared/documents/photo';

type Validate = (newDoc: object, oldDoc: object | null, userCtx: object) => void;
const validate = new Function(`return (${villageValidateDocUpdate()});`)() as Validate;

const code = '3510992001' as VillageCode;
const other = '3510992002' as VillageCode;
const kiosk = { name: 'kiosk', roles: [villageRole(code)], db: villageDbName(code) };
const staff = { name: 'staff', roles: [REGENCY_STAFF_ROLE], db: villageDbName(code) };
const doc = (type: string, extra: object = {}) => ({
  _id: `${type}:x:${code}:k1`,
  id: `${type}:x:${code}:k1`,
  type,
  villageCode: code,
  ...extra,
});

/** A well-formed photo document (the regency checks shape and size; kiosks check the hash). */
const photo = (extra: object = {}) =>
  doc('photo', {
    refId: `progress:x:${code}:k1`,
    takenAt: '2026-11-28T08:00:00.000Z',
    caption: '',
    mime: 'image/jpeg',
    width: 1280,
    height: 960,
    bytes: 4,
    sha256: 'a'.repeat(64),
    data: '/9j/4A==',
    ...extra,
  });

function forbidden(run: () => void): string {
  try {
    run();
  } catch (error) {
    return String((error as { forbidden?: unknown }).forbidden);
  }
  throw new Error('expected the write to be forbidden');
}

describe('the village validate_doc_update', () => {
  it('lets a kiosk write every village type, and nothing else', () => {
    for (const type of VILLAGE_DOC_TYPES)
      expect(() => validate(type === 'photo' ? photo() : doc(type), null, kiosk)).not.toThrow();
    for (const type of REGENCY_DOC_TYPES)
      expect(forbidden(() => validate(doc(type), null, kiosk))).toMatch(/village kiosk/);
  });

  it('lets regency staff write every regency type but Dukcapil decisions and files, and nothing else', () => {
    const dukcapilOnly: string[] = ['dukcapil-decision', 'dukcapil-file'];
    for (const type of REGENCY_DOC_TYPES.filter((t) => !dukcapilOnly.includes(t)))
      expect(() => validate(doc(type), null, staff)).not.toThrow();
    for (const type of dukcapilOnly)
      expect(forbidden(() => validate(doc(type), null, staff))).toMatch(
        /Only the regency's Dukcapil/,
      );
    for (const type of VILLAGE_DOC_TYPES)
      expect(forbidden(() => validate(doc(type), null, staff))).toMatch(/Regency staff/);
  });

  it('refuses a revision that carries over the echo mark of the one it replaces, but from an admin', () => {
    const admin = { name: 'admin', roles: ['_admin'], db: villageDbName(code) };
    const pushed = doc('request', { pushedBy: 'run-a.1' });
    expect(forbidden(() => validate({ ...pushed, purpose: 'x' }, pushed, kiosk))).toMatch(
      /pushedBy/,
    );
    expect(() => validate({ ...pushed, purpose: 'x' }, pushed, admin)).not.toThrow();
    expect(() => validate(doc('request', { pushedBy: 'run-b.1' }), pushed, kiosk)).not.toThrow();
    expect(() => validate(doc('request'), pushed, kiosk)).not.toThrow();
    expect(() => validate(pushed, null, kiosk)).not.toThrow();
  });

  it("holds a kiosk to its own village's code, id and database", () => {
    expect(forbidden(() => validate(doc('request', { villageCode: other }), null, kiosk))).toMatch(
      /villageCode/,
    );
    expect(forbidden(() => validate(doc('request', { id: 'elsewhere' }), null, kiosk))).toMatch(
      /id must equal _id/,
    );
    const inOtherDb = { ...kiosk, db: villageDbName(other) };
    expect(forbidden(() => validate(doc('request'), null, inOtherDb))).toMatch(/may not write/);
  });

  it('forbids deleting and changing a type, for everyone but an admin', () => {
    const tombstone = { _id: 'request:x', _deleted: true };
    expect(forbidden(() => validate(tombstone, doc('request'), kiosk))).toMatch(
      /voided, not deleted/,
    );
    expect(forbidden(() => validate(tombstone, doc('official'), staff))).toMatch(/voided/);
    expect(forbidden(() => validate(doc('request'), doc('official'), kiosk))).toMatch(
      /keeps its type/,
    );
    const admin = { name: 'admin', roles: ['_admin'], db: villageDbName(code) };
    expect(() => validate(tombstone, doc('request'), admin)).not.toThrow();
  });

  it('says why in English and Indonesian', () => {
    expect(
      forbidden(() =>
        validate(doc('request'), null, { name: null, roles: [], db: villageDbName(code) }),
      ),
    ).toBe(
      'You may not write to this village database. / Anda tidak boleh menulis ke basis data desa ini.',
    );
  });

  it('takes a photo only as a bounded JPEG of sane shape, and never replaced', () => {
    expect(() =>
      validate(photo({ location: { lat: -8.2, lon: 114.4 } }), null, kiosk),
    ).not.toThrow();
    const refused = {
      'not a JPEG': { mime: 'image/png' },
      'too large': {
        data: 'A'.repeat(PHOTO_MAX_BASE64 + 4),
        bytes: (PHOTO_MAX_BASE64 / 4) * 3 + 3,
      },
      'bytes not matching the data': { bytes: 5 },
      'not base64': { data: '/9j/4A!=' },
      'wider than the long side': { width: 4000 },
      'a bad hash': { sha256: 'xyz' },
      'a location off the globe': { location: { lat: 91, lon: 0 } },
      'no document it belongs to': { refId: '' },
    };
    for (const [why, extra] of Object.entries(refused)) {
      expect(
        forbidden(() => validate(photo(extra), null, kiosk)),
        why,
      ).toMatch(/A photo must be a JPEG .* \/ Foto harus JPEG/);
    }
    expect(forbidden(() => validate(photo({ sha256: 'b'.repeat(64) }), photo(), kiosk))).toMatch(
      /never replaced/,
    );
  });

  it('never lets a population event or a closed monthly report be changed, by anyone but an admin', () => {
    for (const type of ['population-event', 'population-report']) {
      const first = doc(type, { _rev: '1-a' });
      expect(() => validate(doc(type), null, kiosk)).not.toThrow();
      expect(forbidden(() => validate({ ...first, reason: 'diubah' }, first, kiosk))).toMatch(
        /tidak boleh diubah; catat peristiwa pembatalan/,
      );
      expect(forbidden(() => validate({ ...first }, first, staff))).toMatch(/is not changed/);
    }
  });
});
