// Start at login: a village office turns the PC on and the kiosk is there, with nobody to
// find and click an icon. Windows and macOS keep the setting themselves
// (`app.setLoginItemSettings`: the registry's Run key, the login items); Linux desktops read
// `~/.config/autostart/*.desktop` (the XDG autostart spec), which Electron does not write, so
// it is written here. The choice is `BALAI_AUTOSTART` (1/0); unset, a packaged kiosk starts at
// login and a development build leaves the setting alone.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Settings } from 'electron';

/** The Run-key value name on Windows; the NSIS uninstaller removes the same name. */
export const LOGIN_ITEM_NAME = 'Balai';
export const AUTOSTART_FILE = 'id.go.desa.balai.desktop';

/** true/false: turn start-at-login on/off; null: leave whatever the OS has. */
export function readAutostart(
  env: Record<string, string | undefined>,
  packaged: boolean,
): boolean | null {
  const value = env.BALAI_AUTOSTART?.trim();
  if (value === '1') return true;
  if (value === '0') return false;
  return packaged ? true : null;
}

export interface AutostartHost {
  platform: NodeJS.Platform;
  setLoginItemSettings(settings: Settings): void;
  /** The program to start: the AppImage file when run from one, else the executable. */
  executable: string;
  /** `$XDG_CONFIG_HOME`, or `~/.config`. */
  configHome: string;
}

/** Where the running program lives, as a login item must name it. */
export function executableOf(env: Record<string, string | undefined>, execPath: string): string {
  // An AppImage runs from a temporary mount that is gone after exit; $APPIMAGE is the file.
  return env.APPIMAGE?.trim() || execPath;
}

export function configHomeOf(env: Record<string, string | undefined>, home: string): string {
  return env.XDG_CONFIG_HOME?.trim() || join(home, '.config');
}

export async function applyAutostart(enabled: boolean, host: AutostartHost): Promise<void> {
  if (host.platform === 'win32' || host.platform === 'darwin') {
    host.setLoginItemSettings({
      openAtLogin: enabled,
      name: LOGIN_ITEM_NAME,
      path: host.executable,
      args: [],
    });
    return;
  }
  const folder = join(host.configHome, 'autostart');
  const file = join(folder, AUTOSTART_FILE);
  if (!enabled) return rm(file, { force: true });
  const entry = autostartEntry(host.executable);
  if ((await readFile(file, 'utf8').catch(() => null)) === entry) return;
  await mkdir(folder, { recursive: true });
  // Written whole or not at all: a half-written entry would silently not start the kiosk.
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, entry, { mode: 0o644 });
  await rename(temporary, file);
}

/** The XDG autostart entry that starts `executable`. */
export function autostartEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Balai',
    'Comment=Kiosk layanan kantor desa',
    `Exec=${quoteExecArgument(executable)}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Quoted as the Desktop Entry spec asks: in double quotes, with " ` $ \ escaped and % doubled. */
export function quoteExecArgument(argument: string): string {
  const escaped = argument.replace(/["`$\\]/g, (char) => `\\${char}`).replace(/%/g, '%%');
  // The spec's string escaping applies once more to the whole value: backslashes double again.
  return `"${escaped.replace(/\\/g, '\\\\')}"`;
}
