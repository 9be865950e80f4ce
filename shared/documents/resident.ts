// A resident (penduduk). The regency's register comes down as `resident`; a village's own
// additions and corrections are `resident-local` documents, so each has one writer.
import { z } from 'zod';
import { isoDateSchema, nikSchema, syncedBaseOfTypes } from './base';

export const residentDocSchema = syncedBaseOfTypes(['resident', 'resident-local'] as const).extend({
  nik: nikSchema,
  /** Empty when not (yet) known. */
  kkNumber: z
    .string()
    .max(16)
    .regex(/^(\d{16})?$/),
  name: z.string().min(1).max(120),
  /** Lower-cased name for search as you type. */
  nameKey: z.string().max(120),
  birthPlace: z.string().max(80),
  birthDate: isoDateSchema.nullable(),
  sex: z.enum(['L', 'P']),
  religion: z.string().max(40),
  maritalStatus: z.string().max(40),
  familyRelation: z.string().max(40),
  education: z.string().max(60),
  occupation: z.string().max(80),
  nationality: z.string().max(10),
  dusun: z.string().max(60),
  rw: z.string().max(3),
  rt: z.string().max(3),
  /**
   * `missing` and `void` come from population events (shared/population/): a missing resident is
   * not counted until found; a person brought in by an event later reversed is `void`.
   */
  status: z.enum(['living', 'moved', 'deceased', 'missing', 'void']),
  /** For a `resident-local` correction: the regency record it corrects. */
  corrects: z.string().max(120).nullable(),
});
export type ResidentDoc = z.infer<typeof residentDocSchema>;
