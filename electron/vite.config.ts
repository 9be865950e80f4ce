// Builds the Electron main process and preload into dist/electron as CommonJS for Node:
// main.cjs (package.json `main`) and preload.cjs (a sandboxed preload must be one CJS file).
// Dependencies such as zod are bundled, so the packaged app needs no node_modules at run time;
// `electron` itself is provided by the runtime.
import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

export default defineConfig({
  publicDir: false,
  build: {
    ssr: true,
    outDir: 'dist/electron',
    emptyOutDir: true,
    target: 'node22',
    minify: false,
    sourcemap: true,
    rollupOptions: {
      input: { main: 'electron/main.ts', preload: 'electron/preload.ts' },
      external: ['electron', ...builtinModules, ...builtinModules.map((name) => `node:${name}`)],
      output: { format: 'cjs', entryFileNames: '[name].cjs' },
    },
  },
  ssr: { noExternal: true, external: ['electron'] },
});
