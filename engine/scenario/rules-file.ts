import { readFileSync } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';
import { Ajv2020, type AnySchemaObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { EVENT_TYPES, parseDuration, parseExpectation, type CheckGroup, type CheckKind, type CheckRule, type Expectation } from '../../model/index.js';
import { describeError, pickError } from './describe-error.js';
import { resourcesDir, schemaPath } from './resources.js';
import { readSource, type Path, type Source } from './source.js';

type RuleEntry = Record<string, unknown> & { id: string; kind: CheckKind };
type RulesFile = { defaults?: boolean; rules: RuleEntry[] };

const GROUPS: readonly CheckGroup[] = ['order', 'businesskey', 'lot', 'line'];
const KNOWN_TYPES = new Set<string>(EVENT_TYPES);

/** Which keys each kind takes beyond id, kind, title and expect. */
const KEYS: Readonly<Record<CheckKind, readonly string[]>> = {
  ordering: ['event', 'by', 'within'],
  'forbidden-before': ['event', 'before', 'within'],
  'exactly-once': ['events'],
  within: ['from', 'to', 'match', 'limit'],
  balance: ['event', 'sum', 'per', 'tolerance'],
  completeness: ['events', 'within'],
};

let validator: ValidateFunction | undefined;

/** The bundled default rules (`resources/rules/default.yaml`). */
export function defaultRules(): CheckRule[] {
  const path = join(resourcesDir(), 'rules', 'default.yaml');
  return parseRules(readSource(path, path)).rules;
}

/**
 * The rules to check: the bundled defaults, plus a rules file's (which may say `defaults: false`
 * to check only its own). A rule id used twice, an unknown event type, a key the kind does not take
 * or a comparison that does not parse throws a ScenarioError naming file:line:col.
 */
export function loadRules(file?: string): CheckRule[] {
  if (file === undefined) return defaultRules();
  const own = parseRules(readSource(file, resolvePath(file)));
  const all = own.defaults ? [...defaultRules(), ...own.rules] : own.rules;
  const ids = new Set<string>();
  for (const r of all) {
    if (ids.has(r.id)) own.fail(r.id, `a rule id not used by another rule${own.defaults ? ' (the defaults use ' + defaultRules().map((d) => d.id).join(', ') + ')' : ''}`);
    ids.add(r.id);
  }
  return all;
}

function parseRules(src: Source): { rules: CheckRule[]; defaults: boolean; fail: (id: string, expected: string) => never } {
  validator ??= compile();
  if (!validator(src.data)) {
    const errors = validator.errors ?? [];
    const err = pickError(errors) ?? errors[0];
    if (!err) src.fail([], 'a value the schema accepts');
    const d = describeError(err);
    src.fail(d.path, d.expected, d.got, { key: d.key });
  }
  const f = src.data as RulesFile;
  const seen = new Map<string, number>();
  const rules = f.rules.map((r, i) => {
    const at = (...p: (string | number)[]): Path => ['rules', i, ...p];
    if (seen.has(r.id)) src.fail(at('id'), 'a rule id used once', r.id);
    seen.set(r.id, i);
    return parseRule(src, r, at);
  });
  const fail = (id: string, expected: string): never => src.fail(['rules', seen.get(id) ?? 0, 'id'], expected, id);
  return { rules, defaults: f.defaults ?? true, fail };
}

function parseRule(src: Source, r: RuleEntry, at: (...p: (string | number)[]) => Path): CheckRule {
  const allowed = new Set(['id', 'kind', 'title', 'expect', ...KEYS[r.kind]]);
  for (const k of Object.keys(r)) if (!allowed.has(k)) src.fail(at(k), `a key that a ${r.kind} rule takes (${KEYS[r.kind].join(', ')})`, k, { key: true });
  const need = (k: string): unknown => (r[k] === undefined ? src.fail(at(), `${k}: a ${r.kind} rule needs it`) : r[k]);
  const type = (v: unknown, ...p: (string | number)[]): string => {
    if (typeof v !== 'string' || !KNOWN_TYPES.has(v)) src.fail(at(...p), 'an event type (see docs/names.md)', JSON.stringify(v));
    return v;
  };
  const types = (v: unknown, k: string): string[] => (Array.isArray(v) ? v.map((t, j) => type(t, k, j)) : [type(v, k)]);
  const group = (v: unknown, k: string): CheckGroup => {
    if (v === undefined) return 'order';
    if (!GROUPS.includes(v as CheckGroup)) src.fail(at(k), `a group: ${GROUPS.join(', ')}`, JSON.stringify(v));
    return v as CheckGroup;
  };
  const duration = (v: unknown, k: string): number => {
    const ms = typeof v === 'string' ? parseDuration(v) : undefined;
    if (ms === undefined) src.fail(at(k), 'a duration, e.g. 5s or 10m', JSON.stringify(v));
    return ms;
  };
  const title = typeof r.title === 'string' ? r.title : r.id;
  const base = { id: r.id, title };
  let rule: Readonly<Record<string, unknown>>;
  switch (r.kind) {
    case 'ordering':
      rule = { ...base, kind: r.kind, event: type(need('event'), 'event'), by: need('by'), within: group(r.within, 'within') };
      break;
    case 'forbidden-before':
      rule = { ...base, kind: r.kind, event: type(need('event'), 'event'), before: types(need('before'), 'before'), within: group(r.within, 'within') };
      break;
    case 'exactly-once':
      rule = { ...base, kind: r.kind, events: r.events === undefined ? null : types(r.events, 'events') };
      break;
    case 'within':
      rule = { ...base, kind: r.kind, from: type(need('from'), 'from'), to: type(need('to'), 'to'), match: (r.match) ?? 'order', limitMs: duration(need('limit'), 'limit') };
      break;
    case 'balance':
      rule = { ...base, kind: r.kind, event: type(need('event'), 'event'), sum: need('sum'), per: need('per'), tolerance: typeof r.tolerance === 'number' ? r.tolerance : 0 };
      break;
    case 'completeness':
      rule = { ...base, kind: r.kind, events: types(need('events'), 'events'), withinMs: r.within === undefined ? Infinity : duration(r.within, 'within') };
      break;
  }
  const given = (r.expect ?? (r.kind === 'within' ? { p95: `<=${String(r.limit)}` } : { violations: 0 })) as Record<string, unknown>;
  const expect: Expectation[] = Object.entries(given).map(([path, value]) => {
    const e = parseExpectation(path, value);
    if (typeof e === 'string') src.fail(at('expect', path), 'a path into the rule\'s measurement and a number, true/false or a comparison', e);
    return e;
  });
  return { ...rule, expect } as unknown as CheckRule;
}

function compile(): ValidateFunction {
  const schema = JSON.parse(readFileSync(schemaPath('rules.schema.json'), 'utf8')) as AnySchemaObject;
  return new Ajv2020({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true, strictRequired: false }).compile(schema);
}
