import { useEffect, useState } from 'react';
import type { OrderLineage } from '../../../engine/contract/index.js';
import { useApi } from '../../api/api-context.js';
import { errorMessage } from '../../format.js';
import { selectEvents } from '../../store/selectors.js';
import { useStore } from '../../store/store.js';

/** Least wall time between two lineage reads while the session runs. */
const REFRESH_MS = 2000;

export type LineageState = { readonly lineage: OrderLineage | null; readonly error: string | null };

/** Same journal content: same number of events and the same last position. */
const sameContent = (a: OrderLineage | null, b: OrderLineage): boolean =>
  a !== null && a.session === b.session && a.events.length === b.events.length && a.events.at(-1)?.seq === b.events.at(-1)?.seq;

/**
 * An order's lineage, read from the journal and read again while the session journals more events
 * (at most every `REFRESH_MS`, never two reads at once). The result stays in component state, not
 * the global store (CONVENTIONS #9), and keeps its identity when nothing changed, so the timeline
 * is not laid out again on every frame.
 */
export function useOrderLineage(order: string): LineageState {
  const api = useApi();
  const [state, setState] = useState<LineageState>({ lineage: null, error: null });

  useEffect(() => {
    let live = true;
    let inFlight = false;
    let lastRead = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const read = (): void => {
      inFlight = true;
      lastRead = performance.now();
      api.queries['lineage.forOrder']({ order }).then(
        (next) => live && setState((cur) => (sameContent(cur.lineage, next) && cur.error === null ? cur : { lineage: next, error: null })),
        (err: unknown) => live && setState((cur) => ({ ...cur, error: errorMessage(err) })),
      ).finally(() => {
        inFlight = false;
      });
    };
    const schedule = (): void => {
      if (timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        if (!live) return;
        if (inFlight) schedule();
        else read();
      }, Math.max(0, lastRead + REFRESH_MS - performance.now()));
    };

    read();
    // subscribe outside React: a frame arrives up to 10 times a second and must not re-render the view
    let seen = selectEvents(useStore.getState());
    const unsubscribe = useStore.subscribe((s) => {
      const events = selectEvents(s);
      if (events === seen) return;
      seen = events;
      schedule();
    });
    return () => {
      live = false;
      unsubscribe();
      clearTimeout(timer);
    };
  }, [api, order]);

  return state;
}
