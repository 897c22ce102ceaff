import type { QuarantineReason } from '../../../model/index.js';
import type { JournalInput } from '../../journal/journal-input.js';
import { applyUnits, buildEvent, quarantine, type MessageContext } from './build-event.js';
import { coerce, fieldsOf } from './business-fields.js';
import { mappingName } from './json-mapping.js';
import { decodeSparkplug, type SpMetric, type SpPayload } from './sparkplug-codec.js';
import type { SparkplugState } from './sparkplug-state.js';
import { fill } from './template.js';
import type { SparkplugEvent, SparkplugMapping } from './types.js';

const NOT_PROTOBUF: QuarantineReason = 'not-protobuf';
const VERBS = new Set(['NBIRTH', 'NDEATH', 'NDATA', 'DBIRTH', 'DDEATH', 'DDATA', 'NCMD', 'DCMD']);

/** The parts of a Sparkplug topic, or undefined when it is not `spBv1.0/{group}/{verb}/{edgeNode}[/{device}]`. */
export function sparkplugTopic(topic: string): { group: string; verb: string; edgeNode: string; device?: string } | undefined {
  const [ns, group, verb, edgeNode, device, ...more] = topic.split('/');
  if (ns !== 'spBv1.0' || !group || !verb || !edgeNode || more.length > 0 || !VERBS.has(verb)) return undefined;
  if (verb.startsWith('D') !== (device !== undefined && device !== '')) return undefined;
  return { group, verb, edgeNode, ...(device ? { device } : {}) };
}

/** A trigger fires when its metric is present with a value: not null, and not `false`. */
const fires = (m: SpMetric | undefined): boolean => m !== undefined && m.value !== null && m.value !== undefined && m.value !== false;

/** Map one Sparkplug message (already size-checked) whose topic the mapping accepts. */
export function mapSparkplug(m: SparkplugMapping, st: SparkplugState, ctx: MessageContext): JournalInput[] {
  const who = mappingName(m);
  const t = sparkplugTopic(ctx.topic);
  // host STATE messages and malformed topics say nothing about the plant
  if (t === undefined) return ctx.topic.startsWith('spBv1.0/STATE/') ? [] : [quarantine(ctx, 'unmappable', `${who}: ${ctx.topic} is not a Sparkplug B topic`)];
  // commands come from host applications: they are requests, not what the plant did, and carry no seq
  if (t.verb === 'NCMD' || t.verb === 'DCMD') return [];
  let p: SpPayload;
  try {
    p = decodeSparkplug(ctx.payload);
  } catch (err) {
    return [quarantine(ctx, NOT_PROTOBUF, `not a Sparkplug B (protobuf) payload: ${(err as Error).message}`)];
  }
  const seen = st.observe(t.group, t.verb, t.edgeNode, t.device, p, ctx.nowMs);
  if (seen === undefined) return [];

  const names = { group: t.group, edgeNode: t.edgeNode, ...(t.device ? { device: t.device } : {}) };
  const out: JournalInput[] = [];
  for (const ev of m.events) {
    const trigger = seen.byName.get(ev.metric);
    if (!fires(trigger)) continue;
    out.push(mapEvent(m, ev, names, seen.byName, trigger!, p, ctx, who));
  }
  if (out.length === 0 && seen.unknownAliases.length > 0) {
    // the message may have carried a trigger under an alias we cannot read: keep its bytes
    return [quarantine(ctx, 'unmappable', `${who}: metric alias ${seen.unknownAliases.join(', ')} unknown: the birth of ${t.group}/${t.edgeNode}${t.device ? `/${t.device}` : ''} was not seen`)];
  }
  return out;
}

function mapEvent(
  m: SparkplugMapping,
  ev: SparkplugEvent,
  names: Readonly<Record<string, string>>,
  byName: ReadonlyMap<string, SpMetric>,
  trigger: SpMetric,
  p: SpPayload,
  ctx: MessageContext,
  who: string,
): JournalInput {
  const what = `${who}, metric ${ev.metric}`;
  let missing = '';
  const plant = fill(m.plant, names, undefined, (w) => (missing = w));
  if (plant === undefined) return quarantine(ctx, 'unmappable', `${what}: plant: ${missing} has no value`);
  const line = m.lines.get(names.edgeNode ?? '') ?? (m.line ? fill(m.line, names, undefined, (w) => (missing = w)) : undefined);
  if (line === undefined) return quarantine(ctx, 'unmappable', `${what}: ${m.line ? `line: ${missing} has no value` : `edge node ${names.edgeNode} is not in the lines table`}`);
  const specs = fieldsOf(ev.type);
  const data: Record<string, unknown> = {};
  for (const [field, metric] of ev.fields) {
    const spec = specs.find((f) => f.name === field);
    const v = byName.get(metric)?.value;
    if (v === undefined || v === null) {
      if (spec?.optional) continue;
      return quarantine(ctx, 'unmappable', `${what}: field ${field}: metric ${metric} is not in the payload`);
    }
    data[field] = coerce(spec, v);
  }
  for (const [field, v] of ev.values) data[field] = v;
  const unitProblem = applyUnits(ev.type, ev.units, data, (rule) => ('unit' in rule.from ? rule.from.unit : undefined));
  if (unitProblem) return quarantine(ctx, 'unmappable', `${what}: ${unitProblem}`);
  return buildEvent(
    ctx,
    {
      type: ev.type,
      plant,
      line,
      ...(ev.system ? { system: ev.system } : {}),
      data,
      timeMs: trigger.timestamp ?? p.timestamp ?? ctx.nowMs,
      // Sparkplug's seq wraps at 255 and counts messages, not events: events get a per-source count
      part: ev.metric,
    },
    what,
  );
}
