import { useEffect, useState } from 'react';
import type { Gap } from '../../engine/contract/index.js';
import { useApi } from '../api/api-context.js';
import { selectGaps, selectSession } from '../store/selectors.js';
import { useStore, type Store } from '../store/store.js';

/** Wall ms between `gaps.list` queries while the frame says more gaps are open than it carries. */
const REFRESH_MS = 1000;

const selectGapsOpen = (s: Store): number => s.frame?.gapsOpen ?? 0;

/**
 * Every open gap. A frame carries only the oldest ones (so a flood of gaps cannot swamp the UI);
 * while it holds them all they come straight from the frame, otherwise from `gaps.list`, asked at
 * most once a second.
 */
export function useOpenGaps(): { readonly gaps: readonly Gap[]; readonly total: number } {
  const api = useApi();
  const frameGaps = useStore(selectGaps);
  const total = useStore(selectGapsOpen);
  const session = useStore(selectSession);
  const complete = frameGaps.length >= total;
  const [queried, setQueried] = useState<readonly Gap[] | null>(null);
  const [tick, setTick] = useState(0);
  // once the frame holds them all, the last queried list is forgotten (while rendering: React renders
  // again at once), so it is not shown when the frame falls behind again
  const [wasComplete, setWasComplete] = useState(complete);
  if (wasComplete !== complete) {
    setWasComplete(complete);
    if (complete) setQueried(null);
  }

  useEffect(() => {
    if (complete) return;
    let live = true;
    const started = Date.now();
    api.queries['gaps.list']().then(
      (gaps) => live && setQueried(gaps),
      // the frame's oldest gaps stay on screen; the next frame tries again
      () => undefined,
    );
    const timer = setTimeout(() => live && setTick((t) => t + 1), Math.max(0, REFRESH_MS - (Date.now() - started)));
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // `tick` paces the refresh; `total` changing between ticks waits for the next one
  }, [api, complete, session, tick]);

  return { gaps: complete || queried === null ? frameGaps : queried, total };
}
