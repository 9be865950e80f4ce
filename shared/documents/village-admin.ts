// What the regency keeps about a village: its officials (signers) and its profile (letterhead).
import { z } from 'zod';
import { logoDataUrlSchema } from '../letters/logo';
import { syncedBase } from './base';

export const officialDocSchema = syncedBase('official').extend({
  name: z.string().min(1).max(120),
  position: z.string().max(120),
  /** NIP or NIPD, as printed under the signature. */
  employeeNumber: z.string().max(30),
  role: z.enum(['kepala-desa', 'sekretaris', 'kaur-keuangan', 'staf']),
  active: z.boolean(),
});
export type OfficialDoc = z.infer<typeof officialDocSchema>;

export const villageProfileDocSchema = syncedBase('village-profile').extend({
  villageName: z.string().max(120),
  districtName: z.string().max(120),
  regencyName: z.string().max(120),
  address: z.string().max(300),
  /** Letter page: paper, margins (mm, top/right/bottom/left), font (shared/letters/template.ts). */
  letterPage: z
    .object({
      paper: z.enum(['F4', 'A4']),
      marginsMm: z.tuple([z.number(), z.number(), z.number(), z.number()]),
      font: z.enum(['serif', 'sans']),
      fontSizePt: z.number().min(9).max(14),
    })
    .default({ paper: 'F4', marginsMm: [15, 20, 15, 25], font: 'serif', fontSizePt: 12 }),
  /** Letter numbering (shared/letters/numbering.ts). */
  letterNumbering: z
    .object({
      format: z.string().max(120),
      series: z.enum(['village', 'letter-type']),
      serialDigits: z.number().int().min(1).max(6),
    })
    .default({
      format: '{classification}/{serial}-{kiosk}/{village}/{month}/{year}',
      series: 'village',
      serialDigits: 3,
    }),
  /**
   * The published Ed25519 public keys for the village's letters: key id → raw key, base64url.
   * One key per kiosk (`<kiosk>-<n>`); a rotated key stays here so older letters still verify.
   */
  letterKeys: z.record(z.string().max(40), z.string().max(60)).default({}),
  /** Registry v3: the regency logo for the letterhead (PNG/JPEG/SVG data URL, shared/letters/logo.ts). */
  regencyLogo: logoDataUrlSchema.optional(),
});
export type VillageProfileDoc = z.infer<typeof villageProfileDocSchema>;
