import { parsePath, readPath, type JsonPath } from './json-path.js';

/** `"{plant}-{line}-{$.orderNo}"`: literal text, named values and payload paths. */
export type Template = { readonly text: string; readonly parts: readonly (string | { name: string } | { path: JsonPath })[] };

/**
 * Parse a template whose `{name}`s must be among `names` (and `{$.path}`s are allowed only for JSON
 * payloads), or return what is wrong with it.
 */
export function parseTemplate(text: string, names: readonly string[], paths = true): Template | string {
  const parts: Template['parts'][number][] = [];
  const re = /\{([^{}]*)\}/g;
  let last = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    const inner = m[1] ?? '';
    if (inner.startsWith('$')) {
      if (!paths) return `"{${inner}}": payload paths only work for JSON payloads`;
      const path = parsePath(inner);
      if (typeof path === 'string') return path;
      parts.push({ path });
    } else if (names.includes(inner)) parts.push({ name: inner });
    else return `"{${inner}}" is not known here (known: ${names.length ? names.join(', ') : 'none'}; payload values are {$.path})`;
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  if (parts.some((p) => typeof p === 'string' && /[{}]/.test(p))) return `template "${text}" has an unmatched { or }`;
  return { text, parts };
}

/**
 * Fill a template; a missing value makes the whole result undefined (never a half-filled key).
 * `miss` receives the first name or path that was missing.
 */
export function fill(t: Template, named: Readonly<Record<string, string>>, payload: unknown, miss?: (what: string) => void): string | undefined {
  let out = '';
  for (const p of t.parts) {
    if (typeof p === 'string') out += p;
    else {
      const v = 'name' in p ? named[p.name] : readPath(payload, p.path);
      if ((typeof v !== 'string' || v === '') && typeof v !== 'number') {
        miss?.('name' in p ? `{${p.name}}` : p.path.text);
        return undefined;
      }
      out += String(v);
    }
  }
  return out;
}
