import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { EventFilter, StoredEvent } from '../../../engine/contract/index.js';
import { useApi } from '../../api/api-context.js';
import { errorMessage } from '../../format.js';
import { createPageWindow, type PageWindow } from './page-window.js';

/** Rows per `events.page` call. */
export const PAGE_SIZE = 500;
/** Pages kept in memory at once (the rest are fetched again when scrolled back to). */
export const MAX_PAGES = 8;

export type EventPages = {
  readonly rows: PageWindow<StoredEvent>;
  /** changes whenever `rows` does, so renders that read it can depend on it */
  readonly version: number;
  /** the session the rows come from, once the first page arrived */
  readonly session: number | null;
  readonly error: string | null;
  /** make sure rows `first`…`last` are (being) fetched */
  readonly request: (first: number, last: number) => void;
};

/** Everything that belongs to one applied filter; a new filter gets a new one. */
type Query = {
  readonly filter: EventFilter;
  readonly rows: PageWindow<StoredEvent>;
  readonly inFlight: Set<number>;
  session: number | null;
  error: string | null;
};

/**
 * The filtered event list as keyset pages fetched on demand. A new `filter` object (Apply) starts
 * over, and replies that were meant for an earlier one are dropped. `filter` null: nothing to show.
 */
export function useEventPages(filter: EventFilter | null): EventPages {
  const api = useApi();
  const [version, changed] = useReducer((n: number) => n + 1, 0);
  const [held, setHeld] = useState<Query | null>(null);
  // Swapped during render (not in an effect) so no committed render ever pairs the new filter with
  // old rows: React renders again at once, before committing; for the same filter it is a no-op.
  if (filter !== null && held?.filter !== filter) {
    setHeld({ filter, rows: createPageWindow(PAGE_SIZE, MAX_PAGES), inFlight: new Set(), session: null, error: null });
  }
  const q = filter === null || held?.filter !== filter ? null : held;
  // the query on screen, for the replies: one meant for an earlier query asks for no new render
  const current = useRef<Query | null>(null);
  useEffect(() => {
    if (held !== null) current.current = held;
  }, [held]);

  const request = useCallback(
    (first: number, last: number) => {
      if (q === null) return;
      const near = Math.floor((first + last) / 2 / PAGE_SIZE);
      for (const { page, afterSeq } of q.rows.wanted(first, last)) {
        if (q.inFlight.has(page)) continue;
        q.inFlight.add(page);
        api.queries['events.page']({ ...q.filter, afterSeq, limit: PAGE_SIZE }).then(
          (reply) => {
            q.inFlight.delete(page);
            q.rows.loaded(page, reply.events, reply.nextAfterSeq, near);
            q.session = reply.session;
            q.error = null;
            if (current.current === q) changed();
          },
          (err: unknown) => {
            q.inFlight.delete(page);
            q.error = errorMessage(err);
            if (current.current === q) changed();
          },
        );
      }
    },
    [api, q],
  );

  const rows = q?.rows ?? EMPTY;
  return { rows, version, session: q?.session ?? null, error: q?.error ?? null, request };
}

/** What is shown before any filter is applied: no rows, nothing more to fetch. */
const EMPTY: PageWindow<StoredEvent> = (() => {
  const w = createPageWindow<StoredEvent>(PAGE_SIZE, 1);
  w.loaded(0, [], null, 0);
  return w;
})();
