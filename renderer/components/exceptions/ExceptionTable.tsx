import { memo, useEffect, useRef } from 'react';
import type { ExceptionView } from '../../../engine/contract/index.js';
import { fmtDuration, fmtSimTime } from '../../format.js';
import { EXCEPTION_LABELS } from '../../labels.js';
import { lineageHref } from '../../router.js';
import type { Store } from '../../store/store.js';
import { useStore } from '../../store/store.js';
import { useTimeDisplay } from '../../time/display.js';
import { instantsInText } from '../../time/instants-in-text.js';
import { lineOf } from './exception-filter.js';
import { allBoxState, type Selection, type SelectionAction } from './selection.js';

type Props = {
  readonly rows: readonly ExceptionView[];
  readonly selection: Selection;
  readonly selectedCount: number;
  readonly dispatch: (action: SelectionAction) => void;
  readonly onEdit: (e: ExceptionView) => void;
  /** the dead letter whose resend panel is open, marked in its row */
  readonly editing: string | null;
  /** the dead letters belong to a watched broker's middleware: no Edit and resend from here */
  readonly locked?: boolean;
};

/** The open dead letters, one row each, with a box per row and one that ticks every visible row. */
export function ExceptionTable({ rows, selection, selectedCount, dispatch, onEdit, editing, locked = false }: Props) {
  const ids = rows.map((r) => r.messageId);
  // the rows show reasons' instants in plant time or UTC: a change of the viewer's choice re-renders them
  const timeZone = useTimeDisplay().zone;
  return (
    <div className="table-wrap">
      <table className="gaps xq-table">
        <thead>
          <tr>
            <th scope="col" className="xq-check">
              <SelectAll state={allBoxState(selectedCount, rows.length)} onChange={(selected) => dispatch({ kind: 'set', ids, selected })} />
            </th>
            <th scope="col">Message type</th>
            <th scope="col">Order</th>
            <th scope="col">Line</th>
            <th scope="col">Category</th>
            <th scope="col">Reason</th>
            <th scope="col" className="num">Age</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => (
            <Row
              key={e.messageId}
              e={e}
              selected={selection.has(e.messageId)}
              editing={editing === e.messageId}
              dispatch={dispatch}
              onEdit={onEdit}
              locked={locked}
              timeZone={timeZone}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A header checkbox that shows "mixed" when some visible rows are ticked (`indeterminate` has no attribute). */
function SelectAll({ state, onChange }: { readonly state: 'all' | 'none' | 'some'; readonly onChange: (selected: boolean) => void }) {
  const box = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (box.current) box.current.indeterminate = state === 'some';
  }, [state]);
  return (
    <input
      ref={box}
      type="checkbox"
      aria-label="Select all visible dead letters"
      checked={state === 'all'}
      onChange={(ev) => onChange(ev.target.checked)}
    />
  );
}

type RowProps = {
  readonly e: ExceptionView;
  readonly selected: boolean;
  readonly editing: boolean;
  readonly dispatch: (action: SelectionAction) => void;
  readonly onEdit: (e: ExceptionView) => void;
  readonly locked: boolean;
  /** the zone the console shows (plant time or UTC, as the viewer chose): a change re-renders the memoised row, whose reason's instants are shown in it */
  readonly timeZone: string;
};

// memo: a tick re-renders one row, not the whole queue
const Row = memo(function Row({ e, selected, editing, dispatch, onEdit, locked }: RowProps) {
  const name = `${e.messageType} of order ${e.order}`;
  return (
    <tr className={selected ? 'is-selected' : undefined}>
      <td className="xq-check">
        <input
          type="checkbox"
          aria-label={`Select ${name} (${e.messageId})`}
          checked={selected}
          onChange={() => dispatch({ kind: 'toggle', id: e.messageId })}
        />
      </td>
      <td>{e.messageType}</td>
      <td>
        <a href={lineageHref(e.order)}>{e.order}</a>
      </td>
      <td>{lineOf(e)}</td>
      <td>
        <span className={`xq-cat xq-cat-${e.category}`}>{EXCEPTION_LABELS[e.category] ?? e.category}</span>
      </td>
      <td className="xq-reason">{instantsInText(e.reason, (ms) => fmtSimTime(ms, undefined, e.plant))}</td>
      <Age at={e.at} />
      <td>
        <button
          type="button"
          className="xq-edit"
          aria-expanded={editing}
          aria-label={`Edit and resend ${name}`}
          disabled={locked}
          title={locked ? 'Resend it in the watched middleware' : undefined}
          onClick={() => onEdit(e)}
        >
          Edit and resend
        </button>
      </td>
    </tr>
  );
});

/** Simulated minutes: ages change at that grain, so a frame per 100 ms does not re-render every row. */
const selectSimMinute = (s: Store): number | null => {
  const t = s.frame?.simTime ?? s.info?.simTime ?? null;
  return t === null ? null : Math.floor(t / 60_000) * 60_000;
};

/** Whole minutes below an hour (the grain of `selectSimMinute`), else hours and minutes. */
function fmtAge(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 60_000) return '< 1 min';
  return ms < 3_600_000 ? `${Math.floor(ms / 60_000)} min` : fmtDuration(ms);
}

/** How long the message has been dead-lettered, in simulated time, with the instant as a tooltip. */
function Age({ at }: { readonly at: string }) {
  const now = useStore(selectSimMinute);
  const atMs = Date.parse(at);
  const age = now === null || Number.isNaN(atMs) ? null : Math.max(0, now - atMs);
  return (
    <td className="num" title={`dead-lettered at ${at} (simulated time)`}>
      {fmtAge(age)}
    </td>
  );
}
