// Where the Electron binary is, if this machine has one. The `electron` package resolves to the
// binary's path, and throws ("Electron failed to install correctly") when its install step never
// downloaded it, which is the normal case here (DESIGN decision 3).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export function findElectronBinary(): string | null {
  try {
    const path: unknown = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}
