import { useId, useState } from 'react';
import type { LineageDiff } from '../../../engine/contract/index.js';
import { countByStatus, fmtHopAt, fmtHopLatency, HOP_STATUS_HINT, HOP_STATUSES } from './hop-status.js';

const sideName = (s: { readonly order: string; readonly session: number }) => `${s.order} (session ${s.session})`;

/**
 * Two orders' hops aligned row by row: a's hops in a's order with b's extras where they occur in b.
 * Each row says its status in words and colour, and the hop's time from its order's first event
 * and its latency from its cause, in A and in B.
 */
export function HopDiffTable({ diff }: { readonly diff: LineageDiff }) {
  const titleId = useId();
  const [onlyDiffs, setOnlyDiffs] = useState(false);
  const counts = countByStatus(diff.hops);
  const rows = onlyDiffs ? diff.hops.filter((h) => h.status !== 'same') : diff.hops;
  return (
    <div className="lin-diff">
      <p className="lin-diff-sides">
        <span>
          <b>A</b> {sideName(diff.a)}
        </span>
        <span>
          <b>B</b> {sideName(diff.b)}
        </span>
      </p>
      <ul className="lin-diff-counts" aria-label="Hops by status">
        {HOP_STATUSES.map((s) => (
          <li key={s} title={HOP_STATUS_HINT[s]}>
            <span className={`lin-hop lin-hop-${s}`}>{s}</span> {counts[s]}
          </li>
        ))}
      </ul>
      <label className="lin-diff-only">
        <input type="checkbox" checked={onlyDiffs} onChange={(e) => setOnlyDiffs(e.target.checked)} /> Only hops that differ
      </label>
      <h3 id={titleId}>
        Hops of {diff.a.order} (A) compared with {diff.b.order} (B)
      </h3>
      <div className="table-wrap lin-diff-wrap">
        <table className="gaps lin-diff-table" aria-labelledby={titleId}>
          <thead>
            <tr>
              <th scope="col">Status</th>
              <th scope="col">System</th>
              <th scope="col">Event</th>
              <th scope="col" className="lin-num">At in A</th>
              <th scope="col" className="lin-num">At in B</th>
              <th scope="col" className="lin-num">Latency in A</th>
              <th scope="col" className="lin-num">Latency in B</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((h, i) => (
              <tr key={i} className={`lin-diff-row lin-diff-${h.status}`}>
                <td>
                  <span className={`lin-hop lin-hop-${h.status}`} title={HOP_STATUS_HINT[h.status]}>
                    {h.status}
                  </span>
                </td>
                <td>{h.system}</td>
                <td className="lin-diff-type">{h.type}</td>
                <td className="lin-num">{fmtHopAt(h.atA)}</td>
                <td className="lin-num">{fmtHopAt(h.atB)}</td>
                <td className="lin-num">{fmtHopLatency(h.latencyA)}</td>
                <td className="lin-num">{fmtHopLatency(h.latencyB)}</td>
              </tr>
            ))}
            {rows.length === 0 && (
              <tr>
                <td colSpan={7} className="empty">
                  No hop differs.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <p className="muted lin-diff-note">
        Times count from each order’s first event; latency is the time since the hop’s cause. Slower and faster: the latency differs by more than 20 % and
        more than 1 s.
      </p>
    </div>
  );
}
