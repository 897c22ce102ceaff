import type { InspectorLimits, InspectorMessages, InspectorOutcome, InspectorTopic, InspectorTopics } from '../contract/index.js';
import type { AnyEvent, QuarantineRecord } from '../../model/index.js';
import type { JournalInput } from '../journal/journal-input.js';
import type { Mapping } from '../sources/mappings/index.js';
import type { HostClock } from './host-clock.js';
import { readablePayload } from './inspector-payload.js';

export const DEFAULT_INSPECTOR_LIMITS: InspectorLimits = { perTopic: 20, maxBytes: 32 * 1024 * 1024 };

/** Bookkeeping a kept topic and a kept message cost beyond their bytes of text and payload (an estimate, so a flood of tiny topics is bounded too). */
const TOPIC_OVERHEAD = 256;
const MESSAGE_OVERHEAD = 96;
/** A payload larger than this is kept cut to its first 4 KiB (it is quarantined as oversize anyway, and only shown as hex). */
const KEEP_WHOLE = 256 * 1024;
const CUT = 4096;
const BUCKET_MS = 10_000;
const BUCKETS = 6;

const LINESIGHT = 'linesight/v1/';
const OWN_RULE = 'Linesight canonical event (linesight/v1/…)';
const IGNORED = 'understood, and it says nothing Linesight shows (a Sparkplug birth or death, a machine state, telemetry no mapping turns into an event)';

const IGNORED_OUTCOME: InspectorOutcome = { kind: 'ignored', why: IGNORED };

type Kept = {
  readonly at: number;
  readonly qos: 0 | 1 | 2;
  readonly retain: boolean;
  readonly bytes: number;
  readonly raw: Uint8Array;
  readonly outcome: InspectorOutcome;
};

type Entry = {
  readonly connection: string;
  readonly topic: string;
  readonly key: string;
  readonly overhead: number;
  count: number;
  firstAt: number;
  lastAt: number;
  retained: boolean;
  qos: 0 | 1 | 2;
  lastBytes: number;
  bytes: number;
  /** newest last */
  readonly messages: Kept[];
  /** messages per 10 s bucket, by bucket number: the last minute's rate */
  readonly bucketNo: number[];
  readonly bucketCount: number[];
};

/** One message as a watch received it. */
export type InspectedMessage = { readonly topic: string; readonly payload: Uint8Array; readonly qos: 0 | 1 | 2; readonly retain: boolean };

/**
 * The raw topic inspector of one watch: per connection and topic, counts, the last minute's rate,
 * the last message's retain flag and QoS, and the last `perTopic` payloads with what each became.
 * Bounded: above `maxBytes` the least recently seen topics are evicted (and counted). In memory only.
 */
export type TopicInspector = {
  readonly session: number;
  readonly limits: InspectorLimits;
  /** a message and what became of it (`outs` from the connection's mapper; `mapping` the one that matched, if any) */
  record(connection: string, m: InspectedMessage, outs: readonly JournalInput[], mapping: Mapping | null): void;
  topics(): InspectorTopics;
  messages(connection: string, topic: string): InspectorMessages;
};

/** A mapping as the inspector names it (built once per mapping). */
const ruleNames = new WeakMap<Mapping, string>();
function ruleName(m: Mapping): string {
  let name = ruleNames.get(m);
  if (name === undefined) {
    const what = m.kind === 'json' ? `json ${m.topic.text}` : m.kind === 'sparkplug' ? `sparkplug${m.group === undefined ? '' : ` group ${m.group}`}` : 'umh';
    name = `mapping #${m.index} (line ${m.at}): ${what}`;
    ruleNames.set(m, name);
  }
  return name;
}

function outcomeOf(topic: string, outs: readonly JournalInput[], mapping: Mapping | null): InspectorOutcome {
  const rule = mapping !== null ? ruleName(mapping) : topic.startsWith(LINESIGHT) ? OWN_RULE : undefined;
  // per message, on the ingest path: plain literals, no spreads
  let events = 0;
  let first: AnyEvent | undefined;
  let quarantined: QuarantineRecord | undefined;
  for (const o of outs) {
    if (o.kind === 'event') {
      events++;
      first ??= o.event;
    } else if (o.kind === 'quarantine') quarantined ??= o.record;
  }
  if (first !== undefined) return rule === undefined ? { kind: 'event', id: first.id, type: first.type, events } : { kind: 'event', id: first.id, type: first.type, events, rule };
  if (quarantined !== undefined) {
    const { reason, detail } = quarantined;
    return rule === undefined ? { kind: 'quarantined', reason, detail } : { kind: 'quarantined', reason, detail, rule };
  }
  return rule === undefined ? IGNORED_OUTCOME : { kind: 'ignored', why: IGNORED, rule };
}

