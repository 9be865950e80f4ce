// The packaging configuration (electron-builder.yml), checked where it cannot be run for real:
// electron-builder needs the Electron zip and its NSIS/AppImage tools from GitHub, which this
// machine cannot reach. What runs offline runs here: electron-builder's own loading and schema
// validation of the config, and its real file collection and asar packing (`--linux dir` with a
// placeholder in place of the Electron binary, so only what it packs is looked at, never run).
// Not run: the NSIS, AppImage and deb builders themselves, and the packaged app.
import { spawnSync, execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  chmodSync,
} from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Configuration } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_ITEM_NAME } from '../../electron/lockdown-autostart';

const root = resolve(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  main: string;
  devDependencies: Record<string, string>;
};
// electron-builder's own config loader and validator, from the copy it uses itself.
const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
const { getConfig, validateConfiguration } = fromBuilder(
  'app-builder-lib/out/util/config/config',
) as {
  getConfig(projectDir: string, configPath: string, options: null): Promise<Configuration>;
  validateConfiguration(config: Configuration, logger: unknown): Promise<void>;
};
const { DebugLogger } = fromBuilder('builder-util') as {
  DebugLogger: new (on: boolean) => unknown;
};
const asar = createRequire(fromBuilder.resolve('app-builder-lib'))('@electron/asar') as {
  listPackage(archive: string, options: object): string[];
};
const builderCli = fromBuilder.resolve('electron-builder/cli.js');

const BUILT = [pkg.main, 'dist/electron/preload.cjs', 'dist/renderer/index.html'];
const scratch = mkdtempSync(join(tmpdir(), 'balai-packaging-'));
let config: Configuration;

beforeAll(async () => {
  if (!BUILT.every((file) => existsSync(join(root, file)))) {
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  }
  config = await getConfig(root, 'electron-builder.yml', null);
}, 120_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): [number, number] {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema validation (which does reject a bad config)', async () => {
    await validateConfiguration(config, new DebugLogger(false));
    await expect(
      validateConfiguration(
        { ...config, nsis: { oneClick: 'sometimes' } } as unknown as Configuration,
        new DebugLogger(false),
      ),
    ).rejects.toThrow(/oneClick/);
  });

  it('builds an NSIS installer for Windows and an AppImage and a deb for Linux, as Balai', () => {
    expect(config.appId).toBe('id.go.desa.balai');
    expect(config.productName).toBe('Balai');
    expect(config.asar).toBe(true);
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.win?.target).toBe('nsis');
    for (const artifact of [
      config.nsis?.artifactName,
      config.appImage?.artifactName,
      config.deb?.artifactName,
    ]) {
      expect(artifact).toMatch(/\$\{version\}.*\.\$\{ext\}$/);
    }
    // The kiosk's data outlives an uninstall; staff install without an administrator.
    expect(config.nsis).toMatchObject({
      deleteAppDataOnUninstall: false,
      perMachine: false,
      oneClick: false,
    });
  });

  it('names icons and an installer script that exist; icons big enough for every target', () => {
    for (const icon of [config.linux?.icon, config.win?.icon]) {
      expect(icon).toBeTypeOf('string');
      const [width, height] = pngSize(join(root, icon!));
      expect(width).toBe(height);
      expect(width).toBeGreaterThanOrEqual(256); // electron-builder's minimum for a Windows icon
    }
    const include = readFileSync(join(root, config.nsis!.include!), 'utf8');
    // The uninstaller removes the login item the kiosk sets (electron/lockdown-autostart.ts).
    expect(include).toContain(
      `DeleteRegValue HKCU "Software\\Microsoft\\Windows\\CurrentVersion\\Run" "${LOGIN_ITEM_NAME}"`,
    );
    expect(include).toMatch(/!macro customUnInstall[\s\S]*!macroend/);
  });

  it('starts the built main process, which with the preload needs nothing from node_modules', () => {
    expect(pkg.main).toBe('dist/electron/main.cjs');
    const allowed = new Set([
      'electron',
      ...builtinModules,
      ...builtinModules.map((m) => `node:${m}`),
    ]);
    const requiresOf = (file: string) =>
      [...readFileSync(join(root, file), 'utf8').matchAll(/\brequire\("([^"]+)"\)/g)].map(
        (m) => m[1]!,
      );
    for (const file of [pkg.main, 'dist/electron/preload.cjs']) {
      for (const id of requiresOf(file)) {
        if (id.startsWith('.'))
          expect(existsSync(join(root, 'dist/electron', id)), `${file}: ${id}`).toBe(true);
        else expect(allowed.has(id), `${file} requires ${id} at run time`).toBe(true);
      }
    }
    // A sandboxed preload gets a require() that loads `electron`, events, timers and url, and
    // no file: it must be one file, or window.balai never appears.
    const sandboxed = new Set(['electron', 'events', 'timers', 'url']);
    expect(requiresOf('dist/electron/preload.cjs').filter((id) => !sandboxed.has(id))).toEqual([]);
  });
});

