import { useId, useMemo } from 'react';
import type { Gap } from '../../engine/api/contract.js';
import { fmtDuration } from '../format.js';
import { selectGaps, selectGapsClosed } from '../store/selectors.js';
import { useStore } from '../store/store.js';

/** Most gaps shown at once; the frame holds every open gap, the table only the oldest ones. */
const MAX_ROWS = 200;

/**
 * Open sync gaps from the latest frame: where MES and ERP disagree, and the probable cause.
 * With `plant` and `line`, only that line's gaps (the closed count is plant-wide, so it is left out).
 */
export function SyncGaps({ plant, line }: { readonly plant?: string; readonly line?: string } = {}) {
  const allGaps = useStore(selectGaps);
  const closed = useStore(selectGapsClosed);
  const filtered = plant !== undefined && line !== undefined;
  const gaps = useMemo<readonly Gap[]>(
    () => (filtered ? allGaps.filter((g) => g.plant === plant && g.line === line) : allGaps),
    [allGaps, filtered, plant, line],
  );
  const titleId = useId();
  const shown = gaps.length > MAX_ROWS ? gaps.slice(0, MAX_ROWS) : gaps;
  return (
    <section aria-labelledby={titleId} className="panel">
      <h2 id={titleId}>{filtered ? 'Open sync gaps on this line' : 'Sync gaps'}</h2>
      <p className="muted">
        {filtered ? `${gaps.length} open` : `${gaps.length} open, ${closed} closed`}
        {gaps.length > MAX_ROWS ? ` — showing the first ${MAX_ROWS}` : ''}
      </p>
      {gaps.length === 0 ? (
        <p>No open gaps: ERP and MES agree so far{filtered ? ' on this line' : ''}.</p>
      ) : (
        <div className="table-wrap">
          <table className="gaps">
            <thead>
              <tr>
                <th scope="col">Kind</th>
                {!filtered && <th scope="col">Line</th>}
                <th scope="col">Order</th>
                <th scope="col" className="num">MES</th>
                <th scope="col" className="num">ERP</th>
                <th scope="col" className="num">Age</th>
                <th scope="col">Cause</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((g) => (
                <tr key={g.id}>
                  <td>{g.kind}</td>
                  {!filtered && (
                    <td>
                      {g.plant}/{g.line}
                    </td>
                  )}
                  <td>{g.order}</td>
                  <td className="num">{String(g.mes)}</td>
                  <td className="num">{String(g.erp)}</td>
                  <td className="num">{fmtDuration(g.ageMs)}</td>
                  <td>{g.cause}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
