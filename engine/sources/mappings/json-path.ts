/** A parsed payload path: `$.order.id`, `$.items[0].qty`, `$['odd key']`. */
export type JsonPath = { readonly text: string; readonly steps: readonly (string | number)[] };

const STEP = /^(?:\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\['([^'\\]*)'\]|\["([^"\\]*)"\])/;
// the payload parser refuses these keys already; refusing them in paths too keeps lookups boring
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** Parse a path, or return what is wrong with it. */
export function parsePath(text: string): JsonPath | string {
  if (!text.startsWith('$')) return `path "${text}" must start with $ (e.g. $.order.id)`;
  const steps: (string | number)[] = [];
  let rest = text.slice(1);
  while (rest.length > 0) {
    const m = STEP.exec(rest);
    if (!m) return `path "${text}" is not understood at "${rest}" (use .name, [0] or ['name'])`;
    const step = m[2] !== undefined ? Number(m[2]) : (m[1] ?? m[3] ?? m[4] ?? '');
    if (typeof step === 'string' && FORBIDDEN.has(step)) return `path "${text}" names "${step}", which is not allowed`;
    steps.push(step);
    rest = rest.slice(m[0].length);
  }
  return { text, steps };
}

/** The value at `path`, or undefined when any step is missing. Only own properties are followed. */
export function readPath(value: unknown, path: JsonPath): unknown {
  let v = value;
  for (const step of path.steps) {
    if (typeof step === 'number') {
      if (!Array.isArray(v) || step >= v.length) return undefined;
      v = v[step];
    } else {
      if (typeof v !== 'object' || v === null || Array.isArray(v) || !Object.hasOwn(v, step)) return undefined;
      v = (v as Record<string, unknown>)[step];
    }
  }
  return v;
}
