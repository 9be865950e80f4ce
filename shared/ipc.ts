// The contract between the renderer and its host (the Electron main process, or the browser
// kiosk's loopback server). One entry per channel; the host validates every payload against
// these schemas at runtime, and the renderer validates every answer.
import { z } from 'zod';
import { backupChannels, type BackupBridge } from './backup/channels';
import { anjunganChannels, type AnjunganBridge } from './anjungan/channels';
import {
  autoLockMinutesSchema,
  setupStatusSchema,
  staffIdSchema,
  staffNameSchema,
  staffPublicSchema,
  staffRoleSchema,
  staffSecretSchema,
  type SetupStatus,
  type StaffPublic,
} from './staff/accounts';
import {
  letterPdfResponseSchema,
  letterPrintRequestSchema,
  letterPrintResponseSchema,
  archivedLetterSchema,
  type ArchivedLetter,
  type LetterPdfResponse,
  type LetterPrintRequest,
  type LetterPrintResponse,
} from './letters/print';
import type { Action } from './staff/permissions';
import { issuedPdfPrintRequestSchema, type IssuedPdfPrintRequest } from './dukcapil/print';
import { isVillageCode } from './village';

export const kioskIdSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,19}$/,
    'ID kios hanya huruf kecil, angka dan tanda hubung (maks. 20).',
  );

export const villageCodeSchema = z
  .string()
  .refine(isVillageCode, 'Kode desa harus 10 angka (kode Kemendagri).');

export const regencyUrlSchema = z
  .string()
  .url('Alamat server kabupaten tidak sah.')
  .refine((u) => /^https?:\/\//.test(u), 'Alamat server kabupaten harus http:// atau https://.');

/** What the renderer may know of the kiosk's configuration: never the sync password. */
export const kioskConfigSchema = z.object({
  villageCode: villageCodeSchema,
  kioskId: kioskIdSchema,
  /** Where the regency server is, for display; the renderer reaches it through `/regency/`. */
  regencyOrigin: z.string().nullable(),
  shell: z.enum(['electron', 'browser']),
});
export type KioskConfig = z.infer<typeof kioskConfigSchema>;

export const regencyConnectionSchema = z.object({
  url: regencyUrlSchema,
  username: z.string().min(1, 'Nama pengguna sinkronisasi wajib diisi.').max(200),
  password: z.string().min(1, 'Kata sandi sinkronisasi wajib diisi.').max(500),
});
export type RegencyConnection = z.infer<typeof regencyConnectionSchema>;

/** A kiosk's letter-signing key as provisioning hands it over (decision 0007): never to the renderer. */
export const letterKeySchema = z.object({
  keyId: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, 'ID kunci surat tidak sah (maks. 40 karakter).'),
  /**
   * Ed25519 PKCS#8 (RFC 8410), base64url: always the same 16-byte header, then the 32-byte seed,
   * so a key that passes this imports, whoever saves it.
   */
  privateKey: z
    .string()
    .regex(
      /^MC4CAQAwBQYDK2VwBCIEI[A-P][A-Za-z0-9_-]{42}$/,
      'Kunci surat bukan kunci Ed25519 yang sah.',
    ),
});
export type LetterKey = z.infer<typeof letterKeySchema>;

/** The regency connection as the setup hands it over, with the kiosk's letter key when provisioned. */
export const regencySetupSchema = regencyConnectionSchema.extend({
  letterKey: letterKeySchema.optional(),
});
export type RegencySetup = z.infer<typeof regencySetupSchema>;

/** A letter's essential content, to be signed by the host with the village key it holds. */
export const letterSignRequestSchema = z.object({
  number: z.string().min(1).max(120),
  issuedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  letterType: z.string().min(1).max(40),
  subjectNik: z.string().regex(/^\d{16}$/),
  subjectName: z.string().min(1).max(120),
  signerName: z.string().min(1).max(120),
  signerPosition: z.string().min(1).max(120),
  textHash: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});
export type LetterSignRequest = z.infer<typeof letterSignRequestSchema>;

/** The first run: the kiosk's place, its first administrator, and (unless env fixes it) the regency. */
export const staffSetupRequestSchema = z.object({
  villageCode: villageCodeSchema,
  kioskId: kioskIdSchema,
  villageName: z.string().trim().min(2, 'Nama desa wajib diisi.').max(120),
  admin: z.object({ name: staffNameSchema, secret: staffSecretSchema }),
  regency: regencySetupSchema.nullable(),
});
export type StaffSetupRequest = z.infer<typeof staffSetupRequestSchema>;

