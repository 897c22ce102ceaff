import type { RunReport } from '../engine/index.js';

/** `+130 s` / `−40 s`: a clock offset as a trainer reads it. */
export function offsetText(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${s < 0 ? '−' : '+'}${Math.abs(s)} s`;
}

const hours = (ms: number) => `${+(ms / 3_600_000).toFixed(2)} h`;

/**
 * Summary lines for time: the shifts in plant time with their zone ("night 22:00 CET → 06:00 CEST,
 * Europe/Berlin, 7 h"), and each line's applied clock estimates ("MES +130 s vs ERP"). Nothing for
 * a run without shifts or skew.
 */
export function timeLines(r: RunReport): string[] {
  const out: string[] = [];
  const zoneOf = (plant: string) => r.time.plants.find((p) => p.plant === plant)?.timeZone ?? 'UTC';
  for (const s of r.time.shifts ?? []) {
    out.push(`shift     ${s.plant} ${s.name} ${s.start.slice(0, 10)} ${s.start.slice(11, 16)} ${s.startZone} → ${s.end.slice(11, 16)} ${s.endZone}, ${zoneOf(s.plant)}, ${hours(s.durationMs)}`);
  }
  for (const l of r.lines) {
    if (l.clocks === undefined && l.latencyClamped === undefined) continue;
    const est = Object.entries(l.clocks ?? {}).map(([sys, e]) => `${sys.toUpperCase()} ${offsetText(e.offsetMs)} vs ERP (${e.kind}, ${e.pairs} pairs)`);
    const clamped = l.latencyClamped === undefined ? [] : [`${l.latencyClamped} latenc${l.latencyClamped === 1 ? 'y' : 'ies'} clamped at 0`];
    out.push(`clocks    ${l.plant}/${l.line} ${[...est, ...clamped].join(' · ')}`);
  }
  return out;
}
