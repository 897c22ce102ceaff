import { describe, expect, it } from 'vitest';
import type { JournalInput } from '../../../engine/journal/journal-input.js';
import { hexDump, readablePayload } from '../../../engine/session/inspector-payload.js';
import { createTopicInspector } from '../../../engine/session/topic-inspector.js';

const clockAt = (start = 1_700_000_000_000) => {
  let t = start;
  return { epochMs: () => t, advance: (ms: number) => (t += ms) };
};
const msg = (topic: string, payload: string | Uint8Array, retain = false) => ({
  topic,
  payload: typeof payload === 'string' ? new TextEncoder().encode(payload) : payload,
  qos: 1 as const,
  retain,
});
const none: readonly JournalInput[] = [];

describe('the topic inspector store', () => {
  it('counts each topic, keeps its last N messages newest first, and the last retain flag and QoS', () => {
    const clock = clockAt();
    const ins = createTopicInspector(7, clock, { perTopic: 3 });
    for (let i = 1; i <= 5; i++) {
      ins.record('plant', msg('a/b', JSON.stringify({ n: i }), i === 1), none, null);
      clock.advance(1000);
    }
    ins.record('plant', msg('a/c', 'hello'), none, null);
    const { topics, totals } = ins.topics();
    const ab = topics.find((t) => t.topic === 'a/b')!;
    expect(ab).toMatchObject({ connection: 'plant', count: 5, retained: false, qos: 1, ratePerMin: 5 });
    expect(totals).toMatchObject({ topics: 2, messages: 6, evictedTopics: 0, evictedMessages: 0, limits: { perTopic: 3 } });
    const m = ins.messages('plant', 'a/b');
    expect(m.count).toBe(5);
    expect(m.messages.map((x) => JSON.parse(x.payload.text) as unknown)).toEqual([{ n: 5 }, { n: 4 }, { n: 3 }]);
    expect(m.messages[0]!.payload.kind).toBe('json');
    expect(m.messages[0]!.outcome.kind).toBe('ignored');
    expect(ins.messages('plant', 'a/c').messages[0]!.payload).toEqual({ kind: 'text', text: 'hello' });
    expect(ins.messages('plant', 'nope')).toEqual({ connection: 'plant', topic: 'nope', count: 0, messages: [] });
  });

  it("the rate is the last minute's messages", () => {
    const clock = clockAt();
    const ins = createTopicInspector(1, clock);
    for (let i = 0; i < 4; i++) ins.record('c', msg('t', 'x'), none, null);
    clock.advance(120_000);
    expect(ins.topics().topics[0]!.ratePerMin).toBe(0);
    ins.record('c', msg('t', 'x'), none, null);
    expect(ins.topics().topics[0]).toMatchObject({ ratePerMin: 1, count: 5 });
  });

  it('says what each message became: the event, or the quarantine reason', () => {
    const ins = createTopicInspector(1, clockAt());
    const event = { kind: 'event', event: { id: 'e-1', type: 'mes.operation.confirmed' } } as unknown as JournalInput;
    const bad = { kind: 'quarantine', record: { reason: 'unmappable', detail: 'no mapping for topic x' } } as unknown as JournalInput;
    ins.record('c', msg('linesight/v1/x', '{}'), [event, event], null);
    ins.record('c', msg('x', '{}'), [bad], null);
    expect(ins.messages('c', 'linesight/v1/x').messages[0]!.outcome).toEqual({ kind: 'event', id: 'e-1', type: 'mes.operation.confirmed', events: 2, rule: 'Linesight canonical event (linesight/v1/…)' });
    expect(ins.messages('c', 'x').messages[0]!.outcome).toEqual({ kind: 'quarantined', reason: 'unmappable', detail: 'no mapping for topic x' });
  });

  it('evicts least recently seen topics first to stay within the byte bound, and counts them', () => {
    const ins = createTopicInspector(1, clockAt(), { perTopic: 2, maxBytes: 20_000 });
    const kb = new Uint8Array(1000);
    for (let i = 0; i < 10; i++) ins.record('c', msg(`t/${i}`, kb), none, null);
    // t/0 seen again: now the most recent
    ins.record('c', msg('t/0', kb), none, null);
    for (let i = 10; i < 30; i++) ins.record('c', msg(`t/${i}`, kb), none, null);
    const { topics, totals } = ins.topics();
    expect(totals.bytes).toBeLessThanOrEqual(20_000);
    expect(totals.evictedTopics).toBe(31 - 1 - topics.length);
    expect(totals.evictedTopics + totals.topics).toBe(30);
    expect(totals.evictedMessages + totals.messages).toBe(31);
    const kept = new Set(topics.map((t) => t.topic));
    expect(kept.has('t/29')).toBe(true);
    expect(kept.has('t/1')).toBe(false);
    // the newest topics survive, in order of last sight
    const survivors = [...kept];
    expect(survivors.every((t) => Number(t.split('/')[1]) >= 30 - topics.length)).toBe(true);
  });

  it('stays under the byte bound under a flood of many topics', () => {
    const maxBytes = 1024 * 1024;
    const ins = createTopicInspector(1, clockAt(), { perTopic: 20, maxBytes });
    const payload = new Uint8Array(300).fill(0x41);
    let peak = 0;
    for (let i = 0; i < 50_000; i++) {
      ins.record('flood', msg(`plant/site/area/line-${i % 5000}/cell/${i}`, payload), none, null);
      if (i % 1000 === 0) peak = Math.max(peak, ins.topics().totals.bytes);
    }
    const { totals } = ins.topics();
    expect(Math.max(peak, totals.bytes)).toBeLessThanOrEqual(maxBytes);
    expect(totals.evictedTopics).toBeGreaterThan(40_000);
    expect(totals.evictedTopics + totals.topics).toBe(50_000);
    expect(totals.evictedMessages + totals.messages).toBe(50_000);
  });

  it('a single topic larger than the bound keeps only its newest message', () => {
    const ins = createTopicInspector(1, clockAt(), { perTopic: 20, maxBytes: 4096 });
    for (let i = 0; i < 5; i++) ins.record('c', msg('big', new Uint8Array(1500)), none, null);
    expect(ins.topics().totals.bytes).toBeLessThanOrEqual(4096);
    expect(ins.messages('c', 'big').messages.length).toBeLessThan(5);
  });
});

describe('payloads made readable', () => {
  it('shows binary as a hex dump of its first 4 KiB', () => {
    const bytes = Uint8Array.from([0, 1, 2, 0xff, 0x41, 0x42]);
    expect(readablePayload('raw/bin', bytes)).toEqual({ kind: 'hex', text: `00000000  ${'00 01 02 ff 41 42'.padEnd(47)}  |....AB|` });
    const big = readablePayload('raw/big', new Uint8Array(10_000));
    expect(big.truncated).toBe(true);
    expect(big.text.split('\n')).toHaveLength(256);
    expect(hexDump(new Uint8Array(17)).split('\n')).toHaveLength(2);
  });

  it('does not take bytes on another topic for Sparkplug', () => {
    expect(readablePayload('not/sparkplug', Uint8Array.from([0x08, 0x01])).kind).toBe('hex');
  });
});
