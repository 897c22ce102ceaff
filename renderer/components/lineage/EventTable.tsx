import { memo, useEffect, useId, useRef } from 'react';
import { OUTCOME_SHORT } from './outcome.js';
import { RetainedBadge } from '../RetainedBadge.js';
import type { EventRow } from './rows.js';
import { timeOfDay } from './time-format.js';
import { fmtSimTime } from '../../format.js';
import { instantsInText } from '../../time/instants-in-text.js';

type Props = {
  readonly rows: readonly EventRow[];
  readonly selected: string | null;
  readonly onSelect: (id: string) => void;
  readonly title: string;
};

/**
 * The order's events in time order: everything the timeline shows, in a form keyboard and
 * screen-reader users can walk. Each row's button selects the event (Enter or Space); a click
 * anywhere on the row does the same.
 */
export function EventTable({ rows, selected, onSelect, title }: Props) {
  const wrap = useRef<HTMLDivElement>(null);
  const titleId = useId();
  // Bring the selected row into view inside the table's own scroll box only: picking a marker on
  // the chart must not scroll the page away from the chart.
  useEffect(() => {
    const box = wrap.current;
    if (box === null || selected === null) return;
    const row = box.querySelector(`tr[data-id="${CSS.escape(selected)}"]`);
    if (row === null) return;
    const r = row.getBoundingClientRect();
    const b = box.getBoundingClientRect();
    const head = box.querySelector('thead')?.getBoundingClientRect().height ?? 0;
    if (r.top < b.top + head || r.bottom > b.bottom) box.scrollTop += r.top - b.top - b.height / 2;
  }, [selected]);

  return (
    <div className="panel lin-table-panel">
      {/* named from outside the scroll box, so the sticky header sits flush at its top */}
      <h3 id={titleId}>{title}</h3>
      <div ref={wrap} className="table-wrap lin-table-wrap">
        {/* fixed layout: appending rows on a refresh does not re-measure hundreds of rows */}
        <table className="gaps lin-table" aria-labelledby={titleId}>
          <colgroup>
            <col className="lin-col-time" />
            <col className="lin-col-system" />
            <col className="lin-col-event" />
            <col className="lin-col-key" />
            <col />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">Time (UTC)</th>
              <th scope="col">System</th>
              <th scope="col">Event</th>
              <th scope="col">Business key</th>
              <th scope="col">Outcome and summary</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <Row key={r.id} row={r} selected={r.id === selected} onSelect={onSelect} />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** Memoised: a new selection re-renders two rows, not hundreds. */
const Row = memo(function Row({ row, selected, onSelect }: { readonly row: EventRow; readonly selected: boolean; readonly onSelect: (id: string) => void }) {
  return (
    <tr data-id={row.id} className={selected ? 'lin-row lin-row-selected' : 'lin-row'} onClick={() => onSelect(row.id)}>
      <td className="lin-time">{timeOfDay(row.timeMs, true)}</td>
      <td>{row.system}</td>
      <td>
        {/* the button's click (also from Enter or Space) bubbles to the row's handler */}
        <button type="button" className="lin-pick" aria-pressed={selected}>
          {row.event.type}
        </button>
      </td>
      <td className="lin-key">{row.event.businesskey}</td>
      <td className="lin-summary">
        {row.outcome !== 'ok' && <span className={`lin-badge lin-badge-${row.outcome}`}>{OUTCOME_SHORT[row.outcome]}</span>}
        {row.retained && <RetainedBadge />} {instantsInText(row.summary, (ms) => fmtSimTime(ms))}
      </td>
    </tr>
  );
});
