import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * better-sqlite3 is a native module, and a native module is built for one ABI: Node's or Electron's.
 * node_modules keeps the one for Node (the CLI, the web host, the tests); `npm run dist` builds a second
 * binary for Electron into a folder of its own (scripts/electron-sqlite.mjs), shipped beside the app's
 * asar (electron-builder.yml `extraResources`). Every `new Database(…)` spreads `nativeBindingOption()`
 * so that under Electron it opens with that binary, and under Node with node_modules' as before.
 */

/** Names the Electron-ABI better-sqlite3 binary explicitly (a path to `better_sqlite3.node`); read under Electron only. */
export const SQLITE_BINDING_ENV = 'LINESIGHT_SQLITE_BINDING';

/** Where the packaged app keeps that binary, under its resources folder (electron-builder.yml `extraResources` `to`). */
export const PACKAGED_BINDING = ['native', 'better_sqlite3.node'] as const;

/** Where `npm run native:electron` (and `npm run dist`) puts it in a checkout: `build/native/electron/<os>-<arch>/`. */
export const BUILT_BINDING_DIR = ['build', 'native', 'electron'] as const;

/** The `nativeBinding` part of better-sqlite3's options: empty under Node. */
export type NativeBindingOption = { readonly nativeBinding?: string };

/** What the choice depends on, injectable for tests. */
export type BindingHost = {
  /** `process.versions.electron`: undefined under Node */
  readonly electron: string | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Electron's `process.resourcesPath` where it is set (the main process; maybe not a worker thread) */
  readonly resourcesPath: string | undefined;
  readonly execPath: string;
  readonly platform: NodeJS.Platform;
  readonly arch: string;
  /** folders that may hold a checkout's build/ (the project root as seen from this module) */
  readonly checkoutRoots: readonly string[];
  readonly exists: (path: string) => boolean;
};

/** electron-builder's `${os}` macro: the same names name the folders of build/native/electron/. */
export function builderOs(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'win' : platform === 'darwin' ? 'mac' : platform;
}

/**
 * The better-sqlite3 binary to load on `host`, or undefined for better-sqlite3's own lookup (node_modules).
 * Under Node: always undefined. Under Electron, the first that exists of: `LINESIGHT_SQLITE_BINDING`; the
 * packaged app's `resources/native/better_sqlite3.node` (found from `process.resourcesPath`, or from the
 * executable's folder in a worker thread that lacks it); a checkout's `build/native/electron/<os>-<arch>/`
 * (`npm start` with Electron installed). None: undefined — node_modules' binary, which loads only if it was
 * rebuilt for Electron in place.
 */
export function resolveNativeBinding(host: BindingHost): string | undefined {
  if (host.electron === undefined) return undefined;
  const fromEnv = host.env[SQLITE_BINDING_ENV];
  if (fromEnv) {
    if (!host.exists(fromEnv)) throw new Error(`${SQLITE_BINDING_ENV} names ${fromEnv}, which does not exist`);
    return fromEnv;
  }
  const exeDir = dirname(host.execPath);
  const resourceDirs = [
    ...(host.resourcesPath ? [host.resourcesPath] : []),
    // the packaged layout: <app>/resources beside the executable; on macOS Contents/Resources beside Contents/MacOS
    host.platform === 'darwin' ? join(exeDir, '..', 'Resources') : join(exeDir, 'resources'),
  ];
  const candidates = [
    ...resourceDirs.map((dir) => join(dir, ...PACKAGED_BINDING)),
    ...host.checkoutRoots.map((root) => join(root, ...BUILT_BINDING_DIR, `${builderOs(host.platform)}-${host.arch}`, 'better_sqlite3.node')),
  ];
  return candidates.find((path) => host.exists(path));
}

let cached: NativeBindingOption | undefined;

/** `{}` under Node, `{ nativeBinding: <path> }` under Electron when an Electron-ABI binary is found; spread it into `new Database(…)`'s options. */
export function nativeBindingOption(): NativeBindingOption {
  if (cached) return cached;
  const here = dirname(fileURLToPath(import.meta.url));
  const resourcesPath = (process as { resourcesPath?: unknown }).resourcesPath;
  const binding = resolveNativeBinding({
    electron: process.versions.electron,
    env: process.env,
    resourcesPath: typeof resourcesPath === 'string' ? resourcesPath : undefined,
    execPath: process.execPath,
    platform: process.platform,
    arch: process.arch,
    // engine/journal/ from the sources, dist/engine/journal/ compiled
    checkoutRoots: [resolve(here, '..', '..'), resolve(here, '..', '..', '..')],
    exists: existsSync,
  });
  return (cached = binding === undefined ? {} : { nativeBinding: binding });
}
