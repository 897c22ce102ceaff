#!/usr/bin/env node
// `npm start`: the desktop shell when the Electron runtime is installed, else the browser console.
// Extra arguments go to `linesight serve` (e.g. `npm start -- --port 0`).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * The Electron executable, or null when it is not installed. Deliberately not `require('electron')`:
 * without its binary that call starts a download, which is blocked on many plant networks.
 */
function electronBinary() {
  let pkgDir;
  try {
    pkgDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const executable = readFileSync(pathFile, 'utf8').trim();
  const bin = join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkgDir, 'dist'), executable);
  return executable !== '' && existsSync(bin) ? bin : null;
}

function run(command, args, env = process.env) {
  const child = spawn(command, args, { stdio: 'inherit', env });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => {
    process.off('SIGINT', forward);
    process.off('SIGTERM', forward);
    process.exitCode = code ?? (signal ? 1 : 0);
  });
}

const bin = electronBinary();
if (bin !== null) {
  if (!existsSync(join(root, 'dist', 'electron', 'main.js'))) {
    process.stderr.write('linesight: dist/electron/main.js is missing — run `npm run build` first.\n');
    process.exit(2);
  }
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  run(bin, [join(root, 'dist', 'electron', 'main.js')], env);
} else {
  process.stdout.write('Electron runtime not installed (its download is blocked here) — starting the browser console instead\n');
  run(process.execPath, [join(root, 'bin', 'linesight.js'), 'serve', '--scenario', 'baseline', ...process.argv.slice(2)]);
}
