import { readFileSync } from 'node:fs';

/** Linesight's version, from its package.json (dist/cli/ and cli/ are both two folders below it). */
export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
