// Runs before electron-builder in `npm run dist`: checks that the build it packs exists, and says
// plainly, before electron-builder fails on it, that packaging needs downloads from GitHub.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
for (const built of [pkg.main, 'dist/electron/preload.cjs', 'dist/renderer/index.html']) {
  if (!existsSync(built)) {
    console.error(`${built} is missing: run "npm run build" first.`);
    process.exit(1);
  }
}

const electronVersion = pkg.devDependencies.electron;
const cache = process.env.ELECTRON_CACHE ?? defaultElectronCache();
if (!containsFile(cache, (name) => name.startsWith(`electron-v${electronVersion}-`))) {
  console.warn(
    `Note: there is no Electron ${electronVersion} zip in ${cache}. electron-builder downloads ` +
      'it, and its NSIS and AppImage tools, from GitHub; where GitHub cannot be reached (as on ' +
      'our build machines) packaging stops there. Put the zip in that cache, or pass ' +
      '-c.electronDist=<an unpacked Electron>, to package offline.',
  );
}

/** Where @electron/get keeps downloaded zips. */
function defaultElectronCache() {
  if (process.platform === 'win32') {
    return join(process.env.LOCALAPPDATA ?? homedir(), 'electron', 'Cache');
  }
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'electron');
  return join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'electron');
}

function containsFile(dir, wanted, depth = 2) {
  if (!existsSync(dir)) return false;
  return readdirSync(dir).some((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return depth > 0 && containsFile(path, wanted, depth - 1);
    return wanted(name);
  });
}
