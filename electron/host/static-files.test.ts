import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { staticFilePath } from './static-files';

const root = '/srv/renderer';

describe('staticFilePath', () => {
  it('maps asset paths into the renderer folder', () => {
    expect(staticFilePath(root, '/assets/index-abc.js')).toBe(join(root, 'assets/index-abc.js'));
    expect(staticFilePath(root, '/fonts/Noto%20Sans.woff2')).toBe(
      join(root, 'fonts/Noto Sans.woff2'),
    );
  });

  it('answers the root and client-side routes with index.html', () => {
    expect(staticFilePath(root, '/')).toBe(join(root, 'index.html'));
    expect(staticFilePath(root, '/anggaran/2026')).toBe(join(root, 'index.html'));
  });

  it('refuses dot segments, dotfiles and encoded separators', () => {
    for (const path of [
      '/../etc/passwd',
      '/%2e%2e/x.js',
      '/.env',
      '/assets/..%2F..%2Fx.js',
      '/a%5Cb.js',
      '/%E0%A4%A',
    ]) {
      expect(staticFilePath(root, path), path).toBeNull();
    }
  });
});
