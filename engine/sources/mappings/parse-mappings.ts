import { readFileSync } from 'node:fs';
import type { BusinessEventType } from '../../../model/index.js';
import type { JsonPath } from './json-path.js';
import { MappingError } from './mapping-error.js';
import { Reader, type Obj } from './mapping-reader.js';
import { parseSource } from './mappings-source.js';
import { parseTopicPattern } from './topic-pattern.js';
import type { JsonMapping, Mapping, MappingSet, SparkplugEvent, SparkplugMapping, TypeRule, UmhMapping } from './types.js';

const JSON_KEYS = ['kind', 'topic', 'type', 'typeFrom', 'types', 'plant', 'line', 'system', 'fields', 'values', 'units', 'businesskey', 'correlationid', 'time', 'sequence', 'origin'];
const UMH_KEYS = ['kind', 'plant', 'line'];
export const UMH_NAMES = ['enterprise', 'site', 'area', 'productionLine', 'workCell'];
const SPARKPLUG_KEYS = ['kind', 'group', 'plant', 'line', 'lines', 'events'];
const SPARKPLUG_NAMES = ['group', 'edgeNode', 'device'];
const EVENT_KEYS = ['metric', 'type', 'system', 'fields', 'values', 'units'];

/**
 * Parse a mappings file (YAML or JSON). Every problem throws a MappingError whose message is one
 * line, `file:line:column: what is wrong`; unknown keys are problems too, so a typo never silently maps nothing.
 */
export function parseMappings(text: string, fileName: string): MappingSet {
  const src = parseSource(text, fileName);
  const file = new Reader(src, fileName, 'mappings file');
  const list = file.obj(src.data ?? {}, [], ['mappings']).mappings;
  if (!Array.isArray(list) || list.length === 0) file.fail(['mappings'], 'mappings must be a non-empty list');
  const mappings = (list as unknown[]).map((raw, i): Mapping => {
    const path = ['mappings', i];
    const kind = (raw as Obj | null)?.kind;
    const r = new Reader(src, fileName, `mapping ${i + 1}${typeof kind === 'string' ? ` (${kind})` : ''}`);
    const at = src.lineOf(path);
    if (kind === 'json') return jsonMapping(r, r.obj(raw, path, JSON_KEYS), path, i + 1, at);
    if (kind === 'umh') return umhMapping(r, r.obj(raw, path, UMH_KEYS), path, i + 1, at);
    if (kind === 'sparkplug') return sparkplugMapping(r, r.obj(raw, path, SPARKPLUG_KEYS), path, i + 1, at);
    return r.fail([...path, 'kind'], 'kind must be json, umh or sparkplug');
  });
  return { file: fileName, mappings };
}

