import { defineConfig } from 'vite';

/**
 * Bundles electron/preload.ts into ONE CommonJS file, dist/electron/preload.cjs: a sandboxed preload
 * cannot load ES modules or our other files. `electron` stays a runtime require.
 */
export default defineConfig({
  publicDir: false,
  build: {
    outDir: 'dist/electron',
    emptyOutDir: false,
    minify: false,
    sourcemap: false,
    lib: {
      entry: 'electron/preload.ts',
      formats: ['cjs'],
      fileName: () => 'preload.cjs',
    },
    rollupOptions: { external: ['electron'] },
  },
});
