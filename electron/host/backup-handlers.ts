// The host's side of the backup channels (shared/backup/channels.ts). Exports to a drive and
// switching the database (a restore or a rebuild) are role-gated actions; the scheduled local
// backup and the renderer's reports of what it holds are the kiosk's own routine.
import type { z } from 'zod';
import type { backupChannels } from '../../shared/backup/channels';
import type { Action } from '../../shared/staff/permissions';
import type { BackupStore } from './backup-store';
import { BridgeRefusal } from './bridge-handlers';

type Channels = typeof backupChannels;
export type BackupHandlers<Ctx> = {
  [C in keyof Channels]: (
    payload: z.infer<Channels[C]['request']>,
    ctx: Ctx,
  ) => z.infer<Channels[C]['response']>;
};

export interface BackupHandlerOptions<Ctx> {
  backups: BackupStore;
  kiosk(): { villageCode: string; kioskId: string };
  /** Throws unless the signed-in staff member may do `action`. */
  gate(ctx: Ctx, action: Action): void;
  now?: () => Date;
}

export function createBackupHandlers<Ctx>({
  backups,
  kiosk,
  gate,
  now = () => new Date(),
}: BackupHandlerOptions<Ctx>): BackupHandlers<Ctx> {
  return {
    'db:pointer': () => backups.pointer(),
    'db:switch': ({ databaseName, previous }, ctx) => {
      gate(ctx, 'backup.restore');
      return backups.switchDatabase(databaseName, previous);
    },
    'db:record': ({ databaseName, counts }) => backups.record(databaseName, counts, now()),
    'db:disk-space': () => ({ freeBytes: backups.freeBytes() }),
    'backup:local-key': () => ({ passphrase: backups.localKey() }),
    'backup:save-local': ({ text, stamp }) => {
      const { villageCode, kioskId } = kiosk();
      return backups.saveLocal(text, villageCode, kioskId, stamp ?? now());
    },
    'backup:list': () => ({ local: backups.listLocal(), drives: backups.drives() }),
    'backup:read-local': ({ name }, ctx) => {
      gate(ctx, 'backup.restore');
      const text = backups.readLocal(name);
      if (text === null) throw new BridgeRefusal(`Cadangan ${name} tidak ditemukan.`, 404);
      return { text };
    },
    'backup:save-to-drive': ({ drive, name, text }, ctx) => {
      gate(ctx, 'backup.export');
      const saved = backups.saveToDrive(drive, name, text);
      if (!saved) {
        throw new BridgeRefusal(
          'Drive itu tidak (lagi) terpasang; pasang flashdisk lalu pilih lagi.',
          409,
        );
      }
      return saved;
    },
  };
}
