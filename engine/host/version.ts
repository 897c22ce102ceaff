import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * Linesight's version, from its package.json: the nearest one above this file named `linesight` —
 * right from the sources (engine/host/), compiled (dist/engine/host/) and packaged alike.
 */
export function version(): string {
  if (cached !== undefined) return cached;
  const from = dirname(fileURLToPath(import.meta.url));
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'linesight' && typeof pkg.version === 'string') return (cached = pkg.version);
    }
    if (dirname(dir) === dir) throw new Error(`no package.json of linesight above ${from}`);
  }
}
