import { decodeEvent, rfc3339, type AnyEvent, type QuarantineRecord } from '../../../model/index.js';
import type { JournalInput } from '../../journal/journal-input.js';

const PREFIX = 'linesight/v1/';

/**
 * Turn one message of a watched broker into a canonical event, or say why not. Under Linesight's
 * own namespace the topic is `linesight/v1/{plant}/{line}/{system}/{type}` and must agree with the
 * envelope it carries (a message filed under the wrong line would be shown on the wrong tile).
 * An envelope without `origin` is live traffic; one that names its origin keeps it, so Linesight's
 * own injections and replays come back as what they are. Size is checked before parsing.
 */
export function ingestMessage(topic: string, payload: Uint8Array, broker: string, nowMs: number, maxBytes: number): JournalInput {
  const decoded = decodeEvent(payload, maxBytes, 'live');
  if (!decoded.ok) return quarantine(topic, payload, broker, nowMs, decoded.reason, decoded.detail);
  const e = decoded.event;
  if (topic.startsWith(PREFIX)) {
    const said = `${e.plant}/${e.line}/${e.source.slice(e.source.lastIndexOf('/') + 1)}/${e.type}`;
    if (!firstFourSegmentsAre(topic, said)) return quarantine(topic, payload, broker, nowMs, 'unmappable', `topic ${topic} does not match the event it carries (${said})`);
  } else {
    return quarantine(topic, payload, broker, nowMs, 'unmappable', `no mapping for topic ${topic} (only ${PREFIX}… is understood without one)`);
  }
  return { kind: 'event', event: e };
}

/**
 * Whether the first four `/`-separated segments of the topic after PREFIX, joined by `/`, are
 * `said` (segments after the fourth are not compared), without splitting the topic. A topic with
 * fewer than four segments never matches: `said` ends in an event type, never in a missing one.
 */
function firstFourSegmentsAre(topic: string, said: string): boolean {
  let end = PREFIX.length - 1;
  for (let i = 0; i < 3; i++) {
    end = topic.indexOf('/', end + 1);
    if (end === -1) return false;
  }
  end = topic.indexOf('/', end + 1);
  if (end === -1) end = topic.length;
  return end - PREFIX.length === said.length && topic.startsWith(said, PREFIX.length);
}

// a function of its own, not a closure per message: most messages are never quarantined
function quarantine(topic: string, payload: Uint8Array, broker: string, nowMs: number, reason: QuarantineRecord['reason'], detail: string): JournalInput {
  return { kind: 'quarantine', record: { time: rfc3339(nowMs), source: `${broker}/${topic}`, reason, detail, raw: payload } };
}

/** The topic an event is published on in Linesight's namespace. */
export function topicOf(e: AnyEvent): string {
  return `${PREFIX}${e.plant}/${e.line}/${e.source.slice(e.source.lastIndexOf('/') + 1)}/${e.type}`;
}
