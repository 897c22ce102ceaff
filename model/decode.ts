import type { AnyEvent } from './event.js';
import { parseRfc3339 } from './instant.js';
import { isSequence } from './sequence.js';
import { EVENT_TYPES, ORIGINS, SYSTEMS, type Origin, type QuarantineReason } from './names.js';

/** Default limit on one message's size, checked before parsing. */
export const DEFAULT_MAX_MESSAGE_BYTES = 256 * 1024;

/**
 * Deepest nesting of objects and arrays a payload may have. JSON.parse reads far deeper values
 * than JSON.stringify (and the journal's canonical JSON) can write back: a 10,000-level `data`
 * would pass the envelope check and then fail the journal's write. No plant message nests deeper
 * than a handful of levels.
 */
export const MAX_JSON_DEPTH = 64;

export type DecodeResult =
  | { readonly ok: true; readonly event: AnyEvent }
  | { readonly ok: false; readonly reason: QuarantineReason; readonly detail: string };

const TYPES = new Set<string>(EVENT_TYPES);
const ORIGIN_SET = new Set<string>(ORIGINS);
const SOURCE_RE = new RegExp(`^/[^/]+/[^/]+/(${SYSTEMS.join('|')})$`);
const POISON = new Set(['__proto__', 'constructor', 'prototype']);
const decoder = new TextDecoder('utf-8', { fatal: true });

function fail(reason: QuarantineReason, detail: string): DecodeResult {
  return { ok: false, reason, detail };
}

/** Whether a key of the JSON `text` could be one of POISON (false: certainly none is). */
function mayHidePoison(text: string): boolean {
  return text.includes('\\') || text.includes('__proto__') || text.includes('constructor') || text.includes('prototype');
}

export type ParsedJson = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: QuarantineReason; readonly detail: string };

/**
 * UTF-8 JSON → value, refusing (not stripping) keys that could poison prototypes. The first half of
 * `decodeEvent`, and what mapped foreign payloads go through, so every input is parsed the same way.
 */
export function parseJsonPayload(raw: Uint8Array): ParsedJson {
  let text: string;
  try {
    text = decoder.decode(raw);
  } catch {
    return { ok: false, reason: 'not-json', detail: 'not valid UTF-8' };
  }
  let poisoned: string | undefined;
  let value: unknown;
  try {
    // The reviver costs a second walk of the whole value; it is needed only when a poisonous key
    // could be there. Without a backslash every key is written literally in the text, so a text
    // that spells none of them has none (a value that merely contains the word takes the reviver).
    value = mayHidePoison(text)
      ? JSON.parse(text, function (key, v: unknown) {
          if (POISON.has(key)) poisoned ??= key;
          return v;
        })
      : JSON.parse(text);
  } catch (err) {
    // the reviver walks the value recursively: a deep enough value overflows the stack there
    if (err instanceof RangeError) return { ok: false, reason: 'schema', detail: TOO_DEEP };
    return { ok: false, reason: 'not-json', detail: (err as Error).message };
  }
  if (poisoned !== undefined) return { ok: false, reason: 'prototype-poisoning', detail: `key "${poisoned}" is not allowed` };
  const problem = valueProblem(value, MAX_JSON_DEPTH);
  if (problem !== undefined) return { ok: false, reason: 'schema', detail: problem };
  return { ok: true, value };
}

const TOO_DEEP = `objects and arrays are nested deeper than ${MAX_JSON_DEPTH} levels`;
const NOT_FINITE = 'a number is too large to be a number (JSON.parse made it Infinity)';

/**
 * What JSON.parse accepts and nothing after it can write back: nesting deeper than `levels`, and
 * numbers such as 1e400 that it reads as ±Infinity (canonical JSON refuses them). Stops
 * descending at the limit, so it never overflows the stack itself.
 */
function valueProblem(v: unknown, levels: number): string | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? undefined : NOT_FINITE;
  if (typeof v !== 'object' || v === null) return undefined;
  if (levels === 0) return TOO_DEEP;
  if (Array.isArray(v)) {
    for (const x of v) {
      if (typeof x !== 'object' && typeof x !== 'number') continue;
      const p = valueProblem(x, levels - 1);
      if (p !== undefined) return p;
    }
    return undefined;
  }
  for (const k in v) {
    const x = (v as Record<string, unknown>)[k];
    if (typeof x !== 'object' && typeof x !== 'number') continue;
    const p = valueProblem(x, levels - 1);
    if (p !== undefined) return p;
  }
  return undefined;
}

