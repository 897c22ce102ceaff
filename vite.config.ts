import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Builds the React UI (renderer/) into dist/renderer/, served by `linesight serve` and loaded by Electron. */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // keep every script an external file so the strict CSP (no inline scripts) holds
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
