import { useId } from 'react';
import { fmtCount, fmtMs } from '../format.js';
import { HOLD_LABELS, POSTING_KIND_LABELS } from '../labels.js';
import type { HoldKind } from '../line-latency.js';
import { selectLine } from '../store/selectors.js';
import { useStore } from '../store/store.js';

type PostingKind = keyof typeof POSTING_KIND_LABELS;
const KINDS = Object.keys(POSTING_KIND_LABELS) as PostingKind[];
const HOLDS = Object.keys(HOLD_LABELS) as HoldKind[];

/**
 * One line's transit latency per kind of posting, and apart from it the time the integration
 * layer held messages — at each gate, in resequencing, in store-and-forward. Transit is message →
 * first posting less the time held, so a receipt that waited 12 minutes for its inspection shows as
 * 12 minutes held, not as a slow interface.
 */
export function LatencySplit({ lineKey }: { readonly lineKey: string }) {
  const line = useStore(selectLine(lineKey));
  const transitId = useId();
  const heldId = useId();
  if (!line) return null;
  return (
    <section className="panel latency-split" aria-label="Transit latency and time held">
      <div className="table-wrap">
        <table className="data" aria-labelledby={transitId}>
          <caption id={transitId}>Transit latency by kind of posting</caption>
          <thead>
            <tr>
              <th scope="col">Posting</th>
              <th scope="col" className="num">Postings</th>
              <th scope="col" className="num">p50</th>
              <th scope="col" className="num">p95</th>
              <th scope="col" className="num">max</th>
            </tr>
          </thead>
          <tbody>
            {KINDS.map((k) => {
              const s = line.latencyByKind[k];
              return (
                <tr key={k}>
                  <th scope="row">{POSTING_KIND_LABELS[k]}</th>
                  <td className="num">{fmtCount(s.count)}</td>
                  <td className="num">{fmtMs(s.p50)}</td>
                  <td className="num">{fmtMs(s.p95)}</td>
                  <td className="num">{fmtMs(s.max)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="table-wrap">
        <table className="data" aria-labelledby={heldId}>
          <caption id={heldId}>Time held by the integration layer</caption>
          <thead>
            <tr>
              <th scope="col">Held at</th>
              <th scope="col" className="num">Holds</th>
              <th scope="col" className="num">p50</th>
              <th scope="col" className="num">p95</th>
              <th scope="col" className="num">max</th>
              <th scope="col" className="num">total</th>
            </tr>
          </thead>
          <tbody>
            {HOLDS.map((k) => {
              const s = line.heldMs[k];
              return (
                <tr key={k}>
                  <th scope="row">{HOLD_LABELS[k]}</th>
                  <td className="num">{fmtCount(s.count)}</td>
                  <td className="num">{fmtMs(s.p50)}</td>
                  <td className="num">{fmtMs(s.p95)}</td>
                  <td className="num">{fmtMs(s.max)}</td>
                  <td className="num">{s.count === 0 ? '—' : fmtMs(s.totalMs)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
