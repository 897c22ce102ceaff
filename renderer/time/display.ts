/**
 * How the console shows times now, the React way: `useTimeDisplay()` gives the zone for a plant (or
 * the session's main plant) as the viewer's preference says — plant time or UTC — and re-renders
 * its component when the preference changes. The plain formatters of `format.ts` read the same
 * state (`display-state.ts`) for callers that re-render with frames anyway.
 */
import { useMemo } from 'react';
import type { PlantInfo } from '../../engine/contract/index.js';
import { selectWatching } from '../store/selectors.js';
import { usePreferences } from '../components/preferences/settings-store.js';
import { useStore } from '../store/store.js';
import type { Store } from '../store/store.js';
import { plantZone, setDisplayPreference, setPlantsSource, watchedPlants } from './display-state.js';
import { chooseZone, formatInstant, type InstantStyle, type TimeZoneChoice } from './plant-time.js';

/**
 * The session's plants with their zones: a simulation's plant model, or for a watch the plants of
 * its connections' `lines` in the zone each connection names (one that names no lines stands for
 * the whole watch).
 */
const selectPlants = (s: Store): readonly PlantInfo[] | undefined => s.info?.scenario?.plants ?? watchedPlants(selectWatching(s));

setPlantsSource(() => selectPlants(useStore.getState()));

/** A zone and the formatting that goes with it, for one plant (or the session's main plant). */
export type TimeDisplay = TimeZoneChoice & {
  /** an instant with date, time and the zone's short name */
  readonly at: (ms: number | null, style?: InstantStyle) => string;
};

export function timeDisplay(choice: TimeZoneChoice): TimeDisplay {
  return { ...choice, at: (ms, style) => (ms === null ? '—' : formatInstant(ms, choice.zone, style)) };
}

/** Plant time for `plant` (or the session's main plant) as the viewer's preference says; re-renders when it changes. */
export function useTimeDisplay(plant?: string | null): TimeDisplay {
  const view = usePreferences();
  // the plain formatters follow what the views were last rendered with (an idempotent write)
  setDisplayPreference(view);
  const zone = useStore((s) => plantZone(selectPlants(s), plant));
  return useMemo(() => timeDisplay(chooseZone(view.time, zone)), [view.time, zone]);
}
