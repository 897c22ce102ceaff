import type { ErrorObject } from 'ajv/dist/2020.js';
import { DURATION_PATTERN, FAULT_KINDS } from '../../model/index.js';
import { COMMON_FAULT_PROPERTIES, FAULT_FILE_PARAMS, RETIRED_ORDER_FIELDS } from './defaults.js';
import { show } from './scenario-error.js';

/** An Ajv error in the words of the file: where, what was expected, what was found. */
export type Described = {
  readonly path: ReadonlyArray<string | number>;
  readonly expected: string;
  readonly got?: string;
  /** point at the property name rather than its value */
  readonly key: boolean;
};

const RANK: Record<string, number> = { type: 0, required: 1, enum: 1, oneOf: 2, not: 2, additionalProperties: 4, unevaluatedProperties: 5 };

/**
 * The one error worth reporting among Ajv's `allErrors`: drops the noise of `if` and of the
 * branches inside a failed `oneOf`, and of anything else at a value whose type is already wrong;
 * then prefers type, missing and enum errors over unknown-property errors (a wrong fault kind
 * makes every parameter look unknown).
 */
export function pickError(errors: readonly ErrorObject[]): ErrorObject | undefined {
  const oneOfs = errors.filter((e) => e.keyword === 'oneOf').map((e) => e.schemaPath + '/');
  const typed = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  const kept = errors.filter(
    (e) =>
      e.keyword !== 'if' &&
      !oneOfs.some((p) => e.schemaPath.startsWith(p)) &&
      (e.keyword === 'type' || !typed.has(e.instancePath)),
  );
  return kept
    .map((e, i) => ({ e, i, rank: RANK[e.keyword] ?? 3 }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)[0]?.e;
}

/** Split an Ajv instancePath into property names and indexes. */
export function splitPointer(pointer: string): string[] {
  if (!pointer) return [];
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Say what an Ajv error means for the person editing the file (the schema's only oneOf and not are about probability/count). */
export function describeError(e: ErrorObject): Described {
  const path = splitPointer(e.instancePath);
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return { path, expected: `required property "${String(params.missingProperty)}"`, key: false };
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const name = String(params.additionalProperty ?? params.unevaluatedProperty);
      const allowed = allowedProperties(e);
      const hint = e.keyword === 'unevaluatedProperties' ? otherKindHint(name, allowed) : retiredHint(path, name);
      const typo = hint ? undefined : closest(name, allowed);
      return {
        path: [...path, name],
        expected: e.keyword === 'unevaluatedProperties' ? faultPropertiesText(e, allowed) : `one of the properties ${allowed.join(', ')}`,
        got: `"${name}"${hint ?? (typo ? ` (did you mean "${typo}"?)` : '')}`,
        key: true,
      };
    }
    case 'oneOf': {
      const data = (e.data ?? {}) as Record<string, unknown>;
      const both = 'probability' in data && 'count' in data;
      return { path, expected: 'exactly one of probability or count', got: both ? 'both' : 'neither', key: false };
    }
    case 'not':
      // windowed faults: neither is fine (every message in the window), both is not
      return { path, expected: 'at most one of probability or count (neither: every message in the window)', got: 'both', key: false };
    case 'enum':
      return { path, expected: `one of ${(params.allowedValues as unknown[]).map(String).join(', ')}`, got: show(e.data), key: false };
    case 'uniqueItems': {
      const later = Math.max(Number(params.i), Number(params.j));
      return { path: [...path, later], expected: 'no repeated entries', got: `${show(Array.isArray(e.data) ? e.data[later] : e.data)} again`, key: false };
    }
    case 'minItems':
      return {
        path,
        expected: `at least ${String(params.limit)} entr${params.limit === 1 ? 'y' : 'ies'}`,
        got: Array.isArray(e.data) && e.data.length === 0 ? 'none' : show(e.data),
        key: false,
      };
    default:
      return { path, expected: describeSchema(e.parentSchema) ?? e.message ?? e.keyword, got: show(e.data), key: false };
  }
}

function allowedProperties(e: ErrorObject): string[] {
  if (e.keyword === 'unevaluatedProperties') {
    const kind = ((e.data ?? {}) as Record<string, unknown>).kind;
    const own = FAULT_KINDS.find((k) => k === kind);
    return [...COMMON_FAULT_PROPERTIES, ...(own ? Object.keys(FAULT_FILE_PARAMS[own]) : [])];
  }
  const props = (e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return Object.keys(props ?? {}).filter((k) => k !== '$schema');
}

function faultPropertiesText(e: ErrorObject, allowed: readonly string[]): string {
  const kind = ((e.data ?? {}) as Record<string, unknown>).kind;
  return typeof kind === 'string' && (FAULT_KINDS as readonly string[]).includes(kind)
    ? `a property of a ${kind} fault: ${allowed.join(', ')}`
    : `a fault property: ${allowed.join(', ')}`;
}

const TYPE_TEXT: Record<string, string> = {
  integer: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
  null: 'nothing',
};

/** What a leaf schema accepts, in words. */
export function describeSchema(s: Record<string, unknown> | undefined): string | undefined {
  if (!s) return undefined;
  if (s.pattern === DURATION_PATTERN) return 'a duration such as 90s, 15m or 8h (a number followed by ms, s, m, h or d)';
  if (s.format === 'date-time') return 'an RFC 3339 instant with a time zone, e.g. 2026-03-02T06:00:00Z';
  if (s.pattern === '^[^/\\s]+/[^/\\s]+$') return 'plant/line, e.g. DE01/L1';
  if (s.pattern === '^[^/\\s]+(/[^/\\s]+)?$') return 'plant/line or a line id, e.g. DE01/L1 or L1';
  if (s.pattern === '^[A-Za-z0-9][A-Za-z0-9._-]*$') return 'an id of letters, digits, ".", "_" and "-"';
  if (Array.isArray(s.enum)) return `one of ${s.enum.map(String).join(', ')}`;
  if (Array.isArray(s.type)) {
    const then = s.then as { $ref?: string } | undefined;
    if (then?.$ref === '#/$defs/duration') return 'a duration such as 90s (every product) or a mapping of product item to duration';
    if (s.type.includes('string') && s.type.includes('object')) return 'a bundled plant-model id (e.g. pumps) or an inline plant model';
    return s.type.map((t) => TYPE_TEXT[String(t)] ?? String(t)).join(' or ');
  }
  if (s.type === 'integer' && s.minimum === 0 && s.maximum === 4294967295) return 'an unsigned 32-bit integer (0 … 4294967295)';
  const base = TYPE_TEXT[String(s.type)] ?? 'a value';
  if (s.type === 'string' && typeof s.pattern === 'string') return `a string matching ${s.pattern}`;
  if (s.type === 'string' && s.minLength === 1) return 'a non-empty string';
  const bounds: string[] = [];
  if (typeof s.minimum === 'number' && typeof s.maximum === 'number') bounds.push(`between ${s.minimum} and ${s.maximum}`);
  else {
    if (typeof s.minimum === 'number') bounds.push(`≥ ${s.minimum}`);
    if (typeof s.maximum === 'number') bounds.push(`≤ ${s.maximum}`);
  }
  if (typeof s.exclusiveMinimum === 'number') bounds.push(`> ${s.exclusiveMinimum}`);
  if (typeof s.exclusiveMaximum === 'number') bounds.push(`< ${s.exclusiveMaximum}`);
  return [base, bounds.join(' and ')].filter(Boolean).join(' ');
}

/** ` (replaced by orderSize: {min, max})` when an `orders:` property is one older files used. */
function retiredHint(path: readonly string[], name: string): string | undefined {
  const retired = path.length === 1 && path[0] === 'orders' && Object.hasOwn(RETIRED_ORDER_FIELDS, name) ? RETIRED_ORDER_FIELDS[name] : undefined;
  return retired === undefined ? undefined : ` (${retired})`;
}

/** `"by" (a parameter of delay faults)` when a fault has another kind's parameter. */
function otherKindHint(name: string, allowed: readonly string[]): string | undefined {
  if (allowed.includes(name)) return undefined;
  const owners = FAULT_KINDS.filter((k) => name in FAULT_FILE_PARAMS[k]);
  return owners.length ? ` (a parameter of ${owners.join(' and ')} faults)` : undefined;
}

/** The allowed name closest to a misspelt one, if it is close enough to be a typo. */
export function closest(name: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(name.length / 3)) + 1;
  for (const a of allowed) {
    const dist = editDistance(name.toLowerCase(), a.toLowerCase());
    if (dist < bestDistance) [best, bestDistance] = [a, dist];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
