// The kiosk's collections and the document types each holds. The open-source RxDB build allows
// 13 open collections per process (docs/PRINCIPLES.md §1), and tests and simulated kiosks open several
// kiosks in one process, so types that are read together share a collection: six collections
// (photos apart, for their own sync lane), room for two kiosks. A collection's storage schema is the union of its types' schemas;
// its indexes use fields every one of its types has. Raising a `version` requires a migration
// strategy in renderer/db/migrations.ts.
import type { z } from 'zod';
import type { DocType } from '../doc-types';
import {
  budgetLineDocSchema,
  ledgerEntryDocSchema,
  referenceDocSchema,
  sppDocSchema,
  yearClosingDocSchema,
} from './budget';
import { letterDocSchema } from './letter';
import {
  musdesDocSchema,
  planningSettingsDocSchema,
  progressReportDocSchema,
  proposalDocSchema,
  rkpKegiatanDocSchema,
} from './planning';
import { photoDocSchema } from './photo';
import {
  dukcapilApplicationDocSchema,
  dukcapilDecisionDocSchema,
  dukcapilFileDocSchema,
} from './dukcapil';
import { queueDocSchema } from './queue';
import { anjunganLogDocSchema } from './anjungan-log';
import { requestDocSchema } from './request';
import { populationEventDocSchema, populationReportDocSchema } from './population';
import { residentDocSchema } from './resident';
import { templateDocSchema } from './template';
import {
  officialDocSchema,
  villageOfficeDocSchema,
  villageProfileDocSchema,
} from './village-admin';

export interface CollectionDef {
  /** The schema of each document type the collection holds. */
  schemas: Partial<Record<DocType, z.ZodObject>>;
  version: number;
  indexes: readonly (string | readonly string[])[];
}

export const COLLECTIONS = {
  /** The service desk: walk-in requests and their queue tickets; applications to Dukcapil and its decisions. */
  requests: {
    schemas: {
      request: requestDocSchema,
      queue: queueDocSchema,
      'dukcapil-application': dukcapilApplicationDocSchema,
      'dukcapil-decision': dukcapilDecisionDocSchema,
      'anjungan-log': anjunganLogDocSchema,
    },
    version: 3,
    indexes: [['date', 'createdAt']],
  },
  /**
   * The register as the regency holds it, the village's own additions and corrections, and the
   * population events that change it (readers of the register select REGISTER_TYPES).
   */
  residents: {
    schemas: {
      resident: residentDocSchema,
      'resident-local': residentDocSchema,
      'population-event': populationEventDocSchema,
    },
    version: 1,
    indexes: ['nik', 'nameKey', 'kkNumber'],
  },
  /** Issued letters (buku register surat keluar). */
  letters: {
    schemas: { letter: letterDocSchema },
    version: 2,
    indexes: ['issuedOn', 'number', ['series', 'kioskId', 'serial']],
  },
  /**
   * APBDes budget lines and realisation entries, the regency's reference-data updates, and the
   * planning that feeds the budget (proposals, musdes, RKPDes kegiatan, progress reports, and
   * the regency's planning settings).
   */
  finance: {
    schemas: {
      budget: budgetLineDocSchema,
      ledger: ledgerEntryDocSchema,
      reference: referenceDocSchema,
      proposal: proposalDocSchema,
      musdes: musdesDocSchema,
      'rkp-kegiatan': rkpKegiatanDocSchema,
      'progress-report': progressReportDocSchema,
      'planning-settings': planningSettingsDocSchema,
      spp: sppDocSchema,
      'year-closing': yearClosingDocSchema,
    },
    version: 5,
    indexes: [['type', 'fiscalYear']],
  },
  /**
   * The regency's master data for the village: officials, profile, letter wording; and the
   * village's closed monthly population reports (about no one, so not in `residents`).
   */
  registry: {
    schemas: {
      official: officialDocSchema,
      'village-profile': villageProfileDocSchema,
      template: templateDocSchema,
      'village-office': villageOfficeDocSchema,
      'population-report': populationReportDocSchema,
    },
    version: 5,
    indexes: ['type'],
  },
  /** Photos and the PDFs Dukcapil issues, apart from the text, in their own sync lane. */
  photos: {
    schemas: { photo: photoDocSchema, 'dukcapil-file': dukcapilFileDocSchema },
    version: 1,
    indexes: ['refId'],
  },
} as const satisfies Record<string, CollectionDef>;

export type CollectionName = keyof typeof COLLECTIONS;
export const COLLECTION_NAMES = Object.keys(COLLECTIONS) as CollectionName[];

/** The document type's schema and the collection that holds it, or null for types not kept here. */
export function schemaOfType(
  type: unknown,
): { collection: CollectionName; schema: z.ZodObject } | null {
  for (const collection of COLLECTION_NAMES) {
    const schemas: CollectionDef['schemas'] = COLLECTIONS[collection].schemas;
    const schema = schemas[type as DocType];
    if (schema) return { collection, schema };
  }
  return null;
}

/** Every type the kiosk keeps: when this list changes, the pull must start over to fetch them. */
export const KEPT_TYPES = COLLECTION_NAMES.flatMap(
  (name) => Object.keys(COLLECTIONS[name].schemas) as DocType[],
);
