/**
 * The files the desktop app loads at run time, found from its code rather than listed by hand: from
 * package.json's `main`, the compiled ES modules it imports (static and dynamic, relative specifiers),
 * the worker-thread and utility-process scripts those modules start, the dist/ paths the main process
 * builds from its own location (the preload, the renderer folder), the bundled resources/ folders the
 * engine reads, and package.json (the version). Reads dist/: build first (`npm test` does).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { rel, ROOT } from './builder-files.js';

export type RuntimeFiles = {
  /** project-relative path → why the app needs it */
  readonly files: ReadonlyMap<string, string>;
  /** packages imported by name from the app's modules (`node:` built-ins and `electron` aside) */
  readonly packages: ReadonlySet<string>;
  /** the worker / utility-process scripts found */
  readonly workers: readonly string[];
  /** the bundled resources/ folders the engine reads */
  readonly resourceFolders: readonly string[];
};

const IMPORT = /(?:^|[;\s])(?:import|export)\s+(?:[\w*{}\s,$]+\s+from\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;
/** engine/worker-script.ts: `workerScript(import.meta.url, 'engine/…/x.js', …)`, a path under dist/ */
const WORKER_SCRIPT = /\bworkerScript\(\s*import\.meta\.url,\s*'([^']+)'/g;
/** a script beside the module: `new URL('./x.js', import.meta.url)`; Vite writes the renderer's with backquotes */
const URL_BESIDE = /\bnew URL\(\s*(['`])([^'`]+\.[cm]?js)\1,\s*import\.meta\.url\s*\)/g;
/** places a thread or process is started from a script */
const STARTS = /\bnew Worker\(|\bfork\(/g; // fork: utilityProcess.fork, child_process.fork
/** `const base = fileURLToPath(new URL('../', import.meta.url))`: a folder named from the module's place */
const BASE = /\bconst (\w+) = fileURLToPath\(new URL\('([^']*)', import\.meta\.url\)\)/g;
/** the engine's bundled data: `join(resourcesDir(), 'scenarios', …)` and `idsIn('plants', …)` */
const RESOURCE_FOLDER = /\bresourcesDir\(\),\s*'([\w.-]+)'|\bidsIn\(\s*'([\w.-]+)'/g;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

export function runtimeFiles(): RuntimeFiles {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string };
  const files = new Map<string, string>([['package.json', 'package.json: the app manifest; engine/host/version.ts reads the version']]);
  const packages = new Set<string>();
  const workers: string[] = [];
  const resourceFolders = new Set<string>();
  const queue: string[] = [];
  const problems: string[] = [];

  const add = (abs: string, why: string): void => {
    if (!existsSync(abs)) {
      problems.push(`${rel(abs)} (${why}) does not exist`);
      return;
    }
    if (statSync(abs).isDirectory()) {
      for (const f of filesUnder(abs)) add(f, why);
      return;
    }
    if (files.has(rel(abs))) return;
    files.set(rel(abs), why);
    if (/\.[cm]?js$/.test(abs)) queue.push(abs);
  };

  add(join(ROOT, pkg.main), 'package.json "main"');
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    const code = readFileSync(file, 'utf8');
    const dir = dirname(file);
    const from = rel(file);
    for (const m of code.matchAll(IMPORT)) {
      const spec = (m[1] ?? m[2])!;
      if (spec.startsWith('.')) add(resolve(dir, spec), `imported by ${from}`);
      else if (!spec.startsWith('node:') && spec !== 'electron') packages.add(packageName(spec));
    }
    // threads and processes: each start must lead to a script found here
    const found: string[] = [];
    for (const m of code.matchAll(WORKER_SCRIPT)) found.push(join(ROOT, 'dist', m[1]!));
    for (const m of code.matchAll(URL_BESIDE)) found.push(resolve(dir, m[2]!));
    const starts = [...code.matchAll(STARTS)].length;
    if (starts > found.length) problems.push(`${from} starts ${starts} thread(s)/process(es) but only ${found.length} script(s) were found: teach test/packaging/runtime-files.ts its way of naming them`);
    for (const script of found) {
      workers.push(rel(script));
      add(script, `worker/process script started by ${from}`);
    }
    // paths the main process builds from its own place: join(distRoot, 'electron', 'preload.cjs'), join(distRoot, 'renderer')
    for (const [, name, base] of code.matchAll(BASE)) {
      const baseDir = resolve(dir, base!);
      for (const j of code.matchAll(new RegExp(`\\bjoin\\(${name}((?:,\\s*'[^']+')+)\\)`, 'g'))) {
        const segments = [...j[1]!.matchAll(/'([^']+)'/g)].map((s) => s[1]!);
        add(join(baseDir, ...segments), `${segments.join('/')} under ${rel(baseDir) || '.'}/, named by ${from}`);
      }
    }
    for (const m of code.matchAll(RESOURCE_FOLDER)) resourceFolders.add((m[1] ?? m[2])!);
  }
  // resourcesDir() finds resources/ as the folder above the code that holds scenarios/
  if (resourceFolders.size > 0) resourceFolders.add('scenarios');
  for (const folder of resourceFolders) add(join(ROOT, 'resources', folder), `resources/${folder}/, read by the engine`);

  if (problems.length > 0) throw new Error(`run-time files could not all be found:\n  ${problems.join('\n  ')}`);
  return { files, packages, workers, resourceFolders: [...resourceFolders].sort() };
}

/**
 * The packages the app ships: package.json `dependencies` and theirs, transitively, each with its folder
 * (what electron-builder copies into the app's node_modules, less what `files` excludes).
 */
export function productionPackages(): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (name: string, fromDir: string): void => {
    // Node's lookup: <dir>/node_modules/<name>, then in each folder above (a package's `exports` may hide
    // its package.json from require.resolve, so the folders are looked at directly)
    let dir: string | undefined;
    for (let d = fromDir; ; d = dirname(d)) {
      if (existsSync(join(d, 'node_modules', name, 'package.json'))) {
        dir = join(d, 'node_modules', name);
        break;
      }
      if (dirname(d) === d || d === dirname(ROOT)) break;
    }
    if (dir === undefined) return; // an optional dependency not installed on this platform
    const pkgFile = join(dir, 'package.json');
    if (out.has(rel(dir))) return;
    out.set(rel(dir), name);
    const meta = JSON.parse(readFileSync(pkgFile, 'utf8')) as { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
    for (const dep of Object.keys({ ...meta.dependencies, ...meta.optionalDependencies })) visit(dep, dir);
  };
  const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  for (const dep of Object.keys(root.dependencies ?? {})) visit(dep, ROOT);
  return out;
}

/** Every file of the production packages (each package's own files; nested node_modules are packages of their own). */
export function productionPackageFiles(): string[] {
  const list: string[] = [];
  for (const dir of productionPackages().keys()) {
    const walk = (abs: string): void => {
      for (const e of readdirSync(abs, { withFileTypes: true })) {
        if (e.name === 'node_modules') continue;
        const p = join(abs, e.name);
        if (e.isDirectory()) walk(p);
        else list.push(rel(p));
      }
    };
    walk(join(ROOT, dir));
  }
  return list;
}
