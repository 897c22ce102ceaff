import type { Gap } from '../../engine/contract/index.js';
import { lineageHref } from '../router.js';
import { useTimeDisplay } from '../time/display.js';
import { instantsInText } from '../time/instants-in-text.js';
import { erpText, fmtDeltaQty, mesText, rowLabel } from './gap-values.js';
import { HiddenInTraining, useHidesAnswers } from './training/HiddenInTraining.js';
import './gap-details.css';

/** Rows shown per gap; the rest are counted (all of them: the report). */
export const MAX_ROWS_SHOWN = 5;

/**
 * What differs in a gap: one row per thing compared (an operation, a component lot, a received lot)
 * in one unit, largest difference first. An ARIA table of its own rather than a nested <table>, so
 * the gap table's rows stay exactly its gaps.
 */
export function GapRows({ gap }: { readonly gap: Gap }) {
  if (gap.rows.length === 0) {
    return (
      <span>
        MES {String(gap.mes)} · ERP {String(gap.erp)}
      </span>
    );
  }
  const shown = gap.rows.slice(0, MAX_ROWS_SHOWN);
  return (
    <div className="gap-rows" role="table" aria-label={`What differs in ${gap.kind} gap of ${gap.order}`}>
      <div role="row" className="gap-rows-head">
        <span role="columnheader">Compared</span>
        <span role="columnheader" className="num">MES</span>
        <span role="columnheader" className="num">ERP</span>
        <span role="columnheader" className="num">Δ</span>
      </div>
      {shown.map((r, i) => (
        <div role="row" key={i}>
          <span role="cell" title={r.note}>
            {rowLabel(r)}
            {r.note !== undefined && <span className="muted"> · {r.note}</span>}
          </span>
          <span role="cell" className="num">{mesText(r)}</span>
          <span role="cell" className="num">{erpText(r)}</span>
          <span role="cell" className="num">{r.delta === null ? '—' : fmtDeltaQty(r.delta)}</span>
        </div>
      ))}
      {gap.rows.length > MAX_ROWS_SHOWN && <p className="muted">and {gap.rows.length - MAX_ROWS_SHOWN} more rows (download the report for all)</p>}
    </div>
  );
}

/**
 * The probable cause, root first, and its chain one click away; each step links to its event's
 * lineage; the instants in them in plant time (or UTC, as the viewer chose). Hidden in trainee mode
 * (finding it is the exercise).
 */
export function GapCause({ gap }: { readonly gap: Gap }) {
  const time = useTimeDisplay(gap.plant);
  const inTime = (text: string) => instantsInText(text, (ms) => time.at(ms));
  if (useHidesAnswers()) return <HiddenInTraining inline />;
  if (gap.causeChain.length < 2) return <>{inTime(gap.cause)}</>;
  return (
    <>
      {inTime(gap.cause)}
      <details className="cause-chain">
        <summary>Cause chain ({gap.causeChain.length} steps, root first)</summary>
        <ol>
          {gap.causeChain.map((s, i) => {
            const term = s.eventId ?? s.businesskey;
            return (
              <li key={i}>
                {inTime(s.text)}
                {term !== undefined && (
                  <>
                    {' '}
                    <a href={lineageHref(term)} aria-label={`Lineage of ${s.eventId !== undefined ? `event ${s.eventId}` : s.businesskey}`}>
                      lineage
                    </a>
                  </>
                )}
              </li>
            );
          })}
        </ol>
      </details>
    </>
  );
}
