import { describe, expect, it } from 'vitest';
import { chromiumArgs, hasDisplay } from './chromium';

describe('chromiumArgs', () => {
  const base = { url: 'http://127.0.0.1:5174/', profileDir: '/data/chromium-profile' };

  it('opens the kiosk as an app window in its own profile', () => {
    const args = chromiumArgs({ ...base, kiosk: false, runningAsRoot: false });
    expect(args).toContain('--app=http://127.0.0.1:5174/');
    expect(args).toContain('--user-data-dir=/data/chromium-profile');
    expect(args).toContain('--no-first-run');
    expect(args).not.toContain('--no-sandbox');
  });

  it('turns the sandbox off only for root, and goes full screen in kiosk mode', () => {
    const args = chromiumArgs({ ...base, kiosk: true, runningAsRoot: true });
    expect(args.slice(0, 2)).toEqual(['--kiosk', 'http://127.0.0.1:5174/']);
    expect(args).toContain('--no-sandbox');
  });
});

describe('hasDisplay', () => {
  it('sees X11 or Wayland', () => {
    expect(hasDisplay({ DISPLAY: ':0' })).toBe(true);
    expect(hasDisplay({ WAYLAND_DISPLAY: 'wayland-0' })).toBe(true);
    expect(hasDisplay({})).toBe(false);
  });
});
