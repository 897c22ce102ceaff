import { shiftAt, shiftWindows, type Scenario, type ShiftWindow } from '../../model/index.js';
import type { LineRt } from './master-data.js';

/**
 * The scenario's shifts (`shifts:`) laid out per line in its plant's time zone (model/shifts.ts):
 * when each line may start work and when ERP releases its backlog. Built only for a scenario that
 * sets `shifts:`; without it a run is one shift of `duration` from `start` and nothing here exists.
 */
export class ShiftPlan {
  /** per line index: the shift windows overlapping the run, in start order */
  private readonly windows: readonly (readonly ShiftWindow[])[];

  constructor(scenario: Scenario, lines: readonly LineRt[], endMs: number) {
    const zoneOf = (plant: string) => scenario.plant.plants.find((p) => p.id === plant)?.timeZone ?? 'UTC';
    this.windows = lines.map((l) => shiftWindows(scenario.shifts ?? [], zoneOf(l.plant), scenario.startMs, endMs));
  }

  /** `line` is inside one of its shifts at `ms`. */
  inShift(line: LineRt, ms: number): boolean {
    return shiftAt(this.windows[line.index]!, ms) !== undefined;
  }

  /** Starts of `line`'s shifts after `fromMs` and before `toMs`, in order. */
  startsBetween(line: LineRt, fromMs: number, toMs: number): number[] {
    return this.windows[line.index]!.filter((w) => w.startMs > fromMs && w.startMs < toMs).map((w) => w.startMs);
  }
}
