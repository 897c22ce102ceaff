import { SYSTEMS, UOM_FACTORS, type BusinessEventType, type System } from '../../../model/index.js';
import { fieldsOf, isBusinessType } from './business-fields.js';
import { parsePath, type JsonPath } from './json-path.js';
import { MappingError } from './mapping-error.js';
import type { ParsedSource, Path } from './mappings-source.js';
import { parseTemplate, type Template } from './template.js';
import type { UnitRule } from './types.js';

export type Obj = Readonly<Record<string, unknown>>;

/** Reads one part of a mappings file, throwing a MappingError that names the line of what is wrong. */
export class Reader {
  constructor(
    readonly src: ParsedSource,
    readonly file: string,
    /** e.g. `mapping 2 (json)`, prefixed to every problem */
    readonly who: string,
  ) {}

  fail(path: Path, reason: string, key = false): never {
    throw new MappingError(this.file, this.src.posOf(path, key), `${this.who}: ${reason}`);
  }

  /** A map with only `allowed` keys (unknown keys are errors: a typo must not silently do nothing); any keys without `allowed`. */
  obj(v: unknown, path: Path, allowed?: readonly string[]): Obj {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.fail(path, `${name(path)} must be a map of key: value`);
    if (allowed === undefined) return v as Obj;
    for (const k of Object.keys(v)) {
      if (!allowed.includes(k)) this.fail([...path, k], `unknown key "${k}" (allowed: ${allowed.join(', ')})`, true);
    }
    return v as Obj;
  }

  str(o: Obj, k: string, path: Path): string {
    const v = o[k];
    if (typeof v !== 'string' || v.trim() === '') this.fail([...path, k], `${k} must be a non-empty string`);
    return v;
  }

  optStr(o: Obj, k: string, path: Path): string | undefined {
    return o[k] === undefined ? undefined : this.str(o, k, path);
  }

  template(o: Obj, k: string, path: Path, names: readonly string[], paths: boolean): Template {
    const t = parseTemplate(this.str(o, k, path), names, paths);
    if (typeof t === 'string') this.fail([...path, k], `${k}: ${t}`);
    return t;
  }

  optTemplate(o: Obj, k: string, path: Path, names: readonly string[], paths: boolean): Template | undefined {
    return o[k] === undefined ? undefined : this.template(o, k, path, names, paths);
  }

  path(v: unknown, path: Path, what: string): JsonPath {
    if (typeof v !== 'string') this.fail(path, `${what} must be a payload path such as $.order.id`);
    const p = parsePath(v);
    if (typeof p === 'string') this.fail(path, `${what}: ${p}`);
    return p;
  }

  optPath(o: Obj, k: string, path: Path): JsonPath | undefined {
    return o[k] === undefined ? undefined : this.path(o[k], [...path, k], k);
  }

  type(v: unknown, path: Path): BusinessEventType {
    if (typeof v !== 'string' || !isBusinessType(v)) this.fail(path, `${JSON.stringify(v)} is not a business event type (e.g. mes.operation.confirmed)`);
    return v;
  }

  system(o: Obj, path: Path): System | undefined {
    const v = o.system;
    if (v === undefined) return undefined;
    const allowed = SYSTEMS.filter((s) => s !== 'int' && s !== 'operator');
    if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) this.fail([...path, 'system'], `system must be one of ${allowed.join(', ')}`);
    return v as System;
  }

  /** `fields:` / `values:` keys must be data fields of (one of) the event types. */
  field(k: string, types: readonly BusinessEventType[], path: Path): void {
    if (types.some((t) => fieldsOf(t).some((f) => f.name === k))) return;
    const names = [...new Set(types.flatMap((t) => fieldsOf(t).map((f) => f.name)))];
    this.fail(path, `"${k}" is not a data field of ${types.join(', ')} (fields: ${names.join(', ')})`, true);
  }

  values(o: Obj, path: Path, types: readonly BusinessEventType[]): Map<string, string | number | boolean> {
    const out = new Map<string, string | number | boolean>();
    if (o.values === undefined) return out;
    const at = [...path, 'values'];
    for (const [k, v] of Object.entries(this.obj(o.values, at))) {
      this.field(k, types, [...at, k]);
      if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') this.fail([...at, k], `values.${k} must be a string, number or true/false`);
      out.set(k, v);
    }
    return out;
  }

  /** `units: { goodQty: { from: G, to: KG } }` or `{ fromPath: $.uom, to: EA }` (paths only when `paths`). */
  units(o: Obj, path: Path, types: readonly BusinessEventType[], paths: boolean): UnitRule[] {
    if (o.units === undefined) return [];
    const at = [...path, 'units'];
    const rules: UnitRule[] = [];
    for (const [field, raw] of Object.entries(this.obj(o.units, at))) {
      const p = [...at, field];
      this.field(field, types, p);
      if (!types.some((t) => fieldsOf(t).some((f) => f.name === field && f.kind === 'number'))) this.fail(p, `${field} is not a quantity, so it has no unit`, true);
      const u = this.obj(raw, p, paths ? ['from', 'fromPath', 'to'] : ['from', 'to']);
      const to = this.unit(u, 'to', p);
      if ((u.from === undefined) === (u.fromPath === undefined)) this.fail(p, paths ? `units.${field} needs exactly one of from or fromPath` : `units.${field} needs from`);
      if (u.from !== undefined) {
        const from = this.unit(u, 'from', p);
        if (UOM_FACTORS[from]?.dimension !== UOM_FACTORS[to]?.dimension) this.fail([...p, 'from'], `${from} never converts to ${to}`);
        rules.push({ field, from: { unit: from }, to });
      } else rules.push({ field, from: { path: this.path(u.fromPath, [...p, 'fromPath'], 'fromPath') }, to });
    }
    return rules;
  }

  private unit(o: Obj, k: string, path: Path): string {
    const v = this.str(o, k, path).toUpperCase();
    if (UOM_FACTORS[v] === undefined) this.fail([...path, k], `unit ${v} is not in master data (${Object.keys(UOM_FACTORS).join(', ')})`);
    return v;
  }
}

function name(path: Path): string {
  const last = path[path.length - 1];
  return last === undefined ? 'the file' : String(last);
}
