// What the regency keeps about a village: its officials (signers) and its profile (letterhead).
import { z } from 'zod';
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
});
export type VillageProfileDoc = z.infer<typeof villageProfileDocSchema>;
