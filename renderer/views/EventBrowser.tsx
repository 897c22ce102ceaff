import { useMemo, useState } from 'react';
import { NoSession } from '../components/NoSession.js';
import { useShallow } from 'zustand/react/shallow';
import type { AnyEvent, EventFilter, StoredEvent } from '../../engine/contract/index.js';
import { EventDetail } from '../components/event-browser/EventDetail.js';
import { EventFilters } from '../components/event-browser/EventFilters.js';
import { EventTable } from '../components/event-browser/EventTable.js';
import { ExportButtons } from '../components/event-browser/ExportButtons.js';
import { PAGE_SIZE, useEventPages, type EventPages } from '../components/event-browser/use-event-pages.js';
import { useSeenTypes } from '../components/event-browser/use-seen-types.js';
import { fmtCount } from '../format.js';
import { useStore, type Store } from '../store/store.js';
import './event-browser.css';

/** Line ids of the running session, once each (a line id may repeat across plants). */
const selectLineIds = (s: Store): string[] => [...new Set((s.frame?.lines ?? []).map((l) => l.line))];
const selectSession = (s: Store): number | null => s.frame?.session ?? s.info?.session ?? null;

/** Search the journal of the current session: filter, scroll, inspect one event, export the set. */
export function EventBrowser() {
  const session = useStore(selectSession);
  const lines = useStore(useShallow(selectLineIds));
  // Until the user applies a filter, show everything; a new object re-runs the query (Apply again = refresh).
  const [filter, setFilter] = useState<EventFilter>({});
  const [selected, setSelected] = useState<StoredEvent | null>(null);
  // The session is named explicitly, so the list and an export of it agree even if a new session starts meanwhile.
  const query = useMemo(() => (session === null ? null : { ...filter, session }), [filter, session]);
  const pages = useEventPages(query);
  const loadedEvents = useLoadedEvents(pages);
  const types = useSeenTypes(loadedEvents);

  const apply = (f: EventFilter) => {
    setFilter(f);
    setSelected(null);
  };

  return (
    <div className="view event-browser">
      <h1>Event browser</h1>
      <EventFilters lines={lines} types={types} onApply={apply} />
      {session === null ? (
        <NoSession then="then browse its events here" />
      ) : (
        <>
          <div className="eb-bar">
            <ResultSummary pages={pages} />
            <ExportButtons filter={query} />
          </div>
          {pages.error !== null && (
            <p className="error" role="alert">
              Could not load events: {pages.error}
            </p>
          )}
          <div className="eb-main">
            <div className="eb-list">
              {pages.rows.rowCount === 0 && !pages.rows.hasMore ? (
                <p className="empty eb-none">No events match these filters.</p>
              ) : (
                <EventTable pages={pages} selectedSeq={selected?.seq ?? null} onSelect={setSelected} />
              )}
            </div>
            <EventDetail selected={selected} />
          </div>
        </>
      )}
    </div>
  );
}

/** How many events are listed, said in words (and announced politely when it changes). */
function ResultSummary({ pages }: { readonly pages: EventPages }) {
  const { rows, session } = pages;
  const where = session === null ? '' : ` in session ${session}`;
  const text =
    rows.rowCount === 0 && rows.hasMore
      ? 'Loading events…'
      : rows.hasMore
        ? `${fmtCount(rows.rowCount)} events${where} so far; scroll for more.`
        : `${fmtCount(rows.rowCount)} ${rows.rowCount === 1 ? 'event' : 'events'}${where}. Apply again to include newer ones.`;
  return (
    <p className="eb-summary" aria-live="polite">
      {text}
    </p>
  );
}

/** The first loaded page's events, for the type suggestions (stable between page loads). */
function useLoadedEvents(pages: EventPages): readonly AnyEvent[] {
  const { rows, version } = pages;
  return useMemo(() => {
    const out: AnyEvent[] = [];
    for (let i = 0; i < Math.min(rows.rowCount, PAGE_SIZE); i++) {
      const r = rows.rowAt(i);
      if (r) out.push(r.event);
    }
    return out;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `rows` is mutated as pages arrive; `version` (unread here) is what says it changed
  }, [rows, version]);
}
