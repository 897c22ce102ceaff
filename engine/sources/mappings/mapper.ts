import { DEFAULT_MAX_MESSAGE_BYTES } from '../../../model/index.js';
import type { JournalInput } from '../../journal/journal-input.js';
import { ingestMessage } from '../mqtt/ingest.js';
import { quarantine, type MessageContext } from './build-event.js';
import { mapJson } from './json-mapping.js';
import { mapSparkplug, sparkplugTopic } from './sparkplug-mapping.js';
import { SparkplugState } from './sparkplug-state.js';
import { matchTopic } from './topic-pattern.js';
import type { DataGap, Mapping, MappingSet, SparkplugNodeStatus } from './types.js';
import { createUmhState, mapUmh } from './umh-mapping.js';

/** Turns one broker connection's messages into canonical events, with the state mappings need. */
export type Mapper = {
  /** Events and quarantine records for one message; empty when it means nothing to Linesight. */
  map(topic: string, payload: Uint8Array, nowMs: number): JournalInput[];
  /** Sparkplug edge nodes and devices seen on this connection. */
  nodes(): SparkplugNodeStatus[];
  /** Possible data gaps noticed so far (the most recent 1000). */
  dataGaps(): DataGap[];
  /** How many messages were understood and produced nothing (e.g. producing states, telemetry). */
  ignored(): number;
  /** The mapping the last message took (null: none matched, or Linesight's own namespace), for the topic inspector. */
  lastMapping(): Mapping | null;
  /**
   * Use another mappings file from the next message on, keeping what the connection has learnt:
   * Sparkplug sessions and aliases, UMH running orders, per-source sequence counts (a fresh mapper
   * would restart them at 1 and take every edge node for unborn).
   */
  replaceMappings(next: MappingSet | null): void;
};

const LINESIGHT = 'linesight/v1/';

function matches(m: Mapping, topic: string): Record<string, string> | undefined {
  switch (m.kind) {
    case 'json':
      return matchTopic(m.topic, topic);
    case 'umh':
      return topic.startsWith('umh/v1/') ? {} : undefined;
    case 'sparkplug': {
      if (!topic.startsWith('spBv1.0/')) return undefined;
      const t = sparkplugTopic(topic);
      return m.group === undefined || t === undefined || t.group === m.group ? {} : undefined;
    }
  }
}

/**
 * A mapper for one connection. Linesight's own namespace goes through ingestMessage as before;
 * any other topic takes the first mapping that matches it, and without one it is quarantined as
 * `unmappable` with its bytes. Size is checked before anything is parsed.
 */
export function createMapper(initial: MappingSet | null, broker: string, maxBytes = DEFAULT_MAX_MESSAGE_BYTES): Mapper {
  let set = initial;
  const counters = new Map<string, bigint>();
  const umh = createUmhState();
  const sparkplug = new SparkplugState(broker);
  let ignoredCount = 0;
  let last: Mapping | null = null;

  function route(topic: string, payload: Uint8Array, nowMs: number): JournalInput[] {
    last = null;
    if (topic.startsWith(LINESIGHT)) return [ingestMessage(topic, payload, broker, nowMs, maxBytes)];
    const ctx: MessageContext = { broker, topic, payload, nowMs, counters };
    if (payload.byteLength > maxBytes) return [quarantine(ctx, 'oversize', `${payload.byteLength} bytes exceeds the ${maxBytes}-byte limit`)];
    for (const m of set?.mappings ?? []) {
      const captures = matches(m, topic);
      if (captures === undefined) continue;
      last = m;
      if (m.kind === 'json') return mapJson(m, captures, ctx);
      if (m.kind === 'umh') return mapUmh(m, umh, ctx);
      return mapSparkplug(m, sparkplug, ctx);
    }
    const where = set ? `no mapping in ${set.file} matches it` : 'no mappings file is configured';
    return [quarantine(ctx, 'unmappable', `no mapping for topic ${topic}: ${where} (only ${LINESIGHT}… is understood without one)`)];
  }

  return {
    map(topic, payload, nowMs) {
      const out = route(topic, payload, nowMs);
      if (out.length === 0) ignoredCount++;
      return out;
    },
    nodes: () => sparkplug.nodes(),
    dataGaps: () => sparkplug.gaps(),
    ignored: () => ignoredCount,
    lastMapping: () => last,
    replaceMappings(next) {
      set = next;
    },
  };
}
