import { useId, useMemo } from 'react';
import type { Gap } from '../../../engine/contract/index.js';
import { fmtDuration } from '../../format.js';
import { lineageHref } from '../../router.js';
import { GapRows } from '../GapDetails.js';
import { useOpenGaps } from '../use-open-gaps.js';
import { ReverseButton } from './ReverseButton.js';
import './reversals.css';

/** Rows shown at once (the oldest); the count says how many are open. */
const MAX_ROWS = 100;

/**
 * The exceptions that are not dead letters: business keys ERP posted more than once. Each row offers
 * "Reverse posting…", which previews the reversal and sends it once confirmed; the duplicate-posting
 * gap closes when ERP posts the reversal.
 */
export function DoublePostings({ onReverse, status }: { readonly onReverse: (key: string) => void; readonly status: string }) {
  const { gaps } = useOpenGaps();
  const doubles = useMemo(() => gaps.filter((g) => g.kind === 'duplicate-posting'), [gaps]);
  const titleId = useId();
  const shown = doubles.length > MAX_ROWS ? doubles.slice(0, MAX_ROWS) : doubles;
  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId}>Double postings</h2>
      <p className="muted">
        Business keys ERP posted more than once: a duplicate got past the integration layer. Reverse the extra posting — the reversal is a
        message of its own, previewed before it is sent and journaled with who and why; the gap closes once ERP posts it.
      </p>
      <p role="status" className="rev-status">
        {status}
      </p>
      {doubles.length === 0 ? (
        <p className="empty">No open double posting.</p>
      ) : (
        <>
          {doubles.length > MAX_ROWS && <p className="muted">{`${doubles.length} open — listing the oldest ${MAX_ROWS}`}</p>}
          <div className="table-wrap">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Order</th>
                  <th scope="col">Business key</th>
                  <th scope="col">What differs</th>
                  <th scope="col" className="num">
                    Age
                  </th>
                  <th scope="col">Action</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((g) => (
                  <DoubleRow key={g.id} gap={g} onReverse={onReverse} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function DoubleRow({ gap, onReverse }: { readonly gap: Gap; readonly onReverse: (key: string) => void }) {
  const key = gap.businesskeys[0] ?? '';
  return (
    <tr>
      <td>
        <a href={lineageHref(gap.order)} aria-label={`Lineage of order ${gap.order}`}>
          {gap.order}
        </a>
      </td>
      <td className="rev-key">{key}</td>
      <td>
        <GapRows gap={gap} />
      </td>
      <td className="num">{fmtDuration(gap.ageMs)}</td>
      <td>
        <ReverseButton businesskey={key} onReverse={onReverse} />
      </td>
    </tr>
  );
}
