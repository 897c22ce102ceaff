import canonicalizeModule from 'canonicalize';

type Serialize = (input: unknown) => string | undefined;
// The package is CommonJS (`module.exports = fn`) but its typings declare an ES default export, so
// under NodeNext TypeScript sees `{ default: fn }` while Node hands us `fn`. Accept either shape.
const loaded = canonicalizeModule as unknown as Serialize | { default: Serialize };
const canonicalize: Serialize = typeof loaded === 'function' ? loaded : loaded.default;

/**
 * RFC 8785 (JCS) canonical JSON of `value`.
 *
 * JCS differs from `JSON.stringify` only in property order (sorted by UTF-16 code units) and in
 * refusing NaN/Infinity; numbers and strings are written the same way by both. The simulator and
 * the decoders build objects whose keys are already sorted, so we first walk the value (no
 * allocation) to confirm that, and only then take `JSON.stringify`; anything else — unsorted keys,
 * integer-like keys (which JS enumerates first), `toJSON`, non-finite numbers, bigint — goes to the
 * `canonicalize` package. The result is canonical whichever path is taken.
 */
export function canonicalJson(value: unknown): string {
  if (value !== undefined && stringifyIsCanonical(value)) return JSON.stringify(value);
  // A decoded live event is sorted except for the `origin` added last: a copy with its members in
  // order is canonical as written, and JSON.stringify writes it several times faster than the
  // general path (whose text, built by concatenation, also costs more to post to the writer).
  const sorted = sortedCopy(value);
  if (sorted !== undefined && stringifyIsCanonical(sorted)) return JSON.stringify(sorted);
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value has no JSON representation');
  return text;
}

/**
 * A plain object's own members in sorted key order (a shallow copy), or undefined for anything
 * else. A `__proto__` member would not be copied as a member (assigning it sets the prototype), so
 * such an object is left to the general path.
 */
function sortedCopy(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return undefined;
  const o = value as Record<string, unknown>;
  if (typeof o.toJSON === 'function') return undefined;
  const keys = Object.keys(o).sort();
  const copy: Record<string, unknown> = {};
  for (const k of keys) {
    if (k === '__proto__') return undefined;
    copy[k] = o[k];
  }
  return copy;
}

/** True when `JSON.stringify(value)` already is the RFC 8785 form of `value`. */
export function stringifyIsCanonical(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'undefined': // omitted in objects, `null` in arrays — by both serializers
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object':
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (!stringifyIsCanonical(value[i])) return false;
        return true;
      }
      return objectIsCanonical(value as Record<string, unknown>);
    default:
      return false;
  }
}

function objectIsCanonical(o: Record<string, unknown>): boolean {
  if (typeof o.toJSON === 'function') return false;
  let prev: string | undefined;
  // for-in enumerates in the same order as JSON.stringify for plain objects and uses V8's enum cache.
  for (const k in o) {
    const v = o[k];
    if (v === undefined) continue;
    if (prev !== undefined && !(prev < k)) return false;
    prev = k;
    if (!stringifyIsCanonical(v)) return false;
  }
  return true;
}
