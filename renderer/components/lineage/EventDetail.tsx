import { useId } from 'react';
import type { LineageEdge } from '../../../engine/contract/index.js';
import { fmtSimTime } from '../../format.js';
import { injectHref } from '../../router.js';
import { instantsInText } from '../../time/instants-in-text.js';
import { OUTCOME_SHORT } from './outcome.js';
import { RETAINED_NOTE, RetainedBadge } from '../RetainedBadge.js';
import type { EventRow } from './rows.js';
import { fmtLatency } from './time-format.js';
import { REVERSAL_TYPES, REVERSIBLE_POSTINGS } from '../reversals/reversal-types.js';
import { ReverseButton } from '../reversals/ReverseButton.js';

type Props = {
  readonly row: EventRow | undefined;
  /** the lineage's edges touching the selected event */
  readonly hops: readonly LineageEdge[];
  readonly byId: ReadonlyMap<string, EventRow>;
  readonly onSelect: (id: string) => void;
  /** offer "Reverse posting…" on an ERP posting that can be reversed */
  readonly onReverse?: ((businesskey: string) => void) | undefined;
};

/**
 * The selected event in full: its CloudEvent JSON, where to act on it (inject a copy; for a
 * dead letter, the exception queue; for an ERP posting, reverse it), and the hops that lead to and
 * from it, which walk the graph (a reversal and the posting it nets name each other).
 */
export function EventDetail({ row, hops, byId, onSelect, onReverse }: Props) {
  const titleId = useId();
  return (
    <aside className="panel lin-detail" aria-labelledby={titleId}>
      <h2 id={titleId}>{row === undefined ? 'Event' : row.event.type}</h2>
      {row === undefined ? (
        <p className="muted">Select an event on the timeline or in the table to see its CloudEvent.</p>
      ) : (
        <>
          <p className="lin-detail-meta">
            {row.system} · {fmtSimTime(row.timeMs)}
            {row.outcome !== 'ok' && <span className={`lin-badge lin-badge-${row.outcome}`}>{OUTCOME_SHORT[row.outcome]}</span>}
            {row.retained && <RetainedBadge />}
          </p>
          {row.summary !== '' && <p>{instantsInText(row.summary, (ms) => fmtSimTime(ms))}</p>}
          {row.retained && <p className="muted">{RETAINED_NOTE}</p>}
          <p className="controls">
            <a href={injectHref(row.id)}>Inject from this event</a>
            {row.outcome === 'dead-lettered' && <a href="#/exceptions">Open the Exceptions view</a>}
            {onReverse && REVERSIBLE_POSTINGS.has(row.event.type) && <ReverseButton businesskey={row.event.businesskey} onReverse={onReverse} />}
          </p>
          {hops.length > 0 && <Hops selected={row.id} hops={hops} byId={byId} onSelect={onSelect} />}
          <h3>CloudEvent</h3>
          <pre className="lin-json" tabIndex={0} aria-label="CloudEvent JSON">
            {JSON.stringify(row.event, null, 2)}
          </pre>
        </>
      )}
    </aside>
  );
}

/** Causes and effects of the selected event, each a button that selects it. */
function Hops({ selected, hops, byId, onSelect }: { readonly selected: string } & Pick<Props, 'hops' | 'byId' | 'onSelect'>) {
  return (
    <>
      <h3>Hops</h3>
      <ul className="lin-hops">
        {hops.map((h) => {
          const other = byId.get(h.from === selected ? h.to : h.from);
          if (other === undefined) return null;
          const direction = h.via === 'reverses' ? (REVERSAL_TYPES.has(other.event.type) ? 'reversed by' : 'reverses') : h.from === selected ? 'to' : 'from';
          return (
            <li key={`${h.from}>${h.to}`} className={h.via === 'reverses' ? 'lin-hop-reverses' : undefined}>
              {direction} {other.system}{' '}
              <button type="button" className="lin-pick" onClick={() => onSelect(other.id)}>
                {other.event.type}
              </button>{' '}
              <span className="muted">{fmtLatency(h.latencyMs)}</span>
            </li>
          );
        })}
      </ul>
    </>
  );
}
