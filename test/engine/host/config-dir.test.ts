import { describe, expect, it } from 'vitest';
import { defaultConfigDir } from '../../../engine/host/config-dir.js';

describe('the config directory', () => {
  it('is LINESIGHT_CONFIG_DIR when set', () => {
    expect(defaultConfigDir({ LINESIGHT_CONFIG_DIR: '/tmp/ls-conf', XDG_CONFIG_HOME: '/x' }, 'linux', '/home/op')).toBe('/tmp/ls-conf');
  });

  it('follows XDG on Linux and macOS, ignoring a relative XDG_CONFIG_HOME', () => {
    expect(defaultConfigDir({ XDG_CONFIG_HOME: '/home/op/.cfg' }, 'linux', '/home/op')).toBe('/home/op/.cfg/linesight');
    expect(defaultConfigDir({}, 'linux', '/home/op')).toBe('/home/op/.config/linesight');
    expect(defaultConfigDir({ XDG_CONFIG_HOME: 'relative' }, 'darwin', '/Users/op')).toBe('/Users/op/.config/linesight');
  });

  it('is %APPDATA%\\Linesight on Windows', () => {
    expect(defaultConfigDir({ APPDATA: 'C:/Users/op/AppData/Roaming' }, 'win32', 'C:/Users/op')).toMatch(/^C:\/Users\/op\/AppData\/Roaming[\\/]Linesight$/);
  });
});
