import { useId } from 'react';
import { lineageHref } from '../../router.js';
import { useGenealogy } from './use-genealogy.js';
import { genealogyTrees, type GenealogyNode, type GenealogyStep } from './genealogy-tree.js';
import './genealogy.css';

function NodeText({ node }: { readonly node: GenealogyNode }) {
  const qty = node.qty === null ? '' : ` ${node.qty} ${node.uom}`;
  if (node.kind === 'order') {
    return (
      <>
        order <a href={lineageHref(node.order!)}>{node.order}</a>{' '}
        <span className="muted">
          {node.item}
          {qty}
        </span>
      </>
    );
  }
  const parts = node.decisions !== undefined && node.decisions.length > 1 ? ` (${node.decisions.map((d) => `${d.decision} ${d.qty}`).join(', ')})` : '';
  return (
    <>
      lot <a href={lineageHref(node.lot!)}>{node.lot}</a>{' '}
      <span className="muted">
        {node.item}
        {qty}
      </span>
      {node.status !== null && <span className={`gen-status gen-${node.status.replace(' ', '-')}`}> · {node.status}{parts}</span>}
      {node.order === null && <span className="muted"> · opening stock</span>}
    </>
  );
}

/** One level of the tree; only the top one carries the label (nested lists are its branches, not lists of their own). */
function Steps({ steps, label }: { readonly steps: readonly GenealogyStep[]; readonly label?: string }) {
  if (steps.length === 0) return null;
  return (
    <ul className="gen-tree" aria-label={label}>
      {steps.map((s) => (
        <li key={s.node.id}>
          <span className="muted gen-via">{s.via}</span> <NodeText node={s.node} />
          <Steps steps={s.children} />
        </li>
      ))}
    </ul>
  );
}

/**
 * A lot's genealogy in the Lineage view: where it came from (its producing order and the lots it
 * consumed, through splits) and where it went (the orders that consumed it and the lots they
 * made), two orders each way. Orders and lots link to their lineage.
 */
export function GenealogyPanel({ lot }: { readonly lot: string }) {
  const titleId = useId();
  const state = useGenealogy(lot);
  if (state.status === 'loading') return <p className="muted" role="status">Tracing lot {lot}…</p>;
  if (state.status === 'failed') return <p className="error">Could not trace lot {lot}: {state.error}</p>;
  const g = state.genealogy;
  if (!g.found) return null;
  const { root: self, up, down } = genealogyTrees(g);
  return (
    <section className="panel gen-panel" aria-labelledby={titleId}>
      <h2 id={titleId}>Genealogy of lot {g.lot}</h2>
      {self !== undefined && (
        <p>
          <NodeText node={self} />
        </p>
      )}
      <div className="gen-columns">
        <div>
          <h3>Came from</h3>
          {up.length === 0 ? <p className="muted">Nothing recorded: opening stock.</p> : <Steps steps={up} label="Came from" />}
        </div>
        <div>
          <h3>Went into</h3>
          {down.length === 0 ? <p className="muted">Not consumed (yet).</p> : <Steps steps={down} label="Went into" />}
        </div>
      </div>
      {g.truncated && <p className="muted">Cut short: too many lots to show.</p>}
    </section>
  );
}
