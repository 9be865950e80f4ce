// The host's side of the backup channels (shared/backup/channels.ts). Who may call each is
// declared in `CHANNEL_ACCESS` (shared/ipc.ts) and checked before these run: exports to a drive
// and switching the database (a restore or a rebuild) are the administrator's; the scheduled local
// backup and the renderer's reports of what it holds are the kiosk's own routine.
import type { z } from 'zod';
import type { backupChannels } from '../../shared/backup/channels';
import type { BackupStore } from './backup-store';
import { BridgeRefusal } from './bridge-handlers';

type Channels = typeof backupChannels;
export type BackupHandlers = {
  [C in keyof Channels]: (
    payload: z.infer<Channels[C]['request']>,
  ) => z.infer<Channels[C]['response']>;
};

export interface BackupHandlerOptions {
  backups: BackupStore;
  kiosk(): { villageCode: string; kioskId: string };
  now?: () => Date;
}

export function createBackupHandlers({
  backups,
  kiosk,
  now = () => new Date(),
}: BackupHandlerOptions): BackupHandlers {
  return {
    'db:pointer': () => backups.pointer(),
    'db:switch': ({ databaseName, previous }) => backups.switchDatabase(databaseName, previous),
    'db:record': ({ databaseName, counts }) => backups.record(databaseName, counts, now()),
    'db:disk-space': () => ({ freeBytes: backups.freeBytes() }),
    'backup:local-key': () => ({ passphrase: backups.localKey() }),
    'backup:save-local': ({ text, stamp }) => {
      const { villageCode, kioskId } = kiosk();
      return backups.saveLocal(text, villageCode, kioskId, stamp ?? now());
    },
    'backup:list': () => ({ local: backups.listLocal(), drives: backups.drives() }),
    'backup:read-local': ({ name }) => {
      const text = backups.readLocal(name);
      if (text === null) throw new BridgeRefusal(`Cadangan ${name} tidak ditemukan.`, 404);
      return { text };
    },
    'backup:save-to-drive': ({ drive, name, text }) => {
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