export const staffLoginSchema = z.object({ staffId: staffIdSchema, secret: z.string().max(200) });
export const staffAddSchema = z.object({
  name: staffNameSchema,
  role: staffRoleSchema,
  secret: staffSecretSchema,
});

/** Staff channels (decision 0008): the host checks the signed-in session, never the renderer's word. */
const staffChannels = {
  'staff:setup-status': { request: z.null(), response: setupStatusSchema },
  'staff:setup': { request: staffSetupRequestSchema, response: staffPublicSchema },
  /** Active staff for the sign-in screen's name list. */
  'staff:names': { request: z.null(), response: z.array(staffPublicSchema) },
  'staff:login': { request: staffLoginSchema, response: staffPublicSchema },
  'staff:logout': { request: z.null(), response: z.null() },
  'staff:whoami': { request: z.null(), response: staffPublicSchema.nullable() },
  'staff:list': { request: z.null(), response: z.array(staffPublicSchema) },
  'staff:add': { request: staffAddSchema, response: staffPublicSchema },
  'staff:set-disabled': {
    request: z.object({ staffId: staffIdSchema, disabled: z.boolean() }),
    response: staffPublicSchema,
  },
  'staff:reset-secret': {
    request: z.object({ staffId: staffIdSchema, secret: staffSecretSchema }),
    response: staffPublicSchema,
  },
  'staff:set-auto-lock': {
    request: z.object({ minutes: autoLockMinutesSchema }),
    response: setupStatusSchema,
  },
} as const;

export const ipcChannels = {
  ...backupChannels,
  ...staffChannels,
  'kiosk:get-config': { request: z.null(), response: kioskConfigSchema },
  'kiosk:set-regency': { request: regencySetupSchema, response: kioskConfigSchema },
  /** The QR payload (shared/letters/signing.ts), signed with the village key the host holds. */
  'letters:sign': {
    request: letterSignRequestSchema,
    response: z.object({ payload: z.string().max(2000) }),
  },
  /** The archived letter to the configured printer (Electron), or "unavailable" (browser kiosk). */
  'letters:print': { request: letterPrintRequestSchema, response: letterPrintResponseSchema },
  /** The archived letter as a PDF in the host's archive folder, with its SHA-256. */
  'letters:pdf': { request: archivedLetterSchema, response: letterPdfResponseSchema },
  /** A PDF Dukcapil issued, hash checked, to the configured printer (Electron) or "unavailable". */
  'dukcapil:print-pdf': {
    request: issuedPdfPrintRequestSchema,
    response: letterPrintResponseSchema,
  },
  ...anjunganChannels,
} as const;

export type IpcChannel = keyof typeof ipcChannels;
export type IpcRequest<C extends IpcChannel> = z.infer<(typeof ipcChannels)[C]['request']>;
export type IpcResponse<C extends IpcChannel> = z.infer<(typeof ipcChannels)[C]['response']>;

/** The bridge the preload exposes as `window.balai`, one function per channel. */
export interface KioskBridge extends BackupBridge, AnjunganBridge {
  getConfig(): Promise<KioskConfig>;
  setRegency(connection: RegencySetup): Promise<KioskConfig>;
  signLetter(request: LetterSignRequest): Promise<{ payload: string }>;
  printLetter(request: LetterPrintRequest): Promise<LetterPrintResponse>;
  archiveLetterPdf(request: ArchivedLetter): Promise<LetterPdfResponse>;
  printIssuedPdf(request: IssuedPdfPrintRequest): Promise<LetterPrintResponse>;
  setupStatus(): Promise<SetupStatus>;
  setup(request: StaffSetupRequest): Promise<StaffPublic>;
  staffNames(): Promise<StaffPublic[]>;
  login(request: z.infer<typeof staffLoginSchema>): Promise<StaffPublic>;
  logout(): Promise<null>;
  whoami(): Promise<StaffPublic | null>;
  staffList(): Promise<StaffPublic[]>;
  staffAdd(request: z.infer<typeof staffAddSchema>): Promise<StaffPublic>;
  staffSetDisabled(request: { staffId: string; disabled: boolean }): Promise<StaffPublic>;
  staffResetSecret(request: { staffId: string; secret: string }): Promise<StaffPublic>;
  setAutoLock(request: { minutes: number }): Promise<SetupStatus>;
}

