import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { StoredEvent } from '../../../engine/contract/index.js';
import { cells, COLUMNS } from './event-cells.js';
import type { EventPages } from './use-event-pages.js';
import { useViewport } from '../use-viewport.js';

/** Every row is this tall (px; matches `.eb-row` in event-browser.css): windowing relies on it. */
export const ROW_HEIGHT = 32;
/** Rows rendered above and below the visible ones, so fast scrolling shows no blank band. */
const OVERSCAN = 12;

type Props = {
  readonly pages: EventPages;
  readonly selectedSeq: number | null;
  readonly onSelect: (event: StoredEvent) => void;
};

/**
 * The event list as an ARIA grid, windowed by hand: only the rows in view (plus `OVERSCAN`) are in
 * the DOM, each absolutely placed at `index × ROW_HEIGHT` inside a spacer as tall as all rows.
 * Arrow keys, Page Up/Down, Home and End move the active row; Enter or a click selects it.
 */
export function EventTable({ pages, selectedSeq, onSelect }: Props) {
  const { rows, version, request } = pages;
  const id = useId();
  const scroller = useRef<HTMLDivElement>(null);
  const { scrollTop, height, onScroll } = useViewport(scroller);
  const [active, setActive] = useState<number | null>(null);

  // A new list (Apply) starts at the top with no active row: the row is reset while rendering the
  // new list (React renders again at once), the scroll position once it is on screen.
  const [listShown, setListShown] = useState(rows);
  if (listShown !== rows) {
    setListShown(rows);
    setActive(null);
  }
  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
  }, [rows]);

  const visible = Math.max(1, Math.ceil(height / ROW_HEIGHT));
  const firstVisible = Math.floor(scrollTop / ROW_HEIGHT);
  const wantTo = firstVisible + visible + OVERSCAN;
  useEffect(() => request(Math.max(0, firstVisible - OVERSCAN), wantTo), [request, firstVisible, wantTo, version]);

  const rowCount = rows.rowCount;
  const from = Math.max(0, firstVisible - OVERSCAN);
  const to = Math.min(rowCount - 1, wantTo);

  /** Make row `i` active and scroll just enough to show it below the sticky header. */
  const activate = (i: number) => {
    const target = Math.max(0, Math.min(rowCount - 1, i));
    setActive(target);
    const el = scroller.current;
    if (!el) return;
    const top = target * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + 2 * ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + 2 * ROW_HEIGHT - el.clientHeight;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (rowCount === 0) return;
    const at = active ?? -1;
    const moves: Record<string, number> = {
      ArrowDown: at + 1,
      ArrowUp: at - 1,
      PageDown: at + visible - 1,
      PageUp: at - visible + 1,
      Home: 0,
      End: rowCount - 1,
    };
    const next = moves[e.key];
    if (next !== undefined) {
      e.preventDefault();
      activate(next);
    } else if ((e.key === 'Enter' || e.key === ' ') && active !== null) {
      e.preventDefault();
      const row = rows.rowAt(active);
      if (row) onSelect(row);
    }
  };

  const rowId = (i: number) => `${id}-row-${i}`;
  const indexes = to >= from ? Array.from({ length: to - from + 1 }, (_, k) => from + k) : [];
  return (
    <div
      ref={scroller}
      className="eb-scroller"
      role="grid"
      aria-label="Journaled events"
      aria-rowcount={rows.hasMore ? -1 : rowCount + 1}
      aria-colcount={COLUMNS.length}
      aria-activedescendant={active !== null && active >= from && active <= to ? rowId(active) : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onFocus={() => active === null && rowCount > 0 && setActive(Math.min(firstVisible, rowCount - 1))}
      onScroll={onScroll}
    >
      <div role="rowgroup" className="eb-head">
        <div role="row" aria-rowindex={1} className="eb-row">
          {COLUMNS.map((c) => (
            <span role="columnheader" key={c}>
              {c}
            </span>
          ))}
        </div>
      </div>
      <div role="rowgroup" className="eb-body" style={{ height: rowCount * ROW_HEIGHT }}>
        {indexes.map((i) => {
          const row = rows.rowAt(i);
          const selected = row !== undefined && row.seq === selectedSeq;
          return (
            <div
              key={i}
              id={rowId(i)}
              role="row"
              aria-rowindex={i + 2}
              aria-selected={selected}
              className={`eb-row${i === active ? ' eb-active' : ''}${selected ? ' eb-selected' : ''}`}
              style={{ top: i * ROW_HEIGHT }}
              onClick={() => {
                setActive(i);
                if (row) onSelect(row);
              }}
            >
              {row ? (
                cells(row).map((text, c) => (
                  <span role="gridcell" key={COLUMNS[c]} title={text}>
                    {text}
                  </span>
                ))
              ) : (
                <span role="gridcell" className="muted">
                  Loading…
                </span>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
