import { describe, expect, it } from 'vitest';
import {
  BASELINE_WEB_PREFERENCES,
  devToolsAllowed,
  hasBaseline,
  kioskWindowOptions,
  lockedOptions,
} from './window-factory';

describe('lockedOptions', () => {
  it('adds the whole baseline to what a window asks for, keeping the rest', () => {
    const options = lockedOptions(
      { show: false, webPreferences: { javascript: false, preload: '/p.cjs' } },
      { devTools: false },
    );
    expect(options.show).toBe(false);
    expect(options.webPreferences).toEqual({
      javascript: false,
      preload: '/p.cjs',
      ...BASELINE_WEB_PREFERENCES,
      devTools: false,
    });
    expect(hasBaseline(options.webPreferences)).toBe(true);
    expect(hasBaseline(lockedOptions({}, { devTools: true }).webPreferences)).toBe(true);
  });

  it('refuses every weakening of the baseline, one key at a time', () => {
    for (const [key, value] of Object.entries(BASELINE_WEB_PREFERENCES)) {
      expect(() =>
        lockedOptions({ webPreferences: { [key]: !value } }, { devTools: true }),
      ).toThrow(key);
    }
  });

  it('turns developer tools on only when the policy allows and the window does not refuse', () => {
    expect(lockedOptions({}, { devTools: true }).webPreferences?.devTools).toBe(true);
    expect(
      lockedOptions({ webPreferences: { devTools: false } }, { devTools: true }).webPreferences
        ?.devTools,
    ).toBe(false);
    expect(() =>
      lockedOptions({ webPreferences: { devTools: true } }, { devTools: false }),
    ).toThrow(/BALAI_DEVTOOLS/);
  });

  it('hasBaseline spots a missing or wrong key', () => {
    expect(hasBaseline(undefined)).toBe(false);
    expect(hasBaseline({ ...BASELINE_WEB_PREFERENCES, sandbox: false })).toBe(false);
    const { webviewTag: _dropped, ...missing } = BASELINE_WEB_PREFERENCES;
    expect(hasBaseline(missing)).toBe(false);
  });
});

describe('devToolsAllowed', () => {
  it('needs an unpackaged build and BALAI_DEVTOOLS=1', () => {
    expect(devToolsAllowed({ BALAI_DEVTOOLS: '1' }, false)).toBe(true);
    expect(devToolsAllowed({ BALAI_DEVTOOLS: '1' }, true)).toBe(false);
    expect(devToolsAllowed({ BALAI_DEVTOOLS: 'yes' }, false)).toBe(false);
    expect(devToolsAllowed({}, false)).toBe(false);
  });
});

describe('kioskWindowOptions', () => {
  it('locks full screen in kiosk mode and leaves a normal window otherwise', () => {
    expect(kioskWindowOptions({ kiosk: true, preload: '/p' })).toMatchObject({
      kiosk: true,
      fullscreen: true,
      autoHideMenuBar: true,
    });
    const normal = kioskWindowOptions({ kiosk: false, preload: '/p' });
    expect(normal.kiosk).toBe(false);
    expect('fullscreen' in normal).toBe(false);
  });
});