/** Read and parse a mappings file; a file that cannot be read is a MappingError too. */
export function loadMappings(path: string): MappingSet {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new MappingError(path, undefined, `cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  return parseMappings(text, path);
}

function typeRule(r: Reader, o: Obj, path: (string | number)[]): TypeRule {
  if ((o.type === undefined) === (o.typeFrom === undefined)) r.fail(path, 'give exactly one of type or typeFrom');
  if (o.type !== undefined) {
    if (o.types !== undefined) r.fail([...path, 'types'], 'types only goes with typeFrom', true);
    return { kind: 'fixed', type: r.type(o.type, [...path, 'type']) };
  }
  const from = r.path(o.typeFrom, [...path, 'typeFrom'], 'typeFrom');
  const tp = [...path, 'types'];
  if (o.types === undefined) r.fail([...path, 'typeFrom'], 'typeFrom needs a types table (payload value: event type)');
  const table = r.obj(o.types, tp);
  const types = new Map<string, BusinessEventType>();
  for (const [k, v] of Object.entries(table)) types.set(k, r.type(v, [...tp, k]));
  if (types.size === 0) r.fail(tp, 'types must name at least one payload value');
  return { kind: 'table', path: from, types };
}

function jsonMapping(r: Reader, o: Obj, path: (string | number)[], index: number, at: number): JsonMapping {
  const topic = parseTopicPattern(r.str(o, 'topic', path));
  if (typeof topic === 'string') r.fail([...path, 'topic'], topic);
  const type = typeRule(r, o, path);
  const types = type.kind === 'fixed' ? [type.type] : [...new Set(type.types.values())];
  const names = topic.names;
  const fields = new Map<string, JsonPath>();
  if (o.fields !== undefined) {
    const fp = [...path, 'fields'];
    for (const [k, v] of Object.entries(r.obj(o.fields, fp))) {
      r.field(k, types, [...fp, k]);
      fields.set(k, r.path(v, [...fp, k], `fields.${k}`));
    }
  }
  const values = r.values(o, path, types);
  for (const k of values.keys()) if (fields.has(k)) r.fail([...path, 'values', k], `${k} is given in both fields and values`, true);
  const system = r.system(o, path);
  const businesskey = r.optTemplate(o, 'businesskey', path, names, true);
  const correlationid = r.optTemplate(o, 'correlationid', path, names, true);
  const time = r.optPath(o, 'time', path);
  const sequence = r.optPath(o, 'sequence', path);
  const origin = r.optPath(o, 'origin', path);
  return {
    kind: 'json',
    index,
    at,
    topic,
    type,
    plant: r.template(o, 'plant', path, names, true),
    line: r.template(o, 'line', path, names, true),
    ...(system ? { system } : {}),
    fields,
    values,
    units: r.units(o, path, types, true),
    ...(businesskey ? { businesskey } : {}),
    ...(correlationid ? { correlationid } : {}),
    ...(time ? { time } : {}),
    ...(sequence ? { sequence } : {}),
    ...(origin ? { origin } : {}),
  };
}

function umhMapping(r: Reader, o: Obj, path: (string | number)[], index: number, at: number): UmhMapping {
  return {
    kind: 'umh',
    index,
    at,
    plant: r.optTemplate(o, 'plant', path, UMH_NAMES, false) ?? { text: '{site}', parts: [{ name: 'site' }] },
    line: r.optTemplate(o, 'line', path, UMH_NAMES, false) ?? { text: '{productionLine}', parts: [{ name: 'productionLine' }] },
  };
}

function sparkplugEvent(r: Reader, raw: unknown, path: (string | number)[]): SparkplugEvent {
  const o = r.obj(raw, path, EVENT_KEYS);
  const metric = r.str(o, 'metric', path);
  const type = r.type(o.type, [...path, 'type']);
  const fields = new Map<string, string>();
  if (o.fields !== undefined) {
    const fp = [...path, 'fields'];
    for (const [k, v] of Object.entries(r.obj(o.fields, fp))) {
      r.field(k, [type], [...fp, k]);
      if (typeof v !== 'string' || v === '') r.fail([...fp, k], `fields.${k} must name a metric of the same payload`);
      fields.set(k, v);
    }
  }
  const values = r.values(o, path, [type]);
  for (const k of values.keys()) if (fields.has(k)) r.fail([...path, 'values', k], `${k} is given in both fields and values`, true);
  const system = r.system(o, path);
  return { metric, type, ...(system ? { system } : {}), fields, values, units: r.units(o, path, [type], false) };
}

function sparkplugMapping(r: Reader, o: Obj, path: (string | number)[], index: number, at: number): SparkplugMapping {
  const group = r.optStr(o, 'group', path);
  const lines = new Map<string, string>();
  if (o.lines !== undefined) {
    const lp = [...path, 'lines'];
    for (const [k, v] of Object.entries(r.obj(o.lines, lp))) {
      if (typeof v !== 'string' || v === '') r.fail([...lp, k], `lines.${k} must be a line id`);
      lines.set(k, v);
    }
  }
  const line = r.optTemplate(o, 'line', path, SPARKPLUG_NAMES, false);
  if (line === undefined && lines.size === 0) r.fail(path, 'give line (e.g. "{edgeNode}") or a lines table (edge node: line)');
  if (!Array.isArray(o.events) || o.events.length === 0) r.fail([...path, 'events'], 'events must be a non-empty list (metric, type, fields)');
  return {
    kind: 'sparkplug',
    index,
    at,
    ...(group ? { group } : {}),
    plant: r.template(o, 'plant', path, SPARKPLUG_NAMES, false),
    ...(line ? { line } : {}),
    lines,
    events: (o.events as unknown[]).map((e, i) => sparkplugEvent(r, e, [...path, 'events', i])),
  };
}