/**
 * Turn raw bytes into a canonical event, or say why not. The one decoder for every input path
 * (simulated malformed messages, MQTT, files), so the same bytes are judged the same way.
 * Size is checked before parsing; keys that could poison prototypes are refused, not stripped.
 * With `defaultOrigin`, an envelope without `origin` gets that one (an event that names its own
 * origin keeps it: Linesight's injections and replays come back as what they are).
 */
export function decodeEvent(raw: Uint8Array, maxBytes = DEFAULT_MAX_MESSAGE_BYTES, defaultOrigin?: Origin): DecodeResult {
  if (raw.byteLength > maxBytes) return fail('oversize', `${raw.byteLength} bytes exceeds the ${maxBytes}-byte limit`);
  const parsed = parseJsonPayload(raw);
  if (!parsed.ok) return parsed;
  const value = parsed.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('not-object', 'a CloudEvent must be a JSON object');
  // traffic Linesight did not publish carries no origin: it is what the plant said, live
  let e = value as Record<string, unknown>;
  if (defaultOrigin !== undefined && e.origin === undefined) e = withOrigin(e, defaultOrigin);
  const problem = envelopeProblem(e);
  if (problem) return fail(problem[0], problem[1]);
  return { ok: true, event: e as AnyEvent };
}

const REQUIRED = ['id', 'source', 'type', 'time', 'businesskey', 'plant', 'line', 'correlationid', 'sequence', 'origin'] as const;
const filled = (v: unknown): boolean => typeof v === 'string' && v.length > 0;
const optional = (v: unknown): boolean => v === undefined || typeof v === 'string';

/**
 * `e` with `origin` added among its members in key order rather than last: an envelope sent with
 * sorted keys (as Linesight and canonical publishers send it) stays sorted, so the journal can
 * write its canonical JSON with one JSON.stringify. Only the order of members differs from
 * assigning the property.
 */
function withOrigin(e: Record<string, unknown>, origin: Origin): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let placed = false;
  for (const k of Object.keys(e)) {
    // a `__proto__` member cannot be copied by assignment: keep the object, add origin last
    if (k === '__proto__') {
      e.origin = origin;
      return e;
    }
    if (!placed && k > 'origin') {
      out.origin = origin;
      placed = true;
    }
    out[k] = e[k];
  }
  if (!placed) out.origin = origin;
  return out;
}

/** The first thing wrong with a parsed envelope, as [reason, detail], or undefined when it is valid. */
export function envelopeProblem(e: Record<string, unknown>): [QuarantineReason, string] | undefined {
  if (e.specversion !== '1.0') return ['schema', 'specversion must be "1.0"'];
  // Named property reads for the usual, valid envelope (a loop over key names is a slow keyed
  // lookup per attribute); the loop runs only to say which attribute is wrong, in the same order.
  const required =
    filled(e.id) && filled(e.source) && filled(e.type) && filled(e.time) && filled(e.businesskey) &&
    filled(e.plant) && filled(e.line) && filled(e.correlationid) && filled(e.sequence) && filled(e.origin);
  if (!required) {
    for (const k of REQUIRED) {
      if (!filled(e[k])) return ['schema', `${k} must be a non-empty string`];
    }
  }
  if (!TYPES.has(e.type as string)) return ['unknown-type', `type "${String(e.type)}" is not a Linesight event type`];
  if (!SOURCE_RE.test(e.source as string)) return ['schema', `source "${String(e.source)}" is not /{plant}/{line}/{system}`];
  if (parseRfc3339(e.time as string) === undefined) return ['schema', 'time must be RFC 3339 (a date and time that exist, with a zone)'];
  if (!isSequence(e.sequence as string)) return ['schema', 'sequence must be a decimal string'];
  if (!ORIGIN_SET.has(e.origin as string)) return ['schema', `origin must be one of ${ORIGINS.join(', ')}`];
  if (e.datacontenttype !== undefined && e.datacontenttype !== 'application/json') return ['schema', 'datacontenttype must be application/json'];
  if (!optional(e.subject) || !optional(e.causationid) || !optional(e.lot) || !optional(e.dataschema)) {
    for (const k of ['subject', 'causationid', 'lot', 'dataschema']) {
      if (!optional(e[k])) return ['schema', `${k} must be a string`];
    }
  }
  if (typeof e.data !== 'object' || e.data === null || Array.isArray(e.data)) return ['schema', 'data must be an object'];
  return undefined;
}
