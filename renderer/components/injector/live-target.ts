/**
 * Connected mode: where an injected event goes when the session watches a broker — the connection,
 * the order's line, the topic — and whether that connection's allowlist lets it through. Pure; the
 * engine makes the same checks again before anything is queued.
 */
import type { ConnectionStatus } from '../../../engine/contract/index.js';

/** Linesight's topic namespace: `linesight/v1/{plant}/{line}/{system}/{type}`. */
export const TOPIC_PREFIX = 'linesight/v1/';

export const topicFor = (plant: string, line: string, system: string, type: string): string => `${TOPIC_PREFIX}${plant}/${line}/${system}/${type}`;

/** The connections of the session that may publish (they have an allowlist). */
export const publishingOf = (connections: readonly ConnectionStatus[]): ConnectionStatus[] => connections.filter((c) => c.publish !== null);

/** `PLANT/LINE` split, or null when it is not two non-empty parts. */
export function parseLine(text: string): { readonly plant: string; readonly line: string } | null {
  const parts = text.trim().split('/');
  if (parts.length !== 2 || parts.some((p) => p.trim() === '')) return null;
  return { plant: parts[0]!.trim(), line: parts[1]!.trim() };
}

/** Why a topic may not be published on a connection (the engine's words), or null when it may. */
export function allowRefusal(c: ConnectionStatus, topic: string): string | null {
  const allow = c.publish?.allow ?? [];
  if (allow.length === 0) return `publishing to ${c.name} is not enabled: it is subscribe-only until its connection names the topic prefixes Linesight may publish under`;
  if (allow.some((prefix) => topic.startsWith(prefix))) return null;
  return `topic ${topic} is outside the publish allowlist of ${c.name} (${allow.join(', ')})`;
}

export type LiveTargetInput = {
  readonly publishing: readonly ConnectionStatus[];
  /** the connection picked ('' for none: the only one is used) */
  readonly connection: string;
  /** the Line (PLANT/LINE) input */
  readonly lineText: string;
  readonly order: string;
  /** `PLANT/LINE` of the order as the monitor knows it, null when it has not been seen */
  readonly knownLine: string | null;
  /** the sending system of the event type (its template's `system`) */
  readonly system: string | null;
  readonly type: string;
};

export type LiveTarget = {
  readonly connection: ConnectionStatus | null;
  /** the topic the event will go to, once connection, line and type are known */
  readonly topic: string | null;
  /** what keeps it from being sent (null: it may go) */
  readonly problem: string | null;
  /** `refused`: the connection may not publish there; `incomplete`: something is still to be given */
  readonly blocked: 'refused' | 'incomplete' | null;
  /** what `operator.inject` gets as `line` (only when typed) */
  readonly line: string | undefined;
};

/** Resolve where the event goes and whether it may. */
export function liveTarget(i: LiveTargetInput): LiveTarget {
  const only = i.publishing.length === 1 ? i.publishing[0]! : null;
  const connection = i.publishing.find((c) => c.name === i.connection) ?? only;
  const typed = i.lineText.trim();
  const result = (topic: string | null, problem: string | null, blocked: LiveTarget['blocked'] = problem === null ? null : 'incomplete'): LiveTarget => ({
    connection,
    topic,
    problem,
    blocked,
    line: typed === '' ? undefined : typed,
  });
  if (connection === null) return result(null, 'choose the connection to publish on');
  let where: { plant: string; line: string } | null;
  if (typed !== '') {
    where = parseLine(typed);
    if (where === null) return result(null, `the line must be PLANT/LINE, e.g. US01/L2 (got “${typed}”)`, 'refused');
    if (i.knownLine !== null && i.knownLine !== `${where.plant}/${where.line}`) {
      return result(null, `order ${i.order} runs on ${i.knownLine}, not ${typed}: clear the line or correct it`, 'refused');
    }
  } else if (i.knownLine !== null) {
    where = parseLine(i.knownLine);
  } else {
    return result(
      null,
      i.order.trim() === ''
        ? 'give the order, and its line (PLANT/LINE) if the broker has not carried it yet'
        : `order ${i.order.trim()} has not been seen on this broker yet: give its line (PLANT/LINE)`,
    );
  }
  if (where === null || i.system === null) return result(null, 'the event type is not known');
  const topic = topicFor(where.plant, where.line, i.system, i.type);
  const refusal = allowRefusal(connection, topic);
  return result(topic, refusal, refusal === null ? null : 'refused');
}
