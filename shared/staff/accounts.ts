// What the renderer and the host say to each other about staff: names, roles, secrets and the
// first-run setup. The host validates every payload with these schemas (shared/ipc.ts).
import { z } from 'zod';
import { STAFF_ROLES } from './roles';

export const staffIdSchema = z.string().regex(/^[a-z0-9-]{1,40}$/, 'ID petugas tidak sah.');

export const staffNameSchema = z
  .string()
  .trim()
  .min(2, 'Nama petugas minimal 2 huruf.')
  .max(80, 'Nama petugas maksimal 80 huruf.');

export const staffRoleSchema = z.enum(STAFF_ROLES, 'Peran petugas tidak dikenal.');

/**
 * A PIN of at least 6 digits, or a password of at least 8 characters. Short PINs are what a
 * shoulder-surfer at a shared office PC guesses first; the lockout covers the rest.
 */
export const staffSecretSchema = z
  .string()
  .max(200, 'PIN atau kata sandi terlalu panjang.')
  .refine(
    (s) => (/^\d+$/.test(s) ? s.length >= 6 : s.length >= 8),
    'PIN minimal 6 angka, atau kata sandi minimal 8 karakter.',
  );

/** A staff member as the renderer may see them: never the hash. */
export const staffPublicSchema = z.object({
  id: staffIdSchema,
  name: z.string(),
  role: staffRoleSchema,
  disabled: z.boolean(),
});
export type StaffPublic = z.infer<typeof staffPublicSchema>;

export const AUTO_LOCK_DEFAULT_MINUTES = 5;
export const autoLockMinutesSchema = z
  .number()
  .int('Menit kunci otomatis harus bilangan bulat.')
  .min(1, 'Kunci otomatis minimal 1 menit.')
  .max(120, 'Kunci otomatis maksimal 120 menit.');

export const setupStatusSchema = z.object({
  /** True until the first administrator exists. */
  needed: z.boolean(),
  villageCode: z.string(),
  kioskId: z.string(),
  villageName: z.string(),
  /** Set by environment variables, so the wizard shows them and does not ask. */
  fixed: z.object({ kiosk: z.boolean(), regency: z.boolean() }),
  regencyOrigin: z.string().nullable(),
  autoLockMinutes: z.number(),
  /** Where the connection in force came from: the wizard shows a found one ('hub'), not blanks. */
  regencySource: z.enum(['env', 'saved', 'hub']).nullable(),
  /** The kiosk's account name at the regency (never its password). */
  regencyUser: z.string().nullable(),
});
export type SetupStatus = z.infer<typeof setupStatusSchema>;
