import { useCallback, useRef } from 'react';
import { useStore, type Store } from './store.js';

/**
 * `useStore(select)` while `live`; while not, the value selected when it stopped being live — the
 * selector then returns the same reference, so the component is not rendered again at each frame
 * (a tile out of view). Selects afresh as soon as it is live again.
 */
export function useLiveStore<T>(select: (s: Store) => T, live: boolean): T {
  const held = useRef<{ value: T } | null>(null);
  const pick = useCallback(
    (s: Store): T => {
      if (live || held.current === null) held.current = { value: select(s) };
      return held.current.value;
    },
    [select, live],
  );
  return useStore(pick);
}
