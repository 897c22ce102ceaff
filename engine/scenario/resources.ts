import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * The bundled `resources/` folder. Found by walking up from this module, so it works from source
 * (`engine/scenario/`) and from the build (`dist/engine/scenario/`); `LINESIGHT_RESOURCES` overrides
 * it (for a packaged app that keeps resources elsewhere).
 */
export function resourcesDir(): string {
  if (cached) return cached;
  const fromEnv = process.env.LINESIGHT_RESOURCES;
  if (fromEnv) return (cached = resolve(fromEnv));
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'resources');
    if (isDir(join(candidate, 'scenarios'))) return (cached = candidate);
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no resources/scenarios folder above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

function isDir(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

/** Path of a bundled scenario file. */
export function bundledScenarioPath(id: string): string {
  return join(resourcesDir(), 'scenarios', `${id}.yaml`);
}

/** Path of a bundled plant model. */
export function bundledPlantPath(id: string): string {
  return join(resourcesDir(), 'plants', `${id}.json`);
}

/** Path of a bundled JSON schema. */
export function schemaPath(name: string): string {
  return join(resourcesDir(), 'schema', name);
}

/** Ids of the bundled scenarios, sorted. */
export function bundledScenarioIds(): string[] {
  return idsIn('scenarios', '.yaml');
}

/** Ids of the bundled plant models, sorted. */
export function bundledPlantIds(): string[] {
  return idsIn('plants', '.json');
}

function idsIn(folder: string, ext: string): string[] {
  const dir = join(resourcesDir(), folder);
  if (!isDir(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(ext))
    .map((f) => f.slice(0, -ext.length))
    .sort();
}

/** A bundled id: letters, digits, `.`, `_` and `-`, so it can never name a path outside resources/. */
export const BUNDLED_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
