import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * Chromium's per-file compile hint (`//# allFunctionsCalledOnLoad`, first line of the file) on the
 * chunk that carries chart.js: its functions are compiled on the thread that streams the chunk in,
 * not lazily on the main thread when a line's first chart is made — bench:ui measured that first chart
 * as a long task of 50–78 ms in four of five openings of a line's detail, and none of five with the
 * hint. Added after Vite's own post-processing, which would otherwise put code above it. Engines that
 * do not know the comment ignore it. (On the console's other chunks it measured no difference.)
 */
function compileHintForCharts(): Plugin {
  return {
    name: 'linesight:compile-hint-for-charts',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const chunk of Object.values(bundle)) {
          if (chunk.type === 'chunk' && chunk.moduleIds.some((id) => id.includes('/node_modules/chart.js/'))) chunk.code = `//# allFunctionsCalledOnLoad\n${chunk.code}`;
        }
      },
    },
  };
}

/** Builds the React UI (renderer/) into dist/renderer/, served by `linesight serve` and loaded by Electron. */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), compileHintForCharts()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // keep every script an external file so the strict CSP (no inline scripts) holds
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
