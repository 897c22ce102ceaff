import type { AnyEvent } from './event.js';
import { EVENT_TYPES, ORIGINS, SYSTEMS, type Origin, type QuarantineReason } from './names.js';

/** Default limit on one message's size, checked before parsing. */
export const DEFAULT_MAX_MESSAGE_BYTES = 256 * 1024;

export type DecodeResult =
  | { readonly ok: true; readonly event: AnyEvent }
  | { readonly ok: false; readonly reason: QuarantineReason; readonly detail: string };

const TYPES = new Set<string>(EVENT_TYPES);
const ORIGIN_SET = new Set<string>(ORIGINS);
const SOURCE_RE = new RegExp(`^/[^/]+/[^/]+/(${SYSTEMS.join('|')})$`);
const TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const SEQ_RE = /^(0|[1-9][0-9]*)$/;
const POISON = new Set(['__proto__', 'constructor', 'prototype']);
const decoder = new TextDecoder('utf-8', { fatal: true });

function fail(reason: QuarantineReason, detail: string): DecodeResult {
  return { ok: false, reason, detail };
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
    value = JSON.parse(text, function (key, v: unknown) {
      if (POISON.has(key)) poisoned ??= key;
      return v;
    });
  } catch (err) {
    return { ok: false, reason: 'not-json', detail: (err as Error).message };
  }
  if (poisoned !== undefined) return { ok: false, reason: 'prototype-poisoning', detail: `key "${poisoned}" is not allowed` };
  return { ok: true, value };
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
  if (defaultOrigin !== undefined && (value as Record<string, unknown>).origin === undefined) (value as Record<string, unknown>).origin = defaultOrigin;
  const problem = envelopeProblem(value as Record<string, unknown>);
  if (problem) return fail(problem[0], problem[1]);
  return { ok: true, event: value as AnyEvent };
}

/** The first thing wrong with a parsed envelope, as [reason, detail], or undefined when it is valid. */
export function envelopeProblem(e: Record<string, unknown>): [QuarantineReason, string] | undefined {
  const str = (k: string) => typeof e[k] === 'string' && (e[k] as string).length > 0;
  if (e.specversion !== '1.0') return ['schema', 'specversion must be "1.0"'];
  for (const k of ['id', 'source', 'type', 'time', 'businesskey', 'plant', 'line', 'correlationid', 'sequence', 'origin']) {
    if (!str(k)) return ['schema', `${k} must be a non-empty string`];
  }
  if (!TYPES.has(e.type as string)) return ['unknown-type', `type "${String(e.type)}" is not a Linesight event type`];
  if (!SOURCE_RE.test(e.source as string)) return ['schema', `source "${String(e.source)}" is not /{plant}/{line}/{system}`];
  if (!TIME_RE.test(e.time as string) || Number.isNaN(Date.parse(e.time as string))) return ['schema', 'time must be RFC 3339'];
  if (!SEQ_RE.test(e.sequence as string)) return ['schema', 'sequence must be a decimal string'];
  if (!ORIGIN_SET.has(e.origin as string)) return ['schema', `origin must be one of ${ORIGINS.join(', ')}`];
  if (e.datacontenttype !== undefined && e.datacontenttype !== 'application/json') return ['schema', 'datacontenttype must be application/json'];
  for (const k of ['subject', 'causationid', 'lot']) {
    if (e[k] !== undefined && typeof e[k] !== 'string') return ['schema', `${k} must be a string`];
  }
  if (typeof e.data !== 'object' || e.data === null || Array.isArray(e.data)) return ['schema', 'data must be an object'];
  return undefined;
}