/** The path prefix, on the renderer's own origin, that the host forwards to the village database. */
export const REGENCY_PROXY_PREFIX = '/regency/';

/**
 * The link probe's mark (a `HEAD` of `/regency/`): the host answers a probe it cannot carry with
 * 204 and `REGENCY_STATE_HEADER: unreachable`, not a 502 — being offline is not an error, and
 * the browser logs every 5xx in the console.
 */
export const PROBE_HEADER = 'x-balai-probe';
export const REGENCY_STATE_HEADER = 'x-balai-regency';

/** The path prefix of the browser kiosk's bridge endpoints: `POST /api/<channel>`. */
export const BROWSER_BRIDGE_PREFIX = '/api/';

/** An error the host answers with: a message for staff in Bahasa Indonesia. */
export const ipcErrorSchema = z.object({ error: z.string() });

/**
 * Who may call a channel (decision 0013). Every channel needs the host's own window first: in
 * Electron the window the host opened on its own origin, in the browser kiosk the window it
 * launched (its launch cookie). On top of that, `window` asks for nothing more — what the sign-in
 * screen, the first run and the kiosk's own routine (the 30-second report, the scheduled local
 * backup) need while nobody is signed in — and `staff` asks for a signed-in staff member whose
 * role may take `action` in the permissions table.
 */
export type ChannelAccess = { who: 'window' } | { who: 'staff'; action: Action };

const WINDOW: ChannelAccess = { who: 'window' };
const staffMay = (action: Action): ChannelAccess => ({ who: 'staff', action });

/** One declaration per channel; the host checks it in one place (electron/host/bridge-handlers.ts). */
export const CHANNEL_ACCESS: { readonly [C in IpcChannel]: ChannelAccess } = {
  // Opening the kiosk and its routine, signed in or not (decision 0009: the scheduled backup's
  // key only protects a copy taken off the PC; the window it goes to can read IndexedDB anyway).
  'db:pointer': WINDOW,
  'db:record': WINDOW,
  'db:disk-space': WINDOW,
  'backup:local-key': WINDOW,
  'backup:save-local': WINDOW,
  'backup:list': WINDOW,
  'db:switch': staffMay('backup.restore'),
  'backup:read-local': staffMay('backup.restore'),
  'backup:save-to-drive': staffMay('backup.export'),
  // The sign-in screen and the first run (which the host allows only while no administrator exists).
  'staff:setup-status': WINDOW,
  'staff:setup': WINDOW,
  'staff:names': WINDOW,
  'staff:login': WINDOW,
  'staff:logout': WINDOW,
  'staff:whoami': WINDOW,
  'staff:list': staffMay('staff.manage'),
  'staff:add': staffMay('staff.manage'),
  'staff:set-disabled': staffMay('staff.manage'),
  'staff:reset-secret': staffMay('staff.manage'),
  'staff:set-auto-lock': staffMay('settings.edit'),
  'kiosk:get-config': WINDOW,
  // Where the village's data goes, and the letter key with it: configuration for the administrator.
  'kiosk:set-regency': staffMay('settings.edit'),
  'letters:sign': staffMay('letter.sign'),
  'letters:print': staffMay('letter.print'),
  // Archived when a letter is issued or reprinted, by whoever may print it.
  'letters:pdf': staffMay('letter.print'),
  'dukcapil:print-pdf': staffMay('dukcapil.print'),
  // The anjungan mandiri (decision 0026): the desk issues PINs and registers cards; the resident
  // channels are for the anjungan's window, which the host lets call nothing else
  // (ANJUNGAN_MODE_CHANNELS), and their handlers refuse a desk window.
  'resident:issue-pin': staffMay('resident.credential'),
  'resident:register-card': staffMay('resident.credential'),
  'anjungan:login-pin': WINDOW,
  'anjungan:login-card': WINDOW,
  'anjungan:change-pin': WINDOW,
  'anjungan:whoami': WINDOW,
  'anjungan:logout': WINDOW,
  'anjungan:confirm': WINDOW,
  'anjungan:print': WINDOW,
};
