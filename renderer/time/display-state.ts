/**
 * The display state the plain formatters follow, free of React and the DOM (so `format.ts` stays pure
 * for node tests): the viewer's preference as last seen, and where the session's plants are read from.
 * `display.ts` (the hook) keeps both current.
 */
import type { ConnectionStatus, PlantInfo, ViewPreferences } from '../../engine/contract/index.js';
import { chooseZone, type TimeZoneChoice } from './plant-time.js';

export type DisplayPreference = Pick<ViewPreferences, 'time' | 'numbers'>;

let preference: DisplayPreference = { time: 'plant', numbers: 'locale' };
let plantsSource: () => readonly PlantInfo[] | undefined = () => undefined;

/** The preference as the last `useTimeDisplay` saw it (the default until one rendered). */
export const currentPreference = (): DisplayPreference => preference;

/** Set the preference the plain formatters follow (tests, and `useTimeDisplay` on each render). */
export function setDisplayPreference(p: DisplayPreference): void {
  if (p.time !== preference.time || p.numbers !== preference.numbers) preference = { time: p.time, numbers: p.numbers };
}

/** Where the session's plants come from (the store, in the app). */
export function setPlantsSource(source: () => readonly PlantInfo[] | undefined): void {
  plantsSource = source;
}

/**
 * The plant's zone: the named plant's, else the session's first plant's (its main plant); null when
 * the session knows no plant model (a watch or a replay).
 */
export function plantZone(plants: readonly PlantInfo[] | undefined, plant?: string | null): string | null {
  if (!plants || plants.length === 0) return null;
  return (plant ? plants.find((p) => p.id === plant)?.timeZone : undefined) ?? plants[0]!.timeZone;
}

/** Where a plant's times are shown now (UTC when the viewer asked for it or no zone is known). */
export function zoneNow(plant?: string | null): TimeZoneChoice {
  return chooseZone(preference.time, plantZone(plantsSource(), plant));
}

/** A watch's plants: those of each connection's `lines`, in the zone the connection names (one naming no lines stands for the watch). */
export function watchedPlants(connections: readonly ConnectionStatus[]): readonly PlantInfo[] | undefined {
  const plants: PlantInfo[] = [];
  for (const c of connections) {
    if (c.timeZone === undefined) continue;
    const ids = new Set((c.lines ?? []).map((l) => l.split('/')[0]!));
    if (ids.size === 0) ids.add(c.name);
    for (const id of ids) plants.push({ id, name: id, timeZone: c.timeZone, kind: 'discrete', lines: [] });
  }
  return plants.length === 0 ? undefined : plants;
}