export function createTopicInspector(session: number, clock: Pick<HostClock, 'epochMs'>, limits: Partial<InspectorLimits> = {}): TopicInspector {
  const lim: InspectorLimits = {
    perTopic: Math.max(1, Math.floor(limits.perTopic ?? DEFAULT_INSPECTOR_LIMITS.perTopic)),
    maxBytes: Math.max(1024, Math.floor(limits.maxBytes ?? DEFAULT_INSPECTOR_LIMITS.maxBytes)),
  };
  /** least recently seen first: a topic is moved to the end on each message */
  const entries = new Map<string, Entry>();
  let total = 0;
  let messagesKept = 0;
  let evictedTopics = 0;
  let evictedMessages = 0;

  const evict = (e: Entry) => {
    entries.delete(e.key);
    total -= e.bytes;
    messagesKept -= e.count;
    evictedTopics++;
    evictedMessages += e.count;
  };
  const dropOldest = (e: Entry) => {
    const old = e.messages.shift();
    if (old === undefined) return;
    const b = old.raw.byteLength + MESSAGE_OVERHEAD;
    e.bytes -= b;
    total -= b;
  };

  return {
    session,
    limits: lim,
    record(connection, m, outs, mapping) {
      const key = `${connection}\u0000${m.topic}`;
      const at = clock.epochMs();
      let e = entries.get(key);
      if (e === undefined) {
        const overhead = TOPIC_OVERHEAD + 2 * (key.length + m.topic.length);
        e = { connection, topic: m.topic, key, overhead, count: 0, firstAt: at, lastAt: at, retained: false, qos: 0, lastBytes: 0, bytes: overhead, messages: [], bucketNo: new Array<number>(BUCKETS).fill(-1), bucketCount: new Array<number>(BUCKETS).fill(0) };
        total += overhead;
      } else entries.delete(key);
      // the most recently seen topic goes last
      entries.set(key, e);
      e.count++;
      messagesKept++;
      e.lastAt = at;
      e.retained = m.retain;
      e.qos = m.qos;
      e.lastBytes = m.payload.byteLength;
      const b = Math.floor(at / BUCKET_MS);
      const i = b % BUCKETS;
      if (e.bucketNo[i] !== b) {
        e.bucketNo[i] = b;
        e.bucketCount[i] = 0;
      }
      e.bucketCount[i]!++;
      // a copy: the client's buffer may be a view of a larger one it reuses
      const n = m.payload.byteLength;
      const raw = new Uint8Array(n > KEEP_WHOLE ? m.payload.subarray(0, CUT) : m.payload);
      e.messages.push({ at, qos: m.qos, retain: m.retain, bytes: n, raw, outcome: outcomeOf(m.topic, outs, mapping) });
      const cost = raw.byteLength + MESSAGE_OVERHEAD;
      e.bytes += cost;
      total += cost;
      if (e.messages.length > lim.perTopic) dropOldest(e);
      // over the bound: least recently seen topics go first; the one just seen keeps at least this message
      while (total > lim.maxBytes) {
        const oldest = entries.values().next().value as Entry;
        if (oldest !== e) evict(oldest);
        else if (e.messages.length > 1) dropOldest(e);
        else break;
      }
    },
    topics() {
      const nowBucket = Math.floor(clock.epochMs() / BUCKET_MS);
      const topics: InspectorTopic[] = [];
      for (const e of entries.values()) {
        let rate = 0;
        for (let i = 0; i < BUCKETS; i++) if (e.bucketNo[i]! > nowBucket - BUCKETS) rate += e.bucketCount[i]!;
        const last = e.messages[e.messages.length - 1];
        topics.push({
          connection: e.connection,
          topic: e.topic,
          count: e.count,
          ratePerMin: rate,
          firstAt: e.firstAt,
          lastAt: e.lastAt,
          retained: e.retained,
          qos: e.qos,
          lastBytes: e.lastBytes,
          bytes: e.bytes,
          outcome: last?.outcome.kind ?? 'ignored',
        });
      }
      return { session, topics, totals: { topics: entries.size, messages: messagesKept, bytes: total, evictedTopics, evictedMessages, limits: lim } };
    },
    messages(connection, topic) {
      const e = entries.get(`${connection}\u0000${topic}`);
      if (e === undefined) return { connection, topic, count: 0, messages: [] };
      const messages = e.messages
        .slice()
        .reverse()
        .map((k) => ({ at: k.at, qos: k.qos, retain: k.retain, bytes: k.bytes, payload: readablePayload(topic, k.raw, k.bytes), outcome: k.outcome }));
      return { connection, topic, count: e.count, messages };
    },
  };
}
