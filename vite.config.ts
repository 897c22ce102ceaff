import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * Chromium's per-file compile hint (`//# allFunctionsCalledOnLoad`, first line of the file) on the
 * chunks whose code runs as soon as they load: their functions are compiled on the thread that streams
 * the chunk in, not lazily on the main thread.
 * - chart.js: bench:ui measured a line's first chart as a long task of 50–78 ms in four of five
 *   openings of a line's detail, and none of five with the hint.
 * - react-dom, in the entry chunk: the module's evaluation, which compiles react-dom's wrapper and the
 *   functions it calls on load, took 14–23 ms of the main thread in Chromium traces of fresh openings
 *   (six), and 8–13 ms with the hint (six, same session).
 * Added after Vite's own post-processing, which would otherwise put code above it. Engines that do not
 * know the comment ignore it. (On the console's other chunks it measured no difference.)
 */
const EAGER = ['/node_modules/chart.js/', '/node_modules/react-dom/'];

function compileHintForEagerChunks(): Plugin {
  return {
    name: 'linesight:compile-hint-for-eager-chunks',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const chunk of Object.values(bundle)) {
          if (chunk.type === 'chunk' && chunk.moduleIds.some((id) => EAGER.some((dir) => id.includes(dir)))) chunk.code = `//# allFunctionsCalledOnLoad\n${chunk.code}`;
        }
      },
    },
  };
}

/** Builds the React UI (renderer/) into dist/renderer/, served by `linesight serve` and loaded by Electron. */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), compileHintForEagerChunks()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // keep every script an external file so the strict CSP (no inline scripts) holds
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
