import { decodeEvent, rfc3339, type AnyEvent, type QuarantineRecord } from '../../../model/index.js';

/** The outcome of one message: a canonical event, or the quarantine record that keeps its bytes. */
export type Ingested = { readonly kind: 'event'; readonly event: AnyEvent } | { readonly kind: 'quarantine'; readonly record: QuarantineRecord };

const PREFIX = 'linesight/v1/';

/**
 * Turn one message of a watched broker into a canonical event, or say why not. Under Linesight's
 * own namespace the topic is `linesight/v1/{plant}/{line}/{system}/{type}` and must agree with the
 * envelope it carries (a message filed under the wrong line would be shown on the wrong tile).
 * An envelope without `origin` is live traffic; one that names its origin keeps it, so Linesight's
 * own injections and replays come back as what they are. Size is checked before parsing.
 */
export function ingestMessage(topic: string, payload: Uint8Array, broker: string, nowMs: number, maxBytes: number): Ingested {
  const source = `${broker}/${topic}`;
  const quarantine = (reason: QuarantineRecord['reason'], detail: string): Ingested => ({
    kind: 'quarantine',
    record: { time: rfc3339(nowMs), source, reason, detail, raw: payload },
  });
  const decoded = decodeEvent(payload, maxBytes, 'live');
  if (!decoded.ok) return quarantine(decoded.reason, decoded.detail);
  const e = decoded.event;
  if (topic.startsWith(PREFIX)) {
    const [plant, line, system, type] = topic.slice(PREFIX.length).split('/');
    const said = `${e.plant}/${e.line}/${e.source.slice(e.source.lastIndexOf('/') + 1)}/${e.type}`;
    if (`${plant}/${line}/${system}/${type}` !== said) return quarantine('unmappable', `topic ${topic} does not match the event it carries (${said})`);
  } else {
    return quarantine('unmappable', `no mapping for topic ${topic} (only ${PREFIX}… is understood without one)`);
  }
  return { kind: 'event', event: e };
}

/** The topic an event is published on in Linesight's namespace. */
export function topicOf(e: AnyEvent): string {
  return `${PREFIX}${e.plant}/${e.line}/${e.source.slice(e.source.lastIndexOf('/') + 1)}/${e.type}`;
}
