import { parseDuration, parseHhMm, type ClockOffsets, type ShiftSpec } from '../../model/index.js';
import { show } from './scenario-error.js';
import type { ScenarioFile } from './scenario-file.js';
import type { Source } from './source.js';

/** A signed duration: `+90s`, `-40s`, `90s` (the schema's `signedDuration`). */
export function parseSignedDuration(text: string): number | undefined {
  const t = text.trim();
  const sign = t.startsWith('-') ? -1 : 1;
  const ms = parseDuration(t.startsWith('-') || t.startsWith('+') ? t.slice(1) : t);
  return ms === undefined ? undefined : sign * ms;
}

/** `shifts:` and `clocks:`, each present in the result only when the file sets it. */
export function resolveTime(src: Source, f: ScenarioFile): { shifts?: readonly ShiftSpec[]; clocks?: ClockOffsets } {
  const out: { shifts?: readonly ShiftSpec[]; clocks?: ClockOffsets } = {};
  if (f.shifts !== undefined) {
    const names = new Set<string>();
    out.shifts = f.shifts.map((s, i) => {
      for (const k of ['start', 'end'] as const) {
        if (parseHhMm(s[k]) === undefined) src.fail(['shifts', i, k], 'a wall-clock time HH:MM (00:00 … 23:59) in plant time', show(s[k]));
      }
      if (s.start === s.end) src.fail(['shifts', i, 'end'], 'an end other than the start (end before start: the next day)', show(s.end));
      if (names.has(s.name)) src.fail(['shifts', i, 'name'], 'a name no other shift has', show(s.name));
      names.add(s.name);
      return { name: s.name, start: s.start, end: s.end };
    });
  }
  if (f.clocks !== undefined) {
    const clocks: Record<string, number> = {};
    for (const [sys, text] of Object.entries(f.clocks)) {
      const ms = parseSignedDuration(String(text));
      if (ms === undefined) src.fail(['clocks', sys], 'a signed duration such as +90s or -40s', show(text));
      clocks[sys] = ms;
    }
    out.clocks = clocks;
  }
  return out;
}
