/**
 * electron-builder `afterPack` hook (electron-builder.yml): refuse a packaged app without better-sqlite3
 * for Electron in <resources>/native/ — electron-builder only warns when an `extraResources` folder is
 * missing, and such an app would fail at its first journal open. `npm run dist` builds the binary first.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const MAGIC = { linux: ['7f454c46'], win32: ['4d5a'], darwin: ['cffaedfe', 'cafebabe'] };

export async function afterPack(context) {
  const binding = join(context.packager.getResourcesDir(context.appOutDir), 'native', 'better_sqlite3.node');
  if (!existsSync(binding)) {
    throw new Error(`${binding} is missing: build better-sqlite3 for Electron first (npm run dist does, through scripts/electron-sqlite.mjs)`);
  }
  const head = readFileSync(binding).subarray(0, 4).toString('hex');
  const platform = context.electronPlatformName;
  if (!(MAGIC[platform] ?? []).some((m) => head.startsWith(m))) {
    throw new Error(`${binding} is not a ${platform} native module (starts with ${head})`);
  }
}
