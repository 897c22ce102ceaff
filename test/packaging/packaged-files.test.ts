/**
 * What electron-builder would put in the app, checked against what the app loads: electron-builder.yml's
 * `files` and `asarUnpack`, applied with electron-builder's own matchers (builder-files.ts), to the files
 * found from the code's entry points (runtime-files.ts). Needs dist/ (`npm test` builds first).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILT_BINDING_DIR, PACKAGED_BINDING } from '../../engine/journal/native-binding.js';
import { builderFiles, loadConfig, ROOT } from './builder-files.js';
import { productionPackageFiles, productionPackages, runtimeFiles } from './runtime-files.js';

const config = loadConfig();
const builder = builderFiles(config);
const runtime = runtimeFiles();

function filesUnder(dir: string, prefix: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

describe('the run-time files found from the entry points', () => {
  it('cover the main process, its preload, every worker, the migrations, the renderer and the bundled data', () => {
    const files = [...runtime.files.keys()];
    expect(files).toContain('dist/electron/main.js');
    expect(files).toContain('dist/electron/preload.cjs');
    expect(files).toContain('dist/renderer/index.html');
    expect(runtime.workers).toEqual(
      expect.arrayContaining(['dist/engine/api/engine-process.js', 'dist/engine/journal/writer-worker.js', 'dist/engine/journal/integrity-worker.js', 'dist/engine/sources/broker/broker-worker.js']),
    );
    // migrations are modules (engine/journal/migrations/index.ts): each one's compiled file is reached by import
    const migrations = filesUnder(join(ROOT, 'engine/journal/migrations'), '').filter((f) => f.endsWith('.ts'));
    expect(migrations.length).toBeGreaterThan(1);
    for (const m of migrations) expect(files).toContain(`dist/engine/journal/migrations/${m.replace(/\.ts$/, '.js')}`);
    // the renderer's index.html names its scripts and styles: each exists and is among them
    const html = readFileSync(join(ROOT, 'dist/renderer/index.html'), 'utf8');
    const assets = [...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => `dist/renderer/${m[1]}`);
    expect(assets.length).toBeGreaterThan(0);
    for (const a of assets) expect(files).toContain(a);
    expect(runtime.resourceFolders).toEqual(expect.arrayContaining(['exercises', 'plants', 'rules', 'scenarios', 'schema']));
  });

  it('are all matched by `files`', () => {
    const missing = [...runtime.files].filter(([f]) => !builder.included(f)).map(([f, why]) => `${f} (${why})`);
    expect(missing).toEqual([]);
  });

  it('import only packages the app ships (dependencies, not devDependencies)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect([...runtime.packages].filter((p) => !(p in pkg.dependencies))).toEqual([]);
  });

  it('find each imported package’s entry files matched by `files`', () => {
    const shipped = productionPackages();
    for (const name of runtime.packages) {
      const dir = [...shipped].find(([, n]) => n === name)?.[0];
      expect(dir, name).toBeDefined();
      const meta = JSON.parse(readFileSync(join(ROOT, dir!, 'package.json'), 'utf8')) as { main?: string };
      expect(builder.included(`${dir}/package.json`), `${dir}/package.json`).toBe(true);
      if (meta.main) {
        const main = [meta.main, `${meta.main}.js`, `${meta.main}/index.js`].map((m) => `${dir}/${m.replace(/^\.\//, '')}`).find((m) => existsSync(join(ROOT, m)));
        expect(main && builder.included(main), `${name}'s main ${meta.main}`).toBe(true);
      }
    }
  });
});

describe('what `files` leaves out', () => {
  it('the compiled tests and benchmarks', () => {
    const tests = filesUnder(join(ROOT, 'dist/test'), 'dist/test/');
    expect(tests.length).toBeGreaterThan(0);
    expect(tests.filter((f) => builder.included(f))).toEqual([]);
  });

  it('source maps', () => {
    const maps = filesUnder(join(ROOT, 'dist'), 'dist/').filter((f) => f.endsWith('.map'));
    expect(maps.length).toBeGreaterThan(0);
    expect(maps.filter((f) => builder.included(f))).toEqual([]);
  });

  it('better-sqlite3’s C++ sources, SQLite amalgamation and its build for Node', () => {
    const dir = 'node_modules/better-sqlite3';
    const left = ['src', 'deps', 'build'].flatMap((sub) => filesUnder(join(ROOT, dir, sub), `${dir}/${sub}/`));
    expect(left.length).toBeGreaterThan(0);
    expect(left.filter((f) => builder.included(f))).toEqual([]);
    // while its JavaScript stays
    expect(builder.included(`${dir}/lib/database.js`)).toBe(true);
  });

  it('the build resources (icons) and electron-builder’s output', () => {
    expect(builder.included('build/icon.png')).toBe(false);
    expect(builder.included('build/native/electron/linux-x64/better_sqlite3.node')).toBe(false);
    expect(builder.included('release/linux-unpacked/linesight')).toBe(false);
  });

  it('sources, tests and the CLI', () => {
    for (const f of ['engine/journal/open-journal.ts', 'test/packaging/builder-files.ts', 'dist/cli/main.js', 'bin/linesight.js', 'scripts/dist.mjs']) {
      expect(builder.included(f), f).toBe(false);
    }
  });
});

describe('native modules', () => {
  it('are unpacked from the asar when `files` lets one in', () => {
    const shipped = productionPackageFiles().filter((f) => f.endsWith('.node') && builder.included(f));
    expect(shipped.filter((f) => !builder.unpacked(f))).toEqual([]);
    // the rule itself, for a dependency that brings one
    expect(builder.unpacked('node_modules/some-native/build/Release/some_native.node')).toBe(true);
    expect(builder.unpacked('dist/engine/journal/writer-worker.js')).toBe(false);
  });

  it('better-sqlite3 for Electron goes where engine/journal/native-binding.ts looks for it', () => {
    const extra = config.extraResources as { from: string; to: string; filter: string[] }[];
    const entry = extra.find((e) => e.filter.includes('better_sqlite3.node'));
    expect(entry).toBeDefined();
    // from build/native/electron/<os>-<arch>/ (what scripts/electron-sqlite.mjs writes) …
    expect(entry!.from).toBe([...BUILT_BINDING_DIR, '${os}-${arch}'].join('/'));
    expect(readFileSync(join(ROOT, 'scripts/electron-sqlite.mjs'), 'utf8')).toContain(`join(ROOT, ${BUILT_BINDING_DIR.map((s) => `'${s}'`).join(', ')}, \`\${builderOs(platform)}-\${arch}\`)`);
    // … to <resources>/native/better_sqlite3.node
    expect([entry!.to, 'better_sqlite3.node']).toEqual([...PACKAGED_BINDING]);
    expect(config.afterPack).toBe('./scripts/after-pack.mjs');
  });
});
