// The kiosk's collections: which document types each holds, their schema, version and indexes.
// The open-source RxDB build allows 13 open collections (DESIGN.md §1), so related types share
// a collection (regency residents and local corrections) rather than one collection per type.
// Raising a `version` requires a migration strategy in renderer/db/migrations.ts.
import type { z } from 'zod';
import type { DocType } from '../doc-types';
import { budgetLineDocSchema, ledgerEntryDocSchema } from './budget';
import { letterDocSchema } from './letter';
import { requestDocSchema } from './request';
import { residentDocSchema } from './resident';
import { officialDocSchema, villageProfileDocSchema } from './village-admin';

export interface CollectionDef {
  types: readonly DocType[];
  schema: z.ZodObject;
  version: number;
  indexes: readonly (string | readonly string[])[];
}

export const COLLECTIONS = {
  requests: {
    types: ['request'],
    schema: requestDocSchema,
    version: 0,
    indexes: [['date', 'createdAt']],
  },
  residents: {
    types: ['resident', 'resident-local'],
    schema: residentDocSchema,
    version: 0,
    indexes: ['nik', 'nameKey', 'kkNumber'],
  },
  letters: {
    types: ['letter'],
    schema: letterDocSchema,
    version: 0,
    indexes: ['issuedOn', 'number'],
  },
  budget: {
    types: ['budget'],
    schema: budgetLineDocSchema,
    version: 0,
    indexes: [['fiscalYear', 'budgetVersion']],
  },
  ledger: {
    types: ['ledger'],
    schema: ledgerEntryDocSchema,
    version: 0,
    indexes: [['fiscalYear', 'budgetLineId']],
  },
  officials: { types: ['official'], schema: officialDocSchema, version: 0, indexes: [] },
  profile: { types: ['village-profile'], schema: villageProfileDocSchema, version: 0, indexes: [] },
} as const satisfies Record<string, CollectionDef>;

export type CollectionName = keyof typeof COLLECTIONS;
export const COLLECTION_NAMES = Object.keys(COLLECTIONS) as CollectionName[];

/** The collection that holds documents of a type, or null for types this kiosk does not keep. */
export function collectionOfType(type: unknown): CollectionName | null {
  for (const name of COLLECTION_NAMES) {
    if ((COLLECTIONS[name].types as readonly unknown[]).includes(type)) return name;
  }
  return null;
}

/** Every type the kiosk keeps: when this list changes, the pull must start over to fetch them. */
export const KEPT_TYPES: readonly DocType[] = COLLECTION_NAMES.flatMap((n) => COLLECTIONS[n].types);
