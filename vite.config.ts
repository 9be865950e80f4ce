// Builds the renderer (React UI + RxDB) into dist/renderer. The same bundle is loaded by the
// Electron kiosk and by the browser kiosk, so relative asset paths are used.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    chunkSizeWarningLimit: 2000,
  },
});
