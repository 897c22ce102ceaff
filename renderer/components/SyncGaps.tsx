import { memo, useId, useMemo, useRef } from 'react';
import type { Gap } from '../../engine/contract/index.js';
import { fmtDuration } from '../format.js';
import { GapCause, GapRows } from './GapDetails.js';
import { ReverseButton } from './reversals/ReverseButton.js';
import { HiddenInTraining, useHidesAnswers } from './training/HiddenInTraining.js';
import { lineageHref } from '../router.js';
import { selectGapsClosed } from '../store/selectors.js';
import { useOpenGaps } from './use-open-gaps.js';
import { useStore } from '../store/store.js';
import { useHeld, useInView } from '../use-in-view.js';

/** Most gaps shown at once (the oldest); the count above the table says how many are open. */
export const MAX_GAP_ROWS = 200;

/**
 * Rows of open gaps: kind, line, order (linked to its lineage), what differs (row by row, each in its
 * unit, largest difference first), age and probable cause (root first, its chain one click away).
 * Shows at most `MAX_GAP_ROWS`; callers say how many there are. In trainee mode the cause column is
 * left out and one line says it is hidden until the debrief.
 */
export const GapsTable = memo(function GapsTable({
  gaps,
  showLine,
  onReverse,
}: {
  readonly gaps: readonly Gap[];
  readonly showLine: boolean;
  /** offer "Reverse posting…" on duplicate-posting gaps (under their kind) */
  readonly onReverse?: (key: string) => void;
}) {
  const shown = gaps.length > MAX_GAP_ROWS ? gaps.slice(0, MAX_GAP_ROWS) : gaps;
  const hideCause = useHidesAnswers();
  return (
    <>
      {hideCause && <HiddenInTraining what="Probable cause" />}
      <div className="table-wrap">
        <table className="gaps">
          <thead>
            <tr>
              <th scope="col">Kind</th>
              {showLine && <th scope="col">Line</th>}
              <th scope="col">Order</th>
              <th scope="col">What differs</th>
              <th scope="col" className="num">Age</th>
              {!hideCause && <th scope="col">Probable cause (root first)</th>}
            </tr>
          </thead>
          <tbody>
            {shown.map((g) => (
              <tr key={g.id}>
                <td>
                  {g.kind}
                  {onReverse && g.kind === 'duplicate-posting' && (
                    <div className="gap-actions">
                      {g.businesskeys.map((k) => (
                        <ReverseButton key={k} businesskey={k} onReverse={onReverse} />
                      ))}
                    </div>
                  )}
                </td>
                {showLine && (
                  <td>
                    {g.plant}/{g.line}
                  </td>
                )}
                <td>
                  <a href={lineageHref(g.order)} aria-label={`Lineage of order ${g.order}`}>
                    {g.order}
                  </a>
                </td>
                <td>
                  <GapRows gap={g} />
                </td>
                <td className="num">{fmtDuration(g.ageMs)}</td>
                {!hideCause && (
                  <td>
                    <GapCause gap={g} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
});

/**
 * Open sync gaps from the latest frame: where MES and ERP disagree, and the probable cause.
 * With `plant` and `line`, only that line's gaps (the closed count is plant-wide, so it is left out).
 */
export function SyncGaps({ plant, line }: { readonly plant?: string; readonly line?: string } = {}) {
  const { gaps: allGaps } = useOpenGaps();
  const closed = useStore(selectGapsClosed);
  const filtered = plant !== undefined && line !== undefined;
  const gaps = useMemo<readonly Gap[]>(
    () => (filtered ? allGaps.filter((g) => g.plant === plant && g.line === line) : allGaps),
    [allGaps, filtered, plant, line],
  );
  const titleId = useId();
  // below thirty tiles the table is often out of view: it is not rendered again until it comes back
  const section = useRef<HTMLElement>(null);
  const shown = useHeld(gaps, useInView(section));
  return (
    <section ref={section} aria-labelledby={titleId} className="panel">
      <h2 id={titleId}>{filtered ? 'Open sync gaps on this line' : 'Sync gaps'}</h2>
      <p className="muted">
        {filtered ? `${gaps.length} open` : `${gaps.length} open, ${closed} closed`}
        {gaps.length > MAX_GAP_ROWS ? ` — showing the first ${MAX_GAP_ROWS}` : ''}
      </p>
      {gaps.length === 0 ? (
        <p>No open gaps: ERP and MES agree so far{filtered ? ' on this line' : ''}.</p>
      ) : (
        <GapsTable gaps={shown} showLine={!filtered} />
      )}
    </section>
  );
}
