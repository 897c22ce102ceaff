import type { LineStats, PlantInfo } from '../engine/contract/index.js';
import { lineHealth } from './line-status.js';

/** What the overview's filter asks for: text over plant, line and product, and lines needing attention only. */
export type OverviewFilter = { readonly text: string; readonly attentionOnly: boolean };

/** A line as the overview orders it: its ids and whether it needs attention. */
export type OverviewLine = { readonly plant: string; readonly line: string; readonly attention: boolean };

/** One plant's heading and its tiles, in the order shown. */
export type OverviewGroup = {
  readonly plant: string;
  /** the plant's name and time zone when the session knows its plant model (a simulation) */
  readonly name?: string;
  readonly timeZone?: string;
  readonly kind?: 'discrete' | 'batch';
  /** `plant/line` keys shown: lines needing attention first, then the rest, each in the frame's order */
  readonly keys: readonly string[];
  /** lines of the plant before filtering, and how many of them need attention */
  readonly total: number;
  readonly attention: number;
};

/**
 * A line needs attention when its tile says so (open gaps or exceptions: `alert` in line-status.ts).
 * Lines merely waiting for postings (`pending`) keep their place: at full speed a queue comes and goes
 * many times a second, and tiles that jumped with it could not be read.
 */
export const needsAttention = (l: LineStats): boolean => lineHealth(l).health === 'alert';

/**
 * The frame's lines as one string each (`plant/line`, `!` appended when it needs attention): a flat
 * list a shallow compare can check, so the overview re-renders when a line turns red or back (or
 * lines come and go), not with every frame. `overviewLines` reads it back.
 */
export const attentionKeys = (lines: readonly LineStats[]): string[] => lines.map((l) => `${l.plant}/${l.line}${needsAttention(l) ? '!' : ''}`);

export function overviewLines(keys: readonly string[]): OverviewLine[] {
  return keys.map((k) => {
    const attention = k.endsWith('!');
    const key = attention ? k.slice(0, -1) : k;
    const slash = key.indexOf('/');
    return { plant: key.slice(0, slash), line: key.slice(slash + 1), attention };
  });
}

/**
 * Group the frame's lines by plant (plants in plant-model order, then any the model does not know, in
 * frame order), lines needing attention first within each plant (each part in the plant model's line
 * order, else the frame's), and apply the filter: every word of
 * `text` must appear (case-insensitively) in the plant's id or name, the line's id or name, or one of
 * its products. A plant with no line left is left out.
 */
export function groupOverview(lines: readonly OverviewLine[], plants: readonly PlantInfo[] | undefined, filter: OverviewFilter): OverviewGroup[] {
  const info = new Map((plants ?? []).map((p) => [p.id, p]));
  const byPlant = new Map<string, OverviewLine[]>();
  for (const p of plants ?? []) byPlant.set(p.id, []);
  for (const l of lines) {
    const list = byPlant.get(l.plant);
    if (list) list.push(l);
    else byPlant.set(l.plant, [l]);
  }
  const words = filter.text.toLowerCase().split(/\s+/).filter((w) => w.length > 0);
  const out: OverviewGroup[] = [];
  for (const [plant, list] of byPlant) {
    if (list.length === 0) continue;
    const p = info.get(plant);
    // the plant model's line order (L2 before L10), where the session knows it
    if (p) list.sort((a, b) => rank(p, a.line) - rank(p, b.line));
    const attention = list.filter((l) => l.attention);
    const shown = [...attention, ...list.filter((l) => !l.attention)]
      .filter((l) => !filter.attentionOnly || l.attention)
      .filter((l) => words.length === 0 || matches(words, searchText(l, p)));
    if (shown.length === 0) continue;
    out.push({
      plant,
      ...(p ? { name: p.name, timeZone: p.timeZone, kind: p.kind } : {}),
      keys: shown.map((l) => `${l.plant}/${l.line}`),
      total: list.length,
      attention: attention.length,
    });
  }
  return out;
}

function rank(p: PlantInfo, line: string): number {
  const i = p.lines.findIndex((l) => l.id === line);
  return i < 0 ? p.lines.length : i;
}

function searchText(l: OverviewLine, p: PlantInfo | undefined): string {
  const line = p?.lines.find((x) => x.id === l.line);
  return [l.plant, l.line, `${l.plant}/${l.line}`, p?.name ?? '', line?.name ?? '', ...(line?.products ?? [])].join(' ').toLowerCase();
}

function matches(words: readonly string[], text: string): boolean {
  return words.every((w) => text.includes(w));
}
