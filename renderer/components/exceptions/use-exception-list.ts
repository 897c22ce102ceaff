import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExceptionView } from '../../../engine/contract/index.js';
import { useApi } from '../../api/api-context.js';
import { errorMessage } from '../../format.js';
import { selectConnection } from '../../store/selectors.js';
import type { Store } from '../../store/store.js';
import { useStore } from '../../store/store.js';

/** At most one `exceptions.list` per this many wall ms: frames arrive ~10 times a second. */
const MIN_INTERVAL_MS = 1000;

const selectExceptionTotal = (s: Store): number | null => s.frame?.exceptions.total ?? null;
const selectSessionId = (s: Store): number | null => s.frame?.session ?? s.info?.session ?? null;

export type ExceptionList = {
  /** null until the first answer */
  readonly list: readonly ExceptionView[] | null;
  readonly error: string | null;
  /** ask again (throttled); call after an action changed the queue */
  readonly refresh: () => void;
};

/**
 * The open dead letters, re-read whenever the frame's exception total or the session changes
 * (throttled, trailing: the last change within a second is always fetched). Answers to superseded
 * requests are dropped so a slow reply cannot overwrite a newer one.
 */
export function useExceptionList(): ExceptionList {
  const api = useApi();
  const connection = useStore(selectConnection);
  const total = useStore(selectExceptionTotal);
  const session = useStore(selectSessionId);
  const [state, setState] = useState<{ list: readonly ExceptionView[] | null; error: string | null }>({ list: null, error: null });
  const lastAt = useRef(0);
  const timer = useRef<number | null>(null);
  const latest = useRef(0);

  const fetchNow = useCallback(() => {
    timer.current = null;
    lastAt.current = Date.now();
    const mine = ++latest.current;
    api.queries['exceptions.list']().then(
      (list) => mine === latest.current && setState({ list, error: null }),
      (err: unknown) => mine === latest.current && setState((s) => ({ list: s.list, error: errorMessage(err) })),
    );
  }, [api]);

  const refresh = useCallback(() => {
    if (timer.current !== null) return; // a fetch is already due and will see this change too
    const wait = lastAt.current + MIN_INTERVAL_MS - Date.now();
    if (wait <= 0) fetchNow();
    else timer.current = window.setTimeout(fetchNow, wait);
  }, [fetchNow]);

  useEffect(() => {
    if (connection === 'open' && session !== null) refresh();
  }, [connection, session, total, refresh]);

  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
      latest.current++; // ignore replies that arrive after unmount
    },
    [],
  );

  return { ...state, refresh };
}
