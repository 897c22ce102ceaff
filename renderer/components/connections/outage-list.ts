import type { ConnectionStatus } from '../../../engine/contract/index.js';
import { fmtMs } from '../../format.js';

/** One time a connection was down: from its drop to the broker's next CONNACK (`to` null: still down). */
export type Outage = ConnectionStatus['outages'][number];

/** Outages shown per connection; the journal and the reconciliation report keep every one. */
export const MAX_OUTAGES_SHOWN = 5;

/** A connection's newest outages first, at most `max`, and how many earlier ones are not shown. */
export function recentOutages(outages: readonly Outage[], max = MAX_OUTAGES_SHOWN): { readonly shown: readonly Outage[]; readonly earlier: number } {
  const newest = [...outages].sort((a, b) => b.from - a.from);
  return { shown: newest.slice(0, max), earlier: Math.max(0, newest.length - max) };
}

/**
 * An outage in plain words, its times as `clock` shows them: "Down on mqtt://h:1883 10:00:01 → 10:00:09,
 * 8 s: why", or, while it lasts, "Down on mqtt://h:1883 since 10:00:01, 2 min 5 s so far: why".
 */
export function describeOutage(url: string, o: Outage, nowMs: number, clock: (ms: number) => string): string {
  if (o.to === null) return `Down on ${url} since ${clock(o.from)}, ${fmtMs(Math.max(0, nowMs - o.from))} so far: ${o.why}`;
  return `Down on ${url} ${clock(o.from)} → ${clock(o.to)}, ${fmtMs(Math.max(0, o.to - o.from))}: ${o.why}`;
}

/** The outage's exact range, for a tooltip (UTC, to the millisecond). */
export const outageRange = (o: Outage): string => `${new Date(o.from).toISOString()} – ${o.to === null ? 'now' : new Date(o.to).toISOString()}`;
