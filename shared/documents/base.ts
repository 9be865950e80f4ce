// The fields every synced document has, as zod schemas: the one source for TypeScript types,
// form and sync validation, and (via `toRxSchema`) the RxDB JSON schemas.
import { z } from 'zod';
import type { DocType } from '../doc-types';
import type { IdGenerator } from '../ids';

export const isoDateSchema = z
  .string()
  .max(10)
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Tanggal harus berbentuk TTTT-BB-HH.');
export const isoTimestampSchema = z
  .string()
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}T/);
/** A NIK or a temporary resident number: 16 digits. */
export const nikSchema = z
  .string()
  .length(16)
  .regex(/^\d{16}$/);

/** Whole rupiah, never a float (docs/PRINCIPLES.md §7). */
export const rupiahSchema = z.number().int().min(-1e15).max(1e15);

export function syncedBase<T extends DocType>(type: T) {
  return z.object({
    id: z.string().min(1).max(120),
    type: z.literal(type),
    villageCode: z.string().regex(/^\d{10}$/),
    kioskId: z.string().min(1).max(40),
    createdAt: isoTimestampSchema,
    updatedAt: isoTimestampSchema,
  });
}

export function syncedBaseOfTypes<T extends readonly [DocType, ...DocType[]]>(types: T) {
  return syncedBase(types[0]).extend({ type: z.enum(types) });
}

/** Who writes a new document: the village, the kiosk, and the kiosk's ID generator. */
export interface Author {
  villageCode: string;
  kioskId: string;
  ids: IdGenerator;
}

/** The fields every new document starts with: a fresh ID, its writer, and its time. */
export function newDocument<T extends DocType>(type: T, author: Author, at: string) {
  return {
    id: author.ids.next(type),
    type,
    villageCode: author.villageCode,
    kioskId: author.kioskId,
    createdAt: at,
    updatedAt: at,
  };
}
