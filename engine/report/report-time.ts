import { shiftWindows, zoneAbbreviation, zonedRfc3339, type Scenario } from '../../model/index.js';

/** One occurrence of a shift at a plant, its ends in RFC 3339 with the plant's UTC offset. */
export type ReportShift = {
  readonly plant: string;
  readonly name: string;
  /** e.g. 2026-03-28T22:00:00+01:00 */
  readonly start: string;
  /** e.g. 2026-03-29T06:00:00+02:00 (a DST change inside makes the shift 7 h) */
  readonly end: string;
  /** zone abbreviations at start and end, e.g. CET and CEST */
  readonly startZone: string;
  readonly endZone: string;
  readonly durationMs: number;
};

/** The report's `time` section: each running plant's zone and, with `shifts:`, every shift the run spans. */
export type ReportTime = {
  /** times in the report are UTC; each plant's IANA zone, for reading them in plant time */
  readonly plants: ReadonlyArray<{ readonly plant: string; readonly timeZone: string }>;
  readonly shifts?: readonly ReportShift[];
};

export function reportTime(scenario: Scenario): ReportTime {
  const running = [...new Set(scenario.lines.map((l) => l.plant))];
  const plants = running.map((plant) => ({ plant, timeZone: scenario.plant.plants.find((p) => p.id === plant)?.timeZone ?? 'UTC' }));
  if (scenario.shifts === undefined) return { plants };
  const endMs = scenario.startMs + scenario.durationMs;
  const shifts = plants.flatMap(({ plant, timeZone }) =>
    shiftWindows(scenario.shifts!, timeZone, scenario.startMs, endMs).map((w) => ({
      plant,
      name: w.name,
      start: zonedRfc3339(w.startMs, timeZone),
      end: zonedRfc3339(w.endMs, timeZone),
      startZone: zoneAbbreviation(w.startMs, timeZone),
      endZone: zoneAbbreviation(w.endMs, timeZone),
      durationMs: w.endMs - w.startMs,
    })),
  );
  return { plants, shifts };
}
