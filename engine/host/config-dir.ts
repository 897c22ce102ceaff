import { homedir } from 'node:os';
import { join } from 'node:path';

/** The environment variable that names Linesight's config directory (tests point it at a temporary one). */
export const CONFIG_DIR_ENV = 'LINESIGHT_CONFIG_DIR';

/**
 * Where this installation remembers things between runs (stable MQTT client ids, mappings files,
 * the installation's own id): `$LINESIGHT_CONFIG_DIR`, else the platform's place for it —
 * `%APPDATA%\Linesight` on Windows, `$XDG_CONFIG_HOME/linesight` or `~/.config/linesight` elsewhere.
 * The desktop app passes Electron's `userData` instead.
 */
export function defaultConfigDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  const named = env[CONFIG_DIR_ENV];
  if (named !== undefined && named !== '') return named;
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'Linesight');
  const xdg = env.XDG_CONFIG_HOME;
  // XDG: a relative XDG_CONFIG_HOME is invalid and must be ignored
  return join(xdg !== undefined && xdg.startsWith('/') ? xdg : join(home, '.config'), 'linesight');
}
