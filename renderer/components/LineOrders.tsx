import { useId, useMemo } from 'react';
import type { OrderView } from '../../engine/contract/index.js';
import { fmtDuration } from '../format.js';
import { lineageHref } from '../router.js';
import { useStore, type Store } from '../store/store.js';

const NO_ORDERS: readonly OrderView[] = [];
const selectOrders = (s: Store): readonly OrderView[] => s.frame?.orders ?? NO_ORDERS;

/** Stuck first, then the longest in their state: what needs a look comes first. */
const byUrgency = (a: OrderView, b: OrderView) => Number(b.stuck) - Number(a.stuck) || b.waitingMs - a.waitingMs;

/**
 * The line's open orders with their lifecycle state; a stuck order is highlighted with how long it
 * has waited and what for, and every order links to its lineage.
 */
export function LineOrders({ plant, line }: { readonly plant: string; readonly line: string }) {
  const all = useStore(selectOrders);
  const orders = useMemo(() => all.filter((o) => o.plant === plant && o.line === line).sort(byUrgency), [all, plant, line]);
  const stuck = orders.filter((o) => o.stuck).length;
  const titleId = useId();
  return (
    <section aria-labelledby={titleId} className="panel">
      <h2 id={titleId}>Open orders</h2>
      <p className="muted">
        {orders.length === 0 ? 'No open orders on this line right now.' : `${orders.length} open, ${stuck} stuck`}
      </p>
      {orders.length > 0 && (
        <div className="table-wrap">
          <table className="data orders">
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">State</th>
                <th scope="col" className="num">In state for</th>
                <th scope="col">Waiting for</th>
                <th scope="col" className="num">Waiting</th>
              </tr>
            </thead>
            <tbody>
              {orders.map((o) => (
                <tr key={o.order} className={o.stuck ? 'stuck' : undefined}>
                  <td>
                    <a href={lineageHref(o.order)}>{o.order}</a>
                  </td>
                  <td>
                    {o.state}
                    {o.stuck && <strong className="stuck-tag"> stuck</strong>}
                  </td>
                  <td className="num">{fmtDuration(o.ageInStateMs)}</td>
                  <td>{o.waitingFor}</td>
                  <td className="num">{fmtDuration(o.waitingMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
