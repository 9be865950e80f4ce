// Builds the Electron main process and preload into dist/electron as CommonJS for Node:
// main.cjs (package.json `main`) and preload.cjs. Dependencies such as zod are bundled, so the
// packaged app needs no node_modules at run time; `electron` itself is provided by the runtime.
// The preload is built on its own, after main: built together, code both import (zod, the
// channel lists of shared/) went into a chunk preload.cjs `require`d, and a sandboxed preload's
// require() loads `electron` and a few builtins only, never a file (window.balai would be gone).
import { builtinModules } from 'node:module';
import { build, defineConfig, type UserConfig } from 'vite';

function electronBuild(entry: 'main' | 'preload'): UserConfig {
  return {
    publicDir: false,
    build: {
      ssr: true,
      outDir: 'dist/electron',
      emptyOutDir: entry === 'main',
      target: 'node22',
      minify: false,
      sourcemap: true,
      rollupOptions: {
        input: { [entry]: `electron/${entry}.ts` },
        external: ['electron', ...builtinModules, ...builtinModules.map((name) => `node:${name}`)],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
    ssr: { noExternal: true, external: ['electron'] },
  };
}

export default defineConfig({
  ...electronBuild('main'),
  plugins: [
    {
      name: 'balai-preload-in-one-file',
      apply: 'build',
      async closeBundle() {
        await build({ configFile: false, ...electronBuild('preload') });
      },
    },
  ],
});
