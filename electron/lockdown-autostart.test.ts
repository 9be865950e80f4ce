import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  applyAutostart,
  AUTOSTART_FILE,
  autostartEntry,
  configHomeOf,
  executableOf,
  LOGIN_ITEM_NAME,
  quoteExecArgument,
  readAutostart,
  type AutostartHost,
} from './lockdown-autostart';

function host(platform: NodeJS.Platform, settings: unknown[] = []): AutostartHost {
  return {
    platform,
    setLoginItemSettings: (s) => void settings.push(s),
    executable: '/opt/Balai/balai',
    configHome: mkdtempSync(join(tmpdir(), 'balai-autostart-')),
  };
}

describe('readAutostart', () => {
  it('follows BALAI_AUTOSTART, else on when packaged and untouched in development', () => {
    expect(readAutostart({ BALAI_AUTOSTART: '1' }, false)).toBe(true);
    expect(readAutostart({ BALAI_AUTOSTART: '0' }, true)).toBe(false);
    expect(readAutostart({}, true)).toBe(true);
    expect(readAutostart({ BALAI_AUTOSTART: '' }, false)).toBeNull();
  });

  it('names the AppImage file, not its temporary mount, and honours XDG_CONFIG_HOME', () => {
    expect(executableOf({ APPIMAGE: '/home/desa/Balai.AppImage' }, '/tmp/.mount_x/balai')).toBe(
      '/home/desa/Balai.AppImage',
    );
    expect(executableOf({}, '/opt/Balai/balai')).toBe('/opt/Balai/balai');
    expect(configHomeOf({}, '/home/desa')).toBe('/home/desa/.config');
    expect(configHomeOf({ XDG_CONFIG_HOME: '/x' }, '/home/desa')).toBe('/x');
  });
});

describe('applyAutostart', () => {
  it('sets the login item on Windows and macOS', async () => {
    for (const platform of ['win32', 'darwin'] as const) {
      const settings: unknown[] = [];
      await applyAutostart(true, host(platform, settings));
      await applyAutostart(false, host(platform, settings));
      expect(settings).toEqual([
        { openAtLogin: true, name: LOGIN_ITEM_NAME, path: '/opt/Balai/balai', args: [] },
        { openAtLogin: false, name: LOGIN_ITEM_NAME, path: '/opt/Balai/balai', args: [] },
      ]);
    }
  });

  it('writes the XDG autostart entry on Linux, once, and removes it', async () => {
    const linux = host('linux');
    const file = join(linux.configHome, 'autostart', AUTOSTART_FILE);
    await applyAutostart(true, linux);
    expect(readFileSync(file, 'utf8')).toBe(autostartEntry('/opt/Balai/balai'));
    const written = statSync(file).mtimeMs;
    await applyAutostart(true, linux);
    expect(statSync(file).mtimeMs).toBe(written);
    await applyAutostart(false, linux);
    expect(existsSync(file)).toBe(false);
    await applyAutostart(false, linux); // already off: nothing to do, no error
  });
});

describe('the desktop entry', () => {
  it('quotes the program as the Desktop Entry spec asks', () => {
    expect(quoteExecArgument('/opt/Balai/balai')).toBe('"/opt/Balai/balai"');
    expect(quoteExecArgument('/home/Pak Kades/Balai 100%.AppImage')).toBe(
      '"/home/Pak Kades/Balai 100%%.AppImage"',
    );
    expect(quoteExecArgument('/a"b$c')).toBe('"/a\\\\"b\\\\$c"');
    expect(autostartEntry('/opt/Balai/balai')).toContain('\nExec="/opt/Balai/balai"\n');
    expect(autostartEntry('/x')).toMatch(/^\[Desktop Entry\]\nType=Application\n/);
  });
});
