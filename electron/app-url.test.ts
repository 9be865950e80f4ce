import { describe, expect, it } from 'vitest';
import { APP_URL, isAppUrl } from './app-url';

describe('isAppUrl', () => {
  it('accepts the app origin only', () => {
    expect(isAppUrl(APP_URL)).toBe(true);
    expect(isAppUrl('balai://app/anggaran?tahun=2026')).toBe(true);
    expect(isAppUrl('balai://other/')).toBe(false);
    expect(isAppUrl('https://app/')).toBe(false);
    expect(isAppUrl('file:///work/main/dist/renderer/index.html')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});
