import { createHash } from 'node:crypto';
import { convertUom, envelopeProblem, isDateMs, rfc3339, sourceOf, type AnyEvent, type BusinessEventType, type Origin, type QuarantineReason, type System } from '../../../model/index.js';
import type { JournalInput } from '../../journal/journal-input.js';
import { businessDataProblems, fieldsOf } from './business-fields.js';
import type { UnitRule } from './types.js';

/** One message being mapped, and the per-connection counters events take their sequence from. */
export type MessageContext = {
  readonly broker: string;
  readonly topic: string;
  readonly payload: Uint8Array;
  readonly nowMs: number;
  /** next sequence per event source, for mappings whose traffic carries none */
  readonly counters: Map<string, bigint>;
};

/** What a mapping worked out for one event, before the envelope is built and checked. */
export type Draft = {
  readonly type: BusinessEventType;
  readonly plant: string;
  readonly line: string;
  readonly system?: System;
  readonly data: Record<string, unknown>;
  readonly timeMs: number;
  readonly sequence?: string;
  readonly businesskey?: string;
  readonly correlationid?: string;
  readonly origin?: Origin;
  /** tells apart several events made from one message (a Sparkplug payload with two triggers) */
  readonly part?: string;
};

export function quarantine(ctx: MessageContext, reason: QuarantineReason, detail: string): JournalInput {
  return { kind: 'quarantine', record: { time: rfc3339(ctx.nowMs), source: `${ctx.broker}/${ctx.topic}`, reason, detail, raw: ctx.payload } };
}

/**
 * The event id is a hash of where and what arrived, so a QoS 1 redelivery (same broker, topic and
 * bytes) is the same event and the journal keeps it once. 128 bits are plenty for uniqueness.
 */
export function eventId(ctx: MessageContext, part = ''): string {
  const h = createHash('sha256');
  h.update(`${ctx.broker}\u0000${ctx.topic}\u0000`);
  h.update(ctx.payload);
  h.update(`\u0000${part}`);
  return h.digest('hex').slice(0, 32);
}

/** Convert the quantities a mapping names; undefined when all went well, else what did not. */
export function applyUnits(type: BusinessEventType, rules: readonly UnitRule[], data: Record<string, unknown>, unitOf: (rule: UnitRule) => unknown): string | undefined {
  for (const rule of rules) {
    const qty = data[rule.field];
    if (qty === undefined) continue; // validation names the missing field
    if (typeof qty !== 'number') return `${rule.field} is not a number, so it cannot be converted`;
    const from = unitOf(rule);
    if (typeof from !== 'string' || from === '') return `the unit of ${rule.field} is missing`;
    const converted = convertUom(qty, from.toUpperCase(), rule.to);
    if (converted === undefined) return `${rule.field}: master data has no conversion from ${from} to ${rule.to}`;
    data[rule.field] = converted;
    // the quantities are now in the target unit, whatever unit the payload named
    if (fieldsOf(type).some((f) => f.name === 'uom')) data.uom = rule.to;
  }
  return undefined;
}

function defaultKey(d: Draft, time: string): string {
  const { order, operation, lot, workCenter } = d.data;
  if (typeof order !== 'string') return `${typeof workCenter === 'string' ? workCenter : d.line}/${d.type}/${time}`;
  return [order, d.type, operation, lot].filter((x): x is string => typeof x === 'string' && x !== '').join('/');
}

/**
 * Build the canonical envelope for a draft and check it like any decoded event: the data against
 * the type's fields (quarantined as `schema`), then the envelope itself. `who` names the mapping.
 */
export function buildEvent(ctx: MessageContext, d: Draft, who: string): JournalInput {
  const problems = businessDataProblems(d.type, d.data);
  if (problems.length > 0) return quarantine(ctx, 'schema', `${who}: ${d.type}: ${problems.join('; ')}`);
  // a Sparkplug timestamp is a uint64: most of its range is beyond any date
  if (!isDateMs(d.timeMs)) return quarantine(ctx, 'schema', `${who}: time ${d.timeMs} ms is not a date`);
  const system = d.system ?? (d.type.slice(0, d.type.indexOf('.')) as System);
  const source = sourceOf(d.plant, d.line, system);
  const time = rfc3339(d.timeMs);
  const counted = d.sequence === undefined ? (ctx.counters.get(source) ?? 1n) : undefined;
  const sequence = d.sequence ?? String(counted);
  const order = typeof d.data.order === 'string' ? d.data.order : undefined;
  const businesskey = d.businesskey ?? defaultKey(d, time);
  const e: Record<string, unknown> = {
    specversion: '1.0',
    id: eventId(ctx, d.part),
    source,
    type: d.type,
    time,
    ...(order !== undefined ? { subject: order } : {}),
    datacontenttype: 'application/json',
    data: d.data,
    correlationid: d.correlationid ?? order ?? businesskey,
    businesskey,
    plant: d.plant,
    line: d.line,
    ...(typeof d.data.lot === 'string' ? { lot: d.data.lot } : {}),
    sequence,
    origin: d.origin ?? 'live',
  };
  const problem = envelopeProblem(e);
  if (problem) return quarantine(ctx, problem[0], `${who}: ${problem[1]}`);
  // counted only once the event stands, so a quarantined message leaves no hole in the sequence
  if (counted !== undefined) ctx.counters.set(source, counted + 1n);
  return { kind: 'event', event: e as AnyEvent };
}
