/**
 * engine/journal/native-binding.ts: which better-sqlite3 binary a journal opens with — node_modules' under
 * Node, the Electron-ABI one under Electron.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nativeBindingOption, resolveNativeBinding, SQLITE_BINDING_ENV, type BindingHost } from '../../../engine/journal/native-binding.js';

const host = (over: Partial<BindingHost>, present: string[] = []): BindingHost => ({
  electron: '45.4.1',
  env: {},
  resourcesPath: undefined,
  execPath: '/opt/Linesight/linesight',
  platform: 'linux',
  arch: 'x64',
  checkoutRoots: ['/src/linesight'],
  exists: (p) => present.includes(p),
  ...over,
});

describe('nativeBindingOption', () => {
  it('is empty under Node, whatever the environment says', () => {
    expect(process.versions.electron).toBeUndefined();
    expect(nativeBindingOption()).toEqual({});
    expect(resolveNativeBinding(host({ electron: undefined, env: { [SQLITE_BINDING_ENV]: '/x.node' } }, ['/x.node']))).toBeUndefined();
  });
});

describe('resolveNativeBinding under Electron', () => {
  it('takes LINESIGHT_SQLITE_BINDING first, and refuses one that does not exist', () => {
    expect(resolveNativeBinding(host({ env: { [SQLITE_BINDING_ENV]: '/x.node' } }, ['/x.node', '/opt/Linesight/resources/native/better_sqlite3.node']))).toBe('/x.node');
    expect(() => resolveNativeBinding(host({ env: { [SQLITE_BINDING_ENV]: '/gone.node' } }))).toThrow(/LINESIGHT_SQLITE_BINDING/);
  });

  it('finds the packaged binary from process.resourcesPath', () => {
    const p = join('/r', 'native', 'better_sqlite3.node');
    expect(resolveNativeBinding(host({ resourcesPath: '/r' }, [p]))).toBe(p);
  });

  it('finds it beside the executable in a worker thread without process.resourcesPath (Windows/Linux, macOS)', () => {
    const linux = join('/opt/Linesight', 'resources', 'native', 'better_sqlite3.node');
    expect(resolveNativeBinding(host({}, [linux]))).toBe(linux);
    const mac = join('/Applications/Linesight.app/Contents/MacOS', '..', 'Resources', 'native', 'better_sqlite3.node');
    expect(resolveNativeBinding(host({ platform: 'darwin', arch: 'arm64', execPath: '/Applications/Linesight.app/Contents/MacOS/Linesight' }, [mac]))).toBe(mac);
  });

  it('finds a checkout’s build/native/electron/<os>-<arch>/ (npm start with Electron installed)', () => {
    const win = join('/src/linesight', 'build', 'native', 'electron', 'win-x64', 'better_sqlite3.node');
    expect(resolveNativeBinding(host({ platform: 'win32', execPath: 'C:/e/electron.exe' }, [win]))).toBe(win);
  });

  it('falls back to better-sqlite3’s own lookup when none exists', () => {
    expect(resolveNativeBinding(host({}))).toBeUndefined();
  });
});
