import type { Gap, SessionComparison } from '../../../engine/contract/index.js';
import { EXCEPTION_LABELS } from '../../labels.js';
import { fmtCount } from '../../format.js';
import { useHidesAnswers } from '../training/HiddenInTraining.js';
import { comparisonSummary, countByKind, exceptionRows, fmtChange } from './sessions-logic.js';

/** Gaps listed per column before "and N more". */
const SHOWN = 8;

function GapColumn({ title, tone, gaps, empty }: { readonly title: string; readonly tone: string; readonly gaps: readonly Gap[]; readonly empty: string }) {
  const kinds = countByKind(gaps);
  // the tooltip names each gap's probable cause, except in trainee mode
  const hideCause = useHidesAnswers();
  return (
    <section className={`ss-col ss-${tone}`} aria-label={title}>
      <h4>
        {title} <span className="ss-count">{fmtCount(gaps.length)}</span>
      </h4>
      {gaps.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <>
          <ul className="ss-kinds" aria-label={`${title} by kind`}>
            {kinds.map((k) => (
              <li key={k.kind}>
                <span>{k.kind}</span> <strong>{fmtCount(k.count)}</strong>
              </li>
            ))}
          </ul>
          <ul className="ss-gaps">
            {gaps.slice(0, SHOWN).map((g) => (
              <li key={g.id} title={`${g.kind} · order ${g.order} · ${g.businesskeys.join(', ')}${hideCause ? '' : `: ${g.cause}`}`}>
                {/* a business key names the order and the posting: two gaps of one order stay apart */}
                <code>{g.businesskeys[0] ?? g.order}</code>
                {g.businesskeys.length > 1 && <span className="muted"> +{g.businesskeys.length - 1}</span>} {g.plant}/{g.line}
                {g.delta !== null && <span className="muted"> · Δ {g.delta}</span>}
              </li>
            ))}
            {gaps.length > SHOWN && <li className="muted">… and {fmtCount(gaps.length - SHOWN)} more</li>}
          </ul>
        </>
      )}
    </section>
  );
}

/** A what-if against its original: gaps closed by the new rules, new gaps, gaps in both; exceptions a vs b. */
export function ComparisonView({ c }: { readonly c: SessionComparison }) {
  const rows = exceptionRows(c);
  return (
    <div className="ss-compare" aria-label="Comparison">
      <p className="ss-verdict">{comparisonSummary(c)}</p>
      <div className="ss-cols">
        <GapColumn title="Closed by the new rules" tone="closed" gaps={c.gaps.onlyA} empty="None: every gap of the original is still open." />
        <GapColumn title="New with the new rules" tone="new" gaps={c.gaps.onlyB} empty="None: the new rules opened no gap." />
        <section className="ss-col ss-both" aria-label="In both">
          <h4>
            In both <span className="ss-count">{fmtCount(c.gaps.both)}</span>
          </h4>
          <p className="muted">Gaps open in the original and still open with the new rules.</p>
        </section>
      </div>
      <table className="data ss-exc" aria-label="Exceptions by category">
        <thead>
          <tr>
            <th scope="col">Exceptions by category</th>
            <th scope="col" className="num">
              Original (session {c.a})
            </th>
            <th scope="col" className="num">
              What-if (session {c.b})
            </th>
            <th scope="col" className="num">
              Change
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.category}>
              <th scope="row">{EXCEPTION_LABELS[r.category] ?? r.category}</th>
              <td className="num">{fmtCount(r.a)}</td>
              <td className="num">{fmtCount(r.b)}</td>
              <td className="num">{fmtChange(r.change)}</td>
            </tr>
          ))}
          <tr className="ss-total">
            <th scope="row">All</th>
            <td className="num">{fmtCount(c.exceptions.a)}</td>
            <td className="num">{fmtCount(c.exceptions.b)}</td>
            <td className="num">{fmtChange(c.exceptions.b - c.exceptions.a)}</td>
          </tr>
        </tbody>
      </table>
      <OrdersDiff c={c} />
    </div>
  );
}

const HOP_STATUSES = ['missing', 'extra', 'reordered', 'slower', 'faster'] as const;
/** Orders listed before "and N more". */
const ORDERS_SHOWN = 20;

/** The orders both sessions hold whose lineage differs hop by hop (the Lineage view's Compare with… shows one in full). */
function OrdersDiff({ c }: { readonly c: SessionComparison }) {
  const o = c.orders;
  return (
    <section className="ss-orders" aria-label="Orders whose lineage differs">
      <h4>Orders whose lineage differs</h4>
      <p className="muted">
        {fmtCount(o.differing.length)} of {fmtCount(o.compared)} orders compared hop by hop differ
        {o.compared < o.inBoth ? ` (the first ${fmtCount(o.compared)} of ${fmtCount(o.inBoth)} in both)` : ''}
        {o.onlyA + o.onlyB > 0 ? `; ${fmtCount(o.onlyA)} only in session ${c.a}, ${fmtCount(o.onlyB)} only in session ${c.b}` : ''}. Open one in Lineage and
        compare it with the same order of the other session to see each hop.
      </p>
      {o.differing.length > 0 && (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col" className="num">
                Hops that differ
              </th>
              {HOP_STATUSES.map((st) => (
                <th key={st} scope="col" className="num">
                  {st}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {o.differing.slice(0, ORDERS_SHOWN).map((d) => (
              <tr key={d.order}>
                <th scope="row">
                  <code>{d.order}</code>
                </th>
                <td className="num">{fmtCount(d.hops)}</td>
                {HOP_STATUSES.map((st) => (
                  <td key={st} className="num">
                    {d.statuses[st] ? fmtCount(d.statuses[st]) : '—'}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {o.differing.length > ORDERS_SHOWN && <p className="muted">… and {fmtCount(o.differing.length - ORDERS_SHOWN)} more</p>}
    </section>
  );
}
