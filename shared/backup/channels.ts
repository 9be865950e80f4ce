// The backup and recovery channels of the kiosk bridge (spread into `ipcChannels` in ../ipc.ts).
// Backup files cross the bridge whole, as text: a village's data is megabytes, not gigabytes.
import { z } from 'zod';

/** Far above a village's data (20,000 residents ≈ 15 MB of backup), far below the host's memory. */
export const MAX_BACKUP_TEXT = 200 * 1024 * 1024;

const databaseNameSchema = z
  .string()
  .regex(/^balai_\d{10}_[a-z0-9_]{1,20}(_r\d{1,16})?$/, 'Nama basis data kios tidak sah.');
const countsSchema = z.record(z.string().max(40), z.number().int().min(0));

export const databasePointerSchema = z.object({
  /** The IndexedDB database the renderer opens; null: the default name for village and kiosk. */
  databaseName: databaseNameSchema.nullable(),
  /** What the renderer last reported the database holding. */
  lastKnown: z.object({ counts: countsSchema, recordedAt: z.string() }).nullable(),
  /** The database open before the last switch, kept as a fallback; any older one is removed. */
  previous: databaseNameSchema.nullable(),
});
export type DatabasePointer = z.infer<typeof databasePointerSchema>;

export const backupFileSchema = z.object({
  name: z.string().max(200),
  bytes: z.number().int().min(0),
  modifiedAt: z.string(),
});
export type BackupFile = z.infer<typeof backupFileSchema>;

export const removableDriveSchema = z.object({ path: z.string().max(500), label: z.string() });
export type RemovableDrive = z.infer<typeof removableDriveSchema>;

const backupTextSchema = z.string().min(1).max(MAX_BACKUP_TEXT);
/**
 * `YYYYMMDD-HHMMSS` on the office's calendar and clock — one naming rule for the manual and the
 * scheduled backup. The renderer stamps it (its clock is the office's; the host process may run
 * in UTC), the host only adds the village and kiosk it knows.
 */
export function backupStamp(at: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return (
    `${at.getFullYear()}${p(at.getMonth() + 1)}${p(at.getDate())}-` +
    `${p(at.getHours())}${p(at.getMinutes())}${p(at.getSeconds())}`
  );
}

const backupStampSchema = z.string().regex(/^\d{8}-\d{6}$/, 'Cap waktu cadangan tidak sah.');

const fileNameSchema = z
  .string()
  .regex(
    /^balai-\d{10}-[a-z0-9-]{1,20}-\d{8}-\d{6}(-\d+)?\.balai-backup$/,
    'Nama berkas cadangan tidak sah.',
  );

export const backupChannels = {
  'db:pointer': { request: z.null(), response: databasePointerSchema },
  /** After a restore or a rebuild has completed in a fresh database: open that one from now on. */
  'db:switch': {
    request: z.object({ databaseName: databaseNameSchema, previous: databaseNameSchema }),
    response: databasePointerSchema,
  },
  'db:record': {
    request: z.object({ databaseName: databaseNameSchema, counts: countsSchema }),
    response: databasePointerSchema,
  },
  /** Free space on the disk of the kiosk's data, to tell staff a failed write means a full disk. */
  'db:disk-space': {
    request: z.null(),
    response: z.object({ freeBytes: z.number().int().min(0).nullable() }),
  },
  'backup:local-key': { request: z.null(), response: z.object({ passphrase: z.string().min(20) }) },
  'backup:save-local': {
    /** `stamp`: the office's local time (`backupStamp`); absent from an older renderer. */
    request: z.object({ text: backupTextSchema, stamp: backupStampSchema.optional() }),
    response: backupFileSchema,
  },
  'backup:list': {
    request: z.null(),
    response: z.object({ local: z.array(backupFileSchema), drives: z.array(removableDriveSchema) }),
  },
  'backup:read-local': {
    request: z.object({ name: fileNameSchema }),
    response: z.object({ text: backupTextSchema }),
  },
  'backup:save-to-drive': {
    request: z.object({ drive: z.string().max(500), name: fileNameSchema, text: backupTextSchema }),
    response: backupFileSchema,
  },
} as const;

type Channels = typeof backupChannels;
type Req<C extends keyof Channels> = z.infer<Channels[C]['request']>;
type Res<C extends keyof Channels> = z.infer<Channels[C]['response']>;

/** The bridge functions for these channels, one per channel. */
export interface BackupBridge {
  databasePointer(): Promise<Res<'db:pointer'>>;
  switchDatabase(request: Req<'db:switch'>): Promise<Res<'db:switch'>>;
  recordDatabase(request: Req<'db:record'>): Promise<Res<'db:record'>>;
  diskSpace(): Promise<Res<'db:disk-space'>>;
  localBackupKey(): Promise<Res<'backup:local-key'>>;
  saveLocalBackup(request: Req<'backup:save-local'>): Promise<Res<'backup:save-local'>>;
  listBackups(): Promise<Res<'backup:list'>>;
  readLocalBackup(request: Req<'backup:read-local'>): Promise<Res<'backup:read-local'>>;
  saveBackupToDrive(request: Req<'backup:save-to-drive'>): Promise<Res<'backup:save-to-drive'>>;
}

/** Channel → bridge function, for the preload and the browser bridge to build theirs from. */
export const BACKUP_BRIDGE_FUNCTIONS = {
  databasePointer: 'db:pointer',
  switchDatabase: 'db:switch',
  recordDatabase: 'db:record',
  diskSpace: 'db:disk-space',
  localBackupKey: 'backup:local-key',
  saveLocalBackup: 'backup:save-local',
  listBackups: 'backup:list',
  readLocalBackup: 'backup:read-local',
  saveBackupToDrive: 'backup:save-to-drive',
} as const satisfies Record<keyof BackupBridge, keyof Channels>;
