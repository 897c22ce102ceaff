import { basename, extname, resolve as resolvePath } from 'node:path';
import type { PlantModel, Scenario } from '../../model/index.js';
import { DEFAULT_PLANT } from './defaults.js';
import { checkPlantModel } from './plant-check.js';
import { BUNDLED_ID, bundledPlantIds, bundledPlantPath, bundledScenarioIds, bundledScenarioPath } from './resources.js';
import { resolveScenario, type ScenarioOverrides } from './resolve.js';
import { ScenarioError, show } from './scenario-error.js';
import type { ScenarioFile } from './scenario-file.js';
import { validatePlantModel, validateScenarioFile } from './schema.js';
import { readSource, type Source } from './source.js';

const FILE_EXT = /\.(ya?ml|json)$/i;

/**
 * Load a scenario: a bundled id (`resources/scenarios/<id>.yaml`) or a `.yaml`/`.yml`/`.json`
 * file. Checks it against `resources/schema/scenario.schema.json`, resolves the plant model,
 * applies every default and the command-line overrides (`--seed`, `--until`). Anything wrong
 * throws a ScenarioError naming the file, line, column and what was expected.
 */
export function loadScenario(ref: string, overrides: ScenarioOverrides = {}): Scenario {
  const { id, src } = openScenario(ref);
  if (overrides.integration !== undefined) {
    // changed rules are checked like the file itself: a typo in a what-if must not pass silently
    const data = src.data as { integration?: unknown };
    (src as { data: unknown }).data = { ...data, integration: mergeFragment(data.integration ?? {}, overrides.integration) };
  }
  validateScenarioFile(src);
  const file = src.data as ScenarioFile;
  return resolveScenario(id, src, resolvePlant(src, file.plant), overrides);
}

/** A bundled scenario as `linesight scenarios` lists it. */
export type BundledScenario = { readonly id: string; readonly name: string; readonly description: string; readonly lookFor: string };

/** Every bundled scenario, sorted by id (read without resolving the plant). */
export function listBundledScenarios(): BundledScenario[] {
  return bundledScenarioIds().map((id) => {
    const path = bundledScenarioPath(id);
    const data = readSource(path, path).data as { name?: unknown; description?: unknown; lookFor?: unknown } | null;
    return {
      id,
      name: typeof data?.name === 'string' ? data.name : id,
      description: typeof data?.description === 'string' ? data.description.trim() : '',
      lookFor: typeof data?.lookFor === 'string' ? data.lookFor.trim() : '',
    };
  });
}

const plantCache = new Map<string, PlantModel>();

/** A bundled plant model (`resources/plants/<id>.json`), checked against the schema and for referential integrity. */
export function loadPlantModel(id: string): PlantModel {
  const cached = plantCache.get(id);
  if (cached) return cached;
  const ids = bundledPlantIds();
  if (!BUNDLED_ID.test(id) || !ids.includes(id)) {
    throw new ScenarioError({ file: id, path: '', expected: `a bundled plant model id (${ids.join(', ')})` });
  }
  const path = bundledPlantPath(id);
  const src = readSource(path, path);
  const model = checkedPlant(src, src.data, []);
  if (model.id !== id) src.fail(['id'], `"${id}", the file's name`, show(model.id));
  plantCache.set(id, model);
  return model;
}

function openScenario(ref: string): { id: string; src: Source } {
  const looksLikeFile = FILE_EXT.test(ref) || /[\\/]/.test(ref);
  if (looksLikeFile) {
    if (!FILE_EXT.test(ref)) throw new ScenarioError({ file: ref, path: '', expected: 'a .yaml, .yml or .json scenario file' });
    return { id: basename(ref, extname(ref)), src: readSource(ref, resolvePath(ref)) };
  }
  const ids = bundledScenarioIds();
  if (!BUNDLED_ID.test(ref) || !ids.includes(ref)) {
    throw new ScenarioError({ file: ref, path: '', expected: `a bundled scenario id (${ids.join(', ')}) or a .yaml, .yml or .json file` });
  }
  const path = bundledScenarioPath(ref);
  return { id: ref, src: readSource(path, path) };
}

function resolvePlant(src: Source, plant: ScenarioFile['plant']): PlantModel {
  if (typeof plant === 'object') return checkedPlant(src, plant, ['plant']);
  const id = plant ?? DEFAULT_PLANT;
  const ids = bundledPlantIds();
  if (!ids.includes(id)) src.fail(['plant'], `a bundled plant model (${ids.join(', ')}) or an inline plant model`, show(id));
  return loadPlantModel(id);
}

function checkedPlant(src: Source, data: unknown, prefix: ReadonlyArray<string | number>): PlantModel {
  validatePlantModel(src, data, prefix);
  const model = data as PlantModel;
  const problem = checkPlantModel(model)[0];
  if (problem) src.fail([...prefix, ...problem.path], problem.expected, problem.got);
  return model;
}

/** `over` merged into `base`, objects key by key (lists and values replace). */
function mergeFragment(base: unknown, over: unknown): unknown {
  if (typeof base !== 'object' || base === null || Array.isArray(base) || typeof over !== 'object' || over === null || Array.isArray(over)) return over;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over)) {
    if (k === '__proto__' || k === 'constructor' || k === 'prototype') throw new ScenarioError({ file: 'rules', path: '', expected: 'integration settings', got: `the key "${k}"` });
    out[k] = Object.hasOwn(out, k) ? mergeFragment(out[k], v) : v;
  }
  return out;
}
