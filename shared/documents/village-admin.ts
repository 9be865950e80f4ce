// What is kept about a village. The regency writes its officials (signers, the older way) and its
// profile: the names that follow from the Kemendagri code, the letter settings and keys, the logo.
// The village writes its office (`village-office`): address and contacts and the officials who
// sign, each save a new document, the newest one current (docs/decisions/0015).
import { z } from 'zod';
import { logoDataUrlSchema } from '../letters/logo';
import { syncedBase } from './base';

/** The roles an official holds, on the regency's `official` and on the office's own list. */
export const OFFICIAL_ROLES = ['kepala-desa', 'sekretaris', 'kaur-keuangan', 'staf'] as const;

export const officialDocSchema = syncedBase('official').extend({
  name: z.string().min(1).max(120),
  position: z.string().max(120),
  /** NIP or NIPD, as printed under the signature. */
  employeeNumber: z.string().max(30),
  role: z.enum(OFFICIAL_ROLES),
  active: z.boolean(),
});
export type OfficialDoc = z.infer<typeof officialDocSchema>;

export const villageProfileDocSchema = syncedBase('village-profile').extend({
  villageName: z.string().max(120),
  districtName: z.string().max(120),
  regencyName: z.string().max(120),
  /** Before registry v4 the regency's; now the office's (`village-office`), kept as a fallback. */
  address: z.string().max(300),
  /** Registry v4: the province, and whether the regency is a Kabupaten or a Kota. */
  provinceName: z.string().max(120).default(''),
  regencyKind: z.enum(['Kabupaten', 'Kota']).default('Kabupaten'),
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
  /**
   * Registry v4: the regency's public verification page; a letter's QR is this URL with the
   * signed payload after `#`. Empty: the QR carries the bare payload (checked with the CLI).
   */
  verifyUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ }).max(200)]).default(''),
});
export type VillageProfileDoc = z.infer<typeof villageProfileDocSchema>;

/** One official of the office as it sets them: who signs, under which title and number. */
export const officeOfficialSchema = z.object({
  role: z.enum(OFFICIAL_ROLES),
  name: z.string().trim().min(1, 'Nama pejabat wajib diisi.').max(120),
  /** Jabatan as printed under the signature, e.g. `Kepala Desa`, `Sekretaris Desa`. */
  position: z.string().trim().min(1, 'Jabatan wajib diisi.').max(120),
  /** NIP or NIPD; empty where the official has none. */
  employeeNumber: z
    .string()
    .trim()
    .max(30)
    .regex(/^[0-9 ./-]*$/, 'NIP/NIPD hanya angka, spasi, titik, garis miring atau tanda hubung.'),
});
export type OfficeOfficial = z.infer<typeof officeOfficialSchema>;

/**
 * Registry v4: what the office owns and sets itself. Never edited in place: each save is a new
 * document from its kiosk (one writer each, so two kiosks saving offline cannot conflict) and the
 * newest by `updatedAt` is the office's current profile (`currentOffice`).
 */
export const villageOfficeDocSchema = syncedBase('village-office').extend({
  address: z.string().trim().max(300),
  postalCode: z
    .string()
    .trim()
    .regex(/^(\d{5})?$/, 'Kode pos harus 5 angka.'),
  phone: z
    .string()
    .trim()
    .max(30)
    .regex(/^[0-9 +()-]*$/, 'Telepon hanya angka, spasi, +, ( ) atau tanda hubung.'),
  email: z.union([z.literal(''), z.email('Alamat e-mail tidak sah.').max(120)]),
  officials: z.array(officeOfficialSchema).max(20),
});
export type VillageOfficeDoc = z.infer<typeof villageOfficeDocSchema>;

/** The office's current document: the newest saved (ties broken by id, so every kiosk agrees). */
export function currentOffice<T extends Pick<VillageOfficeDoc, 'updatedAt' | 'id'>>(
  docs: readonly T[],
): T | undefined {
  return [...docs].sort((a, b) =>
    a.updatedAt === b.updatedAt ? (a.id < b.id ? -1 : 1) : a.updatedAt < b.updatedAt ? -1 : 1,
  )[docs.length - 1];
}
