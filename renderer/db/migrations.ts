// Schema migrations, per collection and target version. When a collection's `version` in
// shared/documents/collections.ts goes up, add `{ [newVersion]: (oldDoc) => newDoc }` here;
// RxDB runs them on open, before the app reads anything. A migration that changes a synced
// document must also set it `pending`, so the regency receives the new shape.
import type { MigrationStrategies } from 'rxdb';
import type { CollectionName } from '../../shared/documents/collections';
import { migrateRequestV0 } from './request-migration';
import { migrateFinanceV0 } from '../finance/migration';

export const MIGRATIONS: Record<CollectionName, MigrationStrategies> = {
  // v2: applications to Dukcapil and its decisions (new types, nothing to change).
  // v3: the anjungan mandiri's log (a new type, nothing to change).
  requests: { 1: migrateRequestV0, 2: (doc) => doc, 3: (doc) => doc },
  // v1: population events (a new type), residents `missing`/`void`.
  residents: { 1: (doc) => doc },
  // v1 letters: series/serial, rendering, hash, signature, reprints; no v0 letter was ever written
  // by the app, but one would get the schema's defaults.
  letters: {
    1: (doc) => ({
      series: '',
      serial: 0,
      html: '',
      textHash: '',
      signedPayload: '',
      reprints: [],
      ...doc,
    }),
    // v2: the archived PDF (optional; a letter has none until its kiosk made one).
    2: (doc) => doc,
  },
  // v2: reference documents; v3: planning documents (new types, nothing to change); v4: budget
  // lines gain the Perdes that adopted them (defaults: none recorded), filled the v1 way; v5: ledger
  // entries gain the cash account, taxes, tax code and SPP (defaults: bank, none), reference
  // documents a tax rate, and the SPP and year-closing types arrive (decision 0024).
  finance: {
    1: migrateFinanceV0,
    2: (doc) => doc,
    3: (doc) => doc,
    4: migrateFinanceV0,
    5: migrateFinanceV0,
  },
  // v1: village-profile letter settings and keys (with defaults); v2: letter wording (a new type);
  // v3: the regency logo on the village profile (optional: letters without it have no logo);
  // v4: the office's own document (a new type) and the profile's province and regency kind
  // (defaults; the regency's next write of the profile fills them).
  registry: {
    1: (doc) => doc,
    2: (doc) => doc,
    3: (doc) => doc,
    4: (doc) =>
      doc.type === 'village-profile'
        ? { provinceName: '', regencyKind: 'Kabupaten', verifyUrl: '', ...doc }
        : doc,
    // v5: closed monthly population reports (a new type).
    5: (doc) => doc,
  },
  // v1: the PDFs Dukcapil issues (a new type, nothing to change).
  photos: { 1: (doc) => doc },
};
