// What the host keeps for backups and recovery, in its data dir (plain Node, both shells):
//
// - `database.json`, the pointer: which IndexedDB database the renderer opens, and what it last
//   reported holding (document counts per collection). A restore writes into a fresh database
//   and only then moves the pointer, so a kiosk killed mid-restore still opens the old one whole.
//   Documents are never deleted (docs/PRINCIPLES.md §6), so fewer documents than last reported means the
//   local database was lost or damaged.
// - `backups/`, the scheduled local backups, N generations, each written to a temp file and
//   renamed, so a power cut leaves either the old set or the new file, never half a file.
// - `backup-key`, the random passphrase of the scheduled local backups (0600). It lies beside
//   them, so it protects a backup copied off the PC, not one read on it; exports to a drive use
//   a passphrase staff choose.
import { randomBytes } from 'node:crypto';
import { readdirSync, rmSync, statSync, statfsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { basename, join } from 'node:path';
import { z } from 'zod';
import {
  parseJsonOrUndefined,
  readTextIfExists,
  writePrivateFile,
} from '../../node-shared/private-files';
import {
  backupStamp,
  type BackupFile,
  type DatabasePointer,
  type RemovableDrive,
} from '../../shared/backup/channels';

export const LOCAL_BACKUP_GENERATIONS = 7;
const POINTER_FILE = 'database.json';
const KEY_FILE = 'backup-key';
const BACKUP_DIR = 'backups';
const BACKUP_NAME = /^balai-\d{10}-[a-z0-9-]{1,20}-\d{8}-\d{6}(-\d+)?\.balai-backup$/;

const pointerFileSchema = z.object({
  databaseName: z.string().min(1).max(200).nullable(),
  previous: z.string().min(1).max(200).nullable().default(null),
  lastKnown: z
    .object({
      counts: z.record(z.string(), z.number().int().min(0)),
      recordedAt: z.string(),
    })
    .nullable(),
});

export class BackupStore {
  constructor(
    readonly dataDir: string,
    /** Where removable drives are mounted; Linux desktops use these two. */
    private readonly mountRoots: string[] = defaultMountRoots(),
  ) {}

  pointer(): DatabasePointer {
    const text = readTextIfExists(join(this.dataDir, POINTER_FILE));
    if (text === null) return { databaseName: null, lastKnown: null, previous: null };
    const parsed = pointerFileSchema.safeParse(parseJsonOrUndefined(text));
    // A damaged pointer file: the default database, and no memory to compare it with.
    return parsed.success ? parsed.data : { databaseName: null, lastKnown: null, previous: null };
  }

  /** Points the kiosk at another database (a completed restore or a fresh rebuild). */
  switchDatabase(databaseName: string, previous: string): DatabasePointer {
    const next: DatabasePointer = { databaseName, lastKnown: null, previous };
    writePrivateFile(join(this.dataDir, POINTER_FILE), JSON.stringify(next));
    return next;
  }

  /** Remembers what the open database holds; counts only grow, since nothing is deleted. */
  record(databaseName: string, counts: Record<string, number>, at: Date): DatabasePointer {
    const current = this.pointer();
    // A report from a database the pointer has left (a tab still open on the old one) is ignored.
    if (current.databaseName !== null && current.databaseName !== databaseName) return current;
    const next: DatabasePointer = {
      databaseName,
      lastKnown: { counts, recordedAt: at.toISOString() },
      previous: current.previous,
    };
    writePrivateFile(join(this.dataDir, POINTER_FILE), JSON.stringify(next));
    return next;
  }

  /** Free bytes on the data dir's disk, or null where the file system will not say. */
  freeBytes(): number | null {
    try {
      const stats = statfsSync(this.dataDir);
      return stats.bavail * stats.bsize;
    } catch {
      return null;
    }
  }

  /** The scheduled backups' passphrase, made on first use. */
  localKey(): string {
    const file = join(this.dataDir, KEY_FILE);
    const existing = readTextIfExists(file)?.trim();
    if (existing) return existing;
    const key = randomBytes(32).toString('base64url');
    writePrivateFile(file, key);
    return key;
  }

  /** `at`: the office's local time as the renderer stamped it, else the host's clock. */
  saveLocal(text: string, villageCode: string, kioskId: string, at: Date | string): BackupFile {
    const dir = join(this.dataDir, BACKUP_DIR);
    const when = typeof at === 'string' ? at : backupStamp(at);
    let name = `balai-${villageCode}-${kioskId}-${when}.balai-backup`;
    for (let n = 2; readTextIfExists(join(dir, name)) !== null; n++) {
      name = `balai-${villageCode}-${kioskId}-${when}-${n}.balai-backup`;
    }
    writePrivateFile(join(dir, name), text);
    // Oldest first by name (the stamp sorts by time); keep the newest N.
    const all = this.listLocal();
    for (const old of all.slice(0, Math.max(0, all.length - LOCAL_BACKUP_GENERATIONS))) {
      rmSync(join(dir, old.name), { force: true });
    }
    return describe(join(dir, name));
  }

  /** The local backups, oldest first. */
  listLocal(): BackupFile[] {
    const dir = join(this.dataDir, BACKUP_DIR);
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return [];
    }
    return names
      .filter((name) => BACKUP_NAME.test(name))
      .sort()
      .map((name) => describe(join(dir, name)));
  }

  readLocal(name: string): string | null {
    if (!BACKUP_NAME.test(name)) return null;
    return readTextIfExists(join(this.dataDir, BACKUP_DIR, name));
  }

  /** Mounted removable drives: the folders under the desktop's mount roots. */
  drives(): RemovableDrive[] {
    const drives: RemovableDrive[] = [];
    for (const root of this.mountRoots) {
      let names: string[];
      try {
        names = readdirSync(root);
      } catch {
        continue;
      }
      for (const name of names) {
        const path = join(root, name);
        try {
          if (statSync(path).isDirectory()) drives.push({ path, label: name });
        } catch {
          // Unreadable mount: not offered.
        }
      }
    }
    return drives;
  }

  /** Writes an export onto a listed drive; any other path is refused (null). */
  saveToDrive(drivePath: string, fileName: string, text: string): BackupFile | null {
    if (!this.drives().some((d) => d.path === drivePath) || !BACKUP_NAME.test(fileName)) {
      return null;
    }
    const file = join(drivePath, fileName);
    writePrivateFile(file, text);
    return describe(file);
  }
}

function defaultMountRoots(): string[] {
  const user = safeUser();
  return user ? [join('/media', user), join('/run/media', user)] : [];
}

function safeUser(): string | null {
  try {
    return userInfo().username;
  } catch {
    return null;
  }
}

function describe(file: string): BackupFile {
  const stat = statSync(file);
  return { name: basename(file), bytes: stat.size, modifiedAt: stat.mtime.toISOString() };
}
