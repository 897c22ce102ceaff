import { plantSpanText, plantTimeText, type RunReport } from '../engine/index.js';

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

/**
 * `2026-03-02 08:00–08:25 CST`: a window in its plant's time, as the scenario and the console give it;
 * in UTC (`05:00–05:20 UTC`, the end's date too when it ends on another day) when its lines are in plants
 * of different zones, or in a plant the report does not know.
 */
function spanText(start: string, end: string, zones: ReadonlySet<string | undefined>): string {
  const [zone] = zones;
  if (zones.size === 1 && zone !== undefined) return plantSpanText(Date.parse(start), Date.parse(end), zone);
  const endText = end.slice(0, 10) === start.slice(0, 10) ? end.slice(11, 16) : `${end.slice(0, 10)} ${end.slice(11, 16)}`;
  return `${start.slice(0, 10)} ${start.slice(11, 16)}–${endText} UTC`;
}

const messages = (n: number) => `${n} message${n === 1 ? '' : 's'} affected`;

/**
 * Summary lines for the windows of windowed faults (an ERP outage, a WAN outage, an MES restart): one
 * per fault and time span in plant time, naming its lines up to three ("on 30 lines" beyond, each line's count in
 * --report), with the messages affected on them in all.
 */
export function windowLines(r: RunReport): string[] {
  const zoneOf = (plant: string) => r.time.plants.find((p) => p.plant === plant)?.timeZone;
  const groups = new Map<string, { kind: string; start: string; end: string; lines: string[]; zones: Set<string | undefined>; affected: number }>();
  for (const w of r.faultWindows) {
    const key = `${w.kind}\u0000${w.start}\u0000${w.end}`;
    let g = groups.get(key);
    if (g === undefined) groups.set(key, (g = { kind: w.kind, start: w.start, end: w.end, lines: [], zones: new Set(), affected: 0 }));
    g.lines.push(`${w.plant}/${w.line}`);
    g.zones.add(zoneOf(w.plant));
    g.affected += w.messagesAffected;
  }
  return [...groups.values()].map((g) => {
    const where = g.lines.length <= 3 ? g.lines.join(', ') : `on ${g.lines.length} lines`;
    return `window    ${g.kind} ${where} ${spanText(g.start, g.end, g.zones)}: ${messages(g.affected)}`;
  });
}

/**
 * `text` (a gap's summary and cause, a stuck order's time) with its instants in the plant's time, as
 * the console shows them; the report keeps UTC. A plant the report does not know keeps UTC.
 */
export function inPlantTime(r: RunReport, plant: string, text: string): string {
  const zone = r.time.plants.find((p) => p.plant === plant)?.timeZone;
  return zone === undefined ? text : plantTimeText(text, zone);
}
