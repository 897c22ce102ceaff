import { useEffect, useState } from 'react';
import type { AnyEvent } from '../../../engine/contract/index.js';
import { useStore } from '../../store/store.js';

/**
 * Event types seen so far in this page's life: in the live frames' tails and in `extra` (rows the
 * browser loaded). The list only grows; state changes only when a new type shows up, so frames
 * arriving ten times a second do not re-render the view.
 */
export function useSeenTypes(extra: readonly AnyEvent[]): readonly string[] {
  const [types, setTypes] = useState<readonly string[]>(() => typesOf(typesOf([], useStore.getState().frame?.tail ?? []), extra));
  // new rows loaded: their types join while rendering (React renders again at once, no extra commit)
  const [extraSeen, setExtraSeen] = useState(extra);
  if (extraSeen !== extra) {
    setExtraSeen(extra);
    setTypes((cur) => typesOf(cur, extra));
  }

  useEffect(() => {
    return useStore.subscribe((s, prev) => {
      if (s.frame !== prev.frame && s.frame) {
        const tail = s.frame.tail;
        setTypes((cur) => typesOf(cur, tail));
      }
    });
  }, []);
  return types;
}

/** `known` plus the types of `events`, sorted; `known` itself when nothing is new. */
function typesOf(known: readonly string[], events: readonly AnyEvent[]): readonly string[] {
  const fresh = events.map((e) => e.type).filter((t) => !known.includes(t));
  return fresh.length === 0 ? known : [...new Set([...known, ...fresh])].sort();
}