describe('what electron-builder packs', () => {
  it.skipIf(process.platform !== 'linux')(
    'is dist/ and package.json only: no node_modules, no source maps (packed offline, placeholder Electron)',
    () => {
      const project = join(scratch, 'project');
      snapshotProject(project);
      const electronDist = join(scratch, 'electron');
      mkdirSync(electronDist, { recursive: true });
      // Not Electron: a stand-in file where its binary goes, so packing can run offline.
      writeFileSync(join(electronDist, 'electron'), '#!/bin/sh\nexit 1\n');
      chmodSync(join(electronDist, 'electron'), 0o755);
      writeFileSync(join(electronDist, 'version'), pkg.devDependencies.electron!);
      const output = join(scratch, 'release');
      const run = spawnSync(
        process.execPath,
        [
          builderCli,
          '--linux',
          'dir',
          '--projectDir',
          project,
          `-c.electronDist=${electronDist}`,
          `-c.directories.output=${output}`,
        ],
        { encoding: 'utf8', timeout: 100_000 },
      );
      expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);

      const resources = join(output, 'linux-unpacked', 'resources');
      const packed = asar.listPackage(join(resources, 'app.asar'), {});
      expect(packed.filter((path) => path.includes('node_modules'))).toEqual([]);
      expect(packed.filter((path) => path.endsWith('.map'))).toEqual([]);
      expect(
        packed.filter((path) => !path.startsWith('/dist') && path !== '/package.json'),
      ).toEqual([]);
      for (const file of BUILT) expect(packed).toContain(`/${file}`);
      // Nothing native needed unpacking (the hub's LevelDB was, before node_modules were kept out).
      expect(existsSync(join(resources, 'app.asar.unpacked'))).toBe(false);
      expect(existsSync(join(output, 'linux-unpacked', 'balai'))).toBe(true);
    },
    120_000,
  );
});

/**
 * A copy of what electron-builder reads, so another engineer's `npm run build` rewriting dist/
 * mid-run cannot change what is packed; node_modules is linked, so its exclusion is real.
 */
function snapshotProject(project: string): void {
  for (let attempt = 0; ; attempt++) {
    rmSync(project, { recursive: true, force: true });
    mkdirSync(project, { recursive: true });
    for (const entry of ['package.json', 'electron-builder.yml', 'dist', 'resources/packaging']) {
      cpSync(join(root, entry), join(project, entry), { recursive: true });
    }
    if (isCompleteBuild(project)) break;
    if (attempt === 5) throw new Error('dist/ kept changing while it was copied');
    execFileSync('sleep', ['2']);
  }
  symlinkSync(join(root, 'node_modules'), join(project, 'node_modules'));
}

/** Every built file there, and every asset the renderer's index.html names. */
function isCompleteBuild(project: string): boolean {
  if (!BUILT.every((file) => existsSync(join(project, file)))) return false;
  const html = readFileSync(join(project, 'dist/renderer/index.html'), 'utf8');
  const assets = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+)"/g)].map((m) => m[1]!);
  return assets.every((asset) => existsSync(join(project, 'dist/renderer', asset)));
}
