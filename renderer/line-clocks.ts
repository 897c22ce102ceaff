import type { LineStats } from '../engine/contract/index.js';

const SYSTEMS = [
  ['mes', 'MES'],
  ['wms', 'WMS'],
  ['qms', 'QMS'],
] as const;

/** Seconds with a sign and at most one decimal: `+130 s`, `-4.5 s`. */
function signedSeconds(ms: number): string {
  const s = Math.round(ms / 100) / 10;
  return `${s > 0 ? '+' : s < 0 ? '−' : '±'}${Math.abs(s)} s`;
}

/**
 * The line's estimated clock offsets the monitor applies, each relative to ERP's clock, e.g.
 * `MES +130 s · QMS +35 s (bound)`; null while none applies (clocks agree within what the pairs can tell).
 */
export function clocksText(l: LineStats): string | null {
  const c = l.clocks;
  if (c === undefined) return null;
  const parts: string[] = [];
  for (const [key, name] of SYSTEMS) {
    const e = c[key];
    if (e !== undefined) parts.push(`${name} ${signedSeconds(e.offsetMs)}${e.kind === 'bound' ? ' (bound)' : ''}`);
  }
  return parts.length === 0 ? null : parts.join(' · ');
}

/** The tooltip that says what the figure is and how far to trust it. */
export function clocksTitle(l: LineStats): string {
  const c = l.clocks ?? {};
  const pairs = SYSTEMS.map(([key, name]) => (c[key] ? `${name}: ${c[key].pairs} pairs, ${c[key].kind === 'two-way' ? 'both directions' : 'one direction only (a bound)'}` : '')).filter((x) => x !== '');
  const clamped = l.latencyClamped ? ` ${l.latencyClamped} latencies read before the estimate came out negative and count as 0.` : '';
  return `Estimated clock offset of each system against ERP's clock, from cause → effect pairs; the monitor reads their events on ERP's clock. ${pairs.join('; ')}.${clamped}`;
}
