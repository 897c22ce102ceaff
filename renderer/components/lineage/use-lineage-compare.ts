import { useCallback, useEffect, useRef, useState } from 'react';
import type { LineageArgs, LineageDiff, SessionSummary } from '../../../engine/contract/index.js';
import { useApi } from '../../api/api-context.js';
import { errorMessage } from '../../format.js';

export type CompareState =
  | { readonly status: 'idle' }
  | { readonly status: 'comparing'; readonly b: LineageArgs }
  | { readonly status: 'done'; readonly diff: LineageDiff }
  | { readonly status: 'failed'; readonly b: LineageArgs; readonly error: string };

/**
 * `lineage.compare` of the shown order (in the current session) with another, on request. The
 * result stays in this component's state, never the global store (CONVENTIONS #9); a newer request
 * wins over an older one still in flight.
 */
export function useLineageCompare(order: string): { readonly state: CompareState; readonly compare: (b: LineageArgs) => void } {
  const api = useApi();
  const [state, setState] = useState<CompareState>({ status: 'idle' });
  const latest = useRef(0);
  useEffect(
    () => () => {
      latest.current++; // unmounted or another order: drop answers still in flight
    },
    [order],
  );
  const compare = useCallback(
    (b: LineageArgs) => {
      const ticket = ++latest.current;
      setState({ status: 'comparing', b });
      api.queries['lineage.compare']({ a: { order }, b }).then(
        (diff) => ticket === latest.current && setState({ status: 'done', diff }),
        (err: unknown) => ticket === latest.current && setState({ status: 'failed', b, error: errorMessage(err) }),
      );
    },
    [api, order],
  );
  return { state, compare };
}

/** The journal's sessions for the session picker, newest first (empty when they cannot be listed). */
export function useSessionList(): readonly SessionSummary[] {
  const api = useApi();
  const [sessions, setSessions] = useState<readonly SessionSummary[]>([]);
  useEffect(() => {
    let live = true;
    api.queries['sessions.list']().then(
      (list) => live && setSessions(list),
      () => live && setSessions([]),
    );
    return () => {
      live = false;
    };
  }, [api]);
  return sessions;
}
