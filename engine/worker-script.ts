import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The compiled script of a worker thread that sits beside `moduleUrl`, a module under `engine/`;
 * `script` is its path under `dist/` (e.g. `engine/journal/writer-worker.js`). A worker cannot load
 * TypeScript on Node 20, so when the module itself runs from sources (vitest) the compiled worker
 * in `dist/` is used: build first.
 */
export function workerScript(moduleUrl: string, script: string, what: string): string {
  // from the module's folder up to the project root: one `../` per folder of `script`
  const root = '../'.repeat(script.split('/').length - 1);
  const url = moduleUrl.endsWith('.ts') ? new URL(`${root}dist/${script}`, moduleUrl) : new URL(`./${basename(script)}`, moduleUrl);
  const path = fileURLToPath(url);
  if (!existsSync(path)) throw new Error(`${what} not found at ${path}; run \`npm run build\` first`);
  return path;
}
