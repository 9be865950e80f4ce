// Files that hold secrets and must survive a power cut — the kiosk host's configuration, staff
// accounts, database pointer, backups and archived letters; the hub's admin login, server uuid
// and kiosk connections. One way to write them, for both (node-shared/: Node-only code that
// electron/ and sync/ may import; decision 0014): private (0600, in a 0700 folder) and atomic (temp file, fsync,
// rename), so a cut leaves the old file or the whole new one, never half of one.
import {
  chmodSync,
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { dirname } from 'node:path';

export function writePrivateFile(file: string, data: string | Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeFileSync(fd, data);
    // Without this a power cut after the rename can leave an empty file under the new name.
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  // `mode` applies only when the file is created; a temp file left by a crash keeps its own.
  chmodSync(temp, 0o600);
  renameSync(temp, file);
}

/** The file's text, or null when there is none (any other error is thrown). */
export function readTextIfExists(file: string): string | null {
  const bytes = readBytesIfExists(file);
  return bytes === null ? null : bytes.toString('utf8');
}

export function readBytesIfExists(file: string): Buffer | null {
  try {
    return readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Parsed JSON, or undefined for text that is not JSON (the caller's schema then refuses it). */
export function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
