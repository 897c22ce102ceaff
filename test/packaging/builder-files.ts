/**
 * electron-builder.yml's file rules applied the way electron-builder applies them — with its own code:
 * app-builder-lib's matchers (out/fileMatcher.js), taken from the electron-builder installed here, so the
 * test follows its glob semantics (dotfiles, last-match-wins, the default exclusions it adds) rather than
 * an imitation. These are internal functions: if an upgrade of electron-builder moves them, `builderFiles()`
 * says so and this file is where to follow them.
 */
import { lstatSync, readFileSync, type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CONFIG_FILE = join(ROOT, 'electron-builder.yml');

/** Resolves what electron-builder itself resolves (its own app-builder-lib, hoisted or not). */
export const builderRequire = createRequire(createRequire(join(ROOT, 'package.json')).resolve('electron-builder/package.json'));

export type BuilderConfig = Record<string, unknown> & {
  readonly files?: unknown;
  readonly asarUnpack?: unknown;
  readonly extraResources?: unknown;
  readonly directories?: { readonly output?: string; readonly buildResources?: string };
};

export function loadConfig(): BuilderConfig {
  return parse(readFileSync(CONFIG_FILE, 'utf8')) as BuilderConfig;
}

type Filter = (file: string, stat: Stats) => boolean;
type Matcher = { createFilter(): Filter; isEmpty(): boolean; patterns: string[] };
type FileMatcherModule = {
  getMainFileMatchers?: (appDir: string, dest: string, expand: (p: string) => string, options: object, packager: object, outDir: string, isElectronCompile: boolean) => Matcher[];
  getNodeModuleFileMatcher?: (appDir: string, dest: string, expand: (p: string) => string, options: object, packager: object) => Matcher;
  getFileMatchers?: (config: object, name: string, dest: string, options: object) => Matcher[] | null;
};

/** What the packager decides about a path relative to the project root (posix separators). */
export type BuilderFiles = {
  /** in app.asar (or unpacked beside it): an app file (`files`), or a file of a production dependency (node_modules/…) */
  readonly included: (rel: string) => boolean;
  /** matched by `asarUnpack` */
  readonly unpacked: (rel: string) => boolean;
};

/** `${os}` and `${arch}` as for a Linux x64 build (the only macros the file rules use). */
export const expandMacros = (pattern: string, os = 'linux', arch = 'x64'): string => pattern.replaceAll('${os}', os).replaceAll('${arch}', arch);

/** A stat for a path that may not exist (a synthetic node_modules file): what the filters read of it. */
function statOf(abs: string, moduleFullFilePath?: string): Stats {
  let stat: Stats;
  try {
    stat = lstatSync(abs);
  } catch {
    stat = { isDirectory: () => false, isFile: () => true, isSymbolicLink: () => false } as Stats;
  }
  return moduleFullFilePath === undefined ? stat : Object.assign(Object.create(stat) as Stats, { moduleFullFilePath, isDirectory: () => stat.isDirectory() });
}

export function builderFiles(config: BuilderConfig = loadConfig()): BuilderFiles {
  const fm = builderRequire('app-builder-lib/out/fileMatcher.js') as FileMatcherModule;
  const { getMainFileMatchers, getNodeModuleFileMatcher, getFileMatchers } = fm;
  if (!getMainFileMatchers || !getNodeModuleFileMatcher || !getFileMatchers) {
    throw new Error('app-builder-lib/out/fileMatcher.js no longer exports getMainFileMatchers, getNodeModuleFileMatcher and getFileMatchers: update test/packaging/builder-files.ts');
  }
  const dest = join(ROOT, '.packaging-test-app'); // never written: the matchers only compute paths
  const outDir = join(ROOT, config.directories?.output ?? 'dist');
  // the part of electron-builder's PlatformPackager/Packager the matchers read
  const packager = {
    info: {
      projectDir: ROOT,
      buildResourcesDir: config.directories?.buildResources ?? 'build',
      isPrepackedAppAsar: false,
      config,
      debugLogger: { isEnabled: false },
    },
  };
  const options = { macroExpander: expandMacros, customBuildOptions: {}, globalOutDir: outDir, defaultSrc: ROOT };
  const main = getMainFileMatchers(ROOT, dest, expandMacros, {}, packager, outDir, false);
  if (main.length !== 1) throw new Error(`expected one main file matcher (plain globs in \`files\`), got ${main.length}`);
  const mainFilter = main[0]!.createFilter();
  const modules = getNodeModuleFileMatcher(ROOT, dest, expandMacros, {}, packager.info);
  const moduleFilter = modules.isEmpty() ? () => true : modules.createFilter();
  const unpack = getFileMatchers(config, 'asarUnpack', dest, options);
  const unpackFilter: Filter = unpack?.[0] ? unpack[0].createFilter() : () => false;

  const nodeModule = (rel: string): boolean => rel.startsWith('node_modules/');
  const abs = (rel: string): string => join(ROOT, ...rel.split('/'));
  const test = (filter: Filter, rel: string): boolean =>
    nodeModule(rel) ? filter(abs(rel), statOf(abs(rel), rel.split('/').join(sep))) : filter(abs(rel), statOf(abs(rel)));
  /**
   * The copy walks folders and never enters one its filter refuses: a file is in only if each folder above
   * it passes too (from the app root, or inside a dependency from the dependency's own folder).
   */
  const walk = (filter: Filter, rel: string): boolean => {
    const parts = rel.split('/');
    const first = nodeModule(rel) ? (parts[1]?.startsWith('@') ? 3 : 2) : 0;
    for (let i = first + 1; i < parts.length; i++) if (!test(filter, parts.slice(0, i).join('/'))) return false;
    return test(filter, rel);
  };
  return {
    included: (rel) => walk(nodeModule(rel) ? moduleFilter : mainFilter, rel),
    unpacked: (rel) => test(unpackFilter, rel),
  };
}

/** Project-relative posix path of an absolute one. */
export const rel = (abs: string): string => relative(ROOT, abs).split(sep).join('/');
