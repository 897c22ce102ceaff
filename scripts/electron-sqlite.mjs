#!/usr/bin/env node
/**
 * better-sqlite3 for Electron's ABI, in a folder of its own: build/native/electron/<os>-<arch>/better_sqlite3.node
 * (<os> as electron-builder's `${os}` macro: win, linux, mac). node_modules keeps the binary built for Node,
 * which the CLI and the tests load; the packaged app loads this one (electron-builder.yml `extraResources`,
 * engine/journal/native-binding.ts). A staged copy of the package is used, so node_modules is never touched.
 *
 *   node scripts/electron-sqlite.mjs [--platform win32|linux|darwin] [--arch x64|arm64|ia32]
 *
 * First the prebuilt binary better-sqlite3 publishes for this Electron (prebuild-install, which works for
 * another platform too); failing that, for the host platform only, a build from source against Electron's
 * headers (@electron/rebuild: needs a C++ toolchain). Both download from the network — which is why this
 * runs at `npm run dist` (or `npm run native:electron`), never from postinstall or `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(ROOT, 'package.json'));

/** electron-builder's `${os}` for a Node platform name */
export const builderOs = (platform) => (platform === 'win32' ? 'win' : platform === 'darwin' ? 'mac' : platform);

/** The first bytes a native module must start with on each platform: ELF, PE ("MZ"), Mach-O (thin or fat). */
const MAGIC = {
  linux: [Buffer.from([0x7f, 0x45, 0x4c, 0x46])],
  win32: [Buffer.from('MZ', 'ascii')],
  darwin: [Buffer.from([0xcf, 0xfa, 0xed, 0xfe]), Buffer.from([0xca, 0xfe, 0xba, 0xbe])],
};

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Build (or reuse) the Electron-ABI binary for `platform`-`arch`; returns its path. */
export async function electronSqlite({ platform = process.platform, arch = process.arch } = {}) {
  const electronVersion = readJson(require.resolve('electron/package.json')).version;
  const pkgDir = dirname(require.resolve('better-sqlite3/package.json'));
  const sqliteVersion = readJson(join(pkgDir, 'package.json')).version;
  const outDir = join(ROOT, 'build', 'native', 'electron', `${builderOs(platform)}-${arch}`);
  const out = join(outDir, 'better_sqlite3.node');
  const stampFile = join(outDir, 'stamp.json');
  const stamp = { electron: electronVersion, 'better-sqlite3': sqliteVersion, platform, arch };
  if (existsSync(out) && existsSync(stampFile) && JSON.stringify(readJson(stampFile)) === JSON.stringify(stamp)) {
    console.log(`better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} ${platform}-${arch}: up to date (${out})`);
    return out;
  }

  // A copy of the package (without its Node build) in a throw-away project: what gets rebuilt is the copy.
  const staging = join(ROOT, 'build', 'native', '.staging', `${builderOs(platform)}-${arch}`);
  const stagedPkg = join(staging, 'node_modules', 'better-sqlite3');
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  cpSync(pkgDir, stagedPkg, { recursive: true, filter: (src) => src !== join(pkgDir, 'build') });
  writeFileSync(join(staging, 'package.json'), JSON.stringify({ name: 'linesight-native-staging', private: true, dependencies: { 'better-sqlite3': sqliteVersion } }));
  try {
    return await fetchOrBuild({ platform, arch, electronVersion, sqliteVersion, pkgDir, stagedPkg, staging, outDir, out, stampFile, stamp });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

async function fetchOrBuild({ platform, arch, electronVersion, sqliteVersion, pkgDir, stagedPkg, staging, outDir, out, stampFile, stamp }) {
  const built = join(stagedPkg, 'build', 'Release', 'better_sqlite3.node');
  console.log(`better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} ${platform}-${arch}: fetching the prebuilt binary…`);
  const prebuild = createRequire(join(pkgDir, 'package.json')).resolve('prebuild-install/bin.js');
  const fetched = spawnSync(process.execPath, [prebuild, '--runtime', 'electron', '--target', electronVersion, '--platform', platform, '--arch', arch, '--verbose'], {
    cwd: stagedPkg,
    stdio: 'inherit',
  });
  if (fetched.status !== 0 || !existsSync(built)) {
    if (platform !== process.platform) {
      throw new Error(`no prebuilt better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} on ${platform}-${arch}, and it cannot be compiled for another platform here: run \`npm run dist\` on ${platform}`);
    }
    console.log('no prebuilt binary; building from source against Electron’s headers (@electron/rebuild)…');
    const { rebuild } = await import('@electron/rebuild');
    await rebuild({ buildPath: staging, electronVersion, arch, onlyModules: ['better-sqlite3'], force: true, buildFromSource: true });
  }
  if (!existsSync(built)) throw new Error(`better-sqlite3 for Electron was not produced at ${built}`);
  const head = readFileSync(built).subarray(0, 4);
  if (!MAGIC[platform]?.some((m) => head.subarray(0, m.length).equals(m))) {
    throw new Error(`${built} is not a ${platform} native module (starts with ${head.toString('hex')})`);
  }
  mkdirSync(outDir, { recursive: true });
  cpSync(built, out);
  writeFileSync(stampFile, `${JSON.stringify(stamp)}\n`);
  console.log(`wrote ${out}`);
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { platform: { type: 'string' }, arch: { type: 'string' } } });
  electronSqlite({ platform: values.platform, arch: values.arch }).catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
