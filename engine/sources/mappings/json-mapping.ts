import { MAX_DATE_MS, ORIGINS, parseRfc3339, type BusinessEventType, type Origin } from '../../../model/index.js';
import type { JournalInput } from '../../journal/journal-input.js';
import { applyUnits, buildEvent, quarantine, type MessageContext } from './build-event.js';
import { coerce, fieldsOf } from './business-fields.js';
import { readPath } from './json-path.js';
import { parseJsonPayload } from '../../../model/index.js';
import { fill } from './template.js';
import type { JsonMapping } from './types.js';

/** A mapping's name in quarantine details, so an engineer can find it in the file. */
export function mappingName(m: { index: number; at: number; kind: string }): string {
  return `mapping ${m.index} (${m.kind}, line ${m.at})`;
}

/**
 * Epoch ms from a payload time: epoch milliseconds a Date can hold, or RFC 3339 text naming a day
 * that exists; undefined when neither.
 */
export function timeOf(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= MAX_DATE_MS) return v;
  if (typeof v === 'string') return parseRfc3339(v);
  return undefined;
}

/** A sequence from a payload: a whole number ≥ 0 or its decimal string. */
function sequenceOf(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return String(v);
  if (typeof v === 'string' && /^(0|[1-9][0-9]*)$/.test(v)) return v;
  return undefined;
}

function resolveType(m: JsonMapping, payload: unknown): { type: BusinessEventType } | { problem: string } {
  if (m.type.kind === 'fixed') return { type: m.type.type };
  const v = readPath(payload, m.type.path);
  if (typeof v !== 'string' && typeof v !== 'number') return { problem: `${m.type.path.text} is not in the payload, so the event type is unknown` };
  const type = m.type.types.get(String(v));
  return type ? { type } : { problem: `the types table has no entry for ${m.type.path.text} = ${JSON.stringify(v)}` };
}

/** Map one JSON message (already size-checked) with a generic mapping whose topic matched. */
export function mapJson(m: JsonMapping, captures: Readonly<Record<string, string>>, ctx: MessageContext): JournalInput[] {
  const who = mappingName(m);
  const parsed = parseJsonPayload(ctx.payload);
  if (!parsed.ok) return [quarantine(ctx, parsed.reason, parsed.detail)];
  const payload = parsed.value;
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return [quarantine(ctx, 'not-object', `${who}: the payload must be a JSON object`)];
  const resolved = resolveType(m, payload);
  if ('problem' in resolved) return [quarantine(ctx, 'unmappable', `${who}: ${resolved.problem}`)];
  const t = resolved.type;

  const specs = fieldsOf(t);
  const data: Record<string, unknown> = {};
  for (const [name, path] of m.fields) {
    const spec = specs.find((f) => f.name === name);
    if (spec === undefined) continue; // with typeFrom, the fields of the other types in the table
    const v = readPath(payload, path);
    if (v === undefined || v === null) {
      if (spec.optional) continue;
      return [quarantine(ctx, 'unmappable', `${who}: field ${name}: ${path.text} is not in the payload`)];
    }
    data[name] = coerce(spec, v);
  }
  for (const [name, v] of m.values) if (specs.some((f) => f.name === name)) data[name] = v;
  const unitProblem = applyUnits(t, m.units, data, (rule) => ('unit' in rule.from ? rule.from.unit : readPath(payload, rule.from.path)));
  if (unitProblem) return [quarantine(ctx, 'unmappable', `${who}: ${unitProblem}`)];

  let missing = '';
  const miss = (what: string) => (missing = what);
  const plant = fill(m.plant, captures, payload, miss);
  const line = plant === undefined ? undefined : fill(m.line, captures, payload, miss);
  if (plant === undefined || line === undefined) return [quarantine(ctx, 'unmappable', `${who}: ${plant === undefined ? 'plant' : 'line'}: ${missing} has no value`)];
  const businesskey = m.businesskey ? fill(m.businesskey, captures, payload, miss) : undefined;
  if (m.businesskey && businesskey === undefined) return [quarantine(ctx, 'unmappable', `${who}: businesskey: ${missing} has no value`)];
  const correlationid = m.correlationid ? fill(m.correlationid, captures, payload, miss) : undefined;
  if (m.correlationid && correlationid === undefined) return [quarantine(ctx, 'unmappable', `${who}: correlationid: ${missing} has no value`)];

  const timeMs = m.time ? timeOf(readPath(payload, m.time)) : ctx.nowMs;
  if (m.time && timeMs === undefined) return [quarantine(ctx, 'schema', `${who}: time: ${m.time.text} is not epoch ms or RFC 3339`)];
  const sequence = m.sequence ? sequenceOf(readPath(payload, m.sequence)) : undefined;
  if (m.sequence && sequence === undefined) return [quarantine(ctx, 'schema', `${who}: sequence: ${m.sequence.text} is not a whole number ≥ 0`)];
  let origin: Origin | undefined;
  if (m.origin) {
    const v = readPath(payload, m.origin);
    // a payload that names no origin is what the plant said: live
    if (v !== undefined && !(ORIGINS as readonly unknown[]).includes(v)) return [quarantine(ctx, 'schema', `${who}: origin ${JSON.stringify(v)} is not one of ${ORIGINS.join(', ')}`)];
    origin = v as Origin | undefined;
  }

  return [
    buildEvent(
      ctx,
      {
        type: t,
        plant,
        line,
        ...(m.system ? { system: m.system } : {}),
        data,
        timeMs: timeMs ?? ctx.nowMs,
        ...(sequence !== undefined ? { sequence } : {}),
        ...(businesskey !== undefined ? { businesskey } : {}),
        ...(correlationid !== undefined ? { correlationid } : {}),
        ...(origin !== undefined ? { origin } : {}),
      },
      who,
    ),
  ];
}
