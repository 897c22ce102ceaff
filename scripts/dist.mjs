#!/usr/bin/env node
/**
 * `npm run dist`: a clean build (dist/ removed first, so no stale file of an earlier build is packaged),
 * better-sqlite3 for Electron per target (scripts/electron-sqlite.mjs), then electron-builder with
 * electron-builder.yml. Needs a machine that can reach Electron's downloads
 * (the runtime zip, better-sqlite3's prebuilt binaries or Electron's headers).
 *
 *   npm run dist                      the host platform's targets (Linux: AppImage + deb; Windows: NSIS + portable; macOS: dmg)
 *   npm run dist -- --win --linux     several platforms from one machine (Windows on Linux needs Wine)
 *   npm run dist -- --arm64           another architecture (default: the host's)
 *
 * Other arguments go to electron-builder as they are. Nothing is published (`--publish never`).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronSqlite } from './electron-sqlite.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(ROOT, 'package.json'));

const PLATFORM_FLAGS = { '--win': 'win32', '-w': 'win32', '--linux': 'linux', '-l': 'linux', '--mac': 'darwin', '-m': 'darwin' };
const ARCH_FLAGS = ['--x64', '--arm64', '--ia32', '--armv7l'];

const args = process.argv.slice(2);
const platforms = [...new Set(args.filter((a) => a in PLATFORM_FLAGS).map((a) => PLATFORM_FLAGS[a]))];
const archs = args.filter((a) => ARCH_FLAGS.includes(a)).map((a) => a.slice(2));
if (platforms.length === 0) {
  const flag = Object.keys(PLATFORM_FLAGS).find((f) => PLATFORM_FLAGS[f] === process.platform && f.startsWith('--'));
  if (!flag) throw new Error(`no Linesight target for ${process.platform}: pass --win, --linux or --mac`);
  platforms.push(process.platform);
  args.push(flag);
}
if (archs.length === 0) archs.push(process.arch);

function npm(...npmArgs) {
  // under `npm run`, npm_execpath is npm's own script: no shell needed (and none on Windows for npm.cmd)
  const execPath = process.env.npm_execpath;
  const run = execPath
    ? spawnSync(process.execPath, [execPath, ...npmArgs], { cwd: ROOT, stdio: 'inherit' })
    : spawnSync('npm', npmArgs, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}

rmSync(join(ROOT, 'dist'), { recursive: true, force: true });
npm('run', 'build');

for (const platform of platforms) {
  for (const arch of archs) await electronSqlite({ platform, arch });
}

const builderPkg = require.resolve('electron-builder/package.json');
const cli = join(dirname(builderPkg), JSON.parse(readFileSync(builderPkg, 'utf8')).bin['electron-builder']);
const run = spawnSync(process.execPath, [cli, '--config', 'electron-builder.yml', '--publish', 'never', ...args], { cwd: ROOT, stdio: 'inherit' });
process.exit(run.status ?? 1);
