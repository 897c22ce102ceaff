import { useId } from 'react';
import { NoSession } from '../components/NoSession.js';
import { GenealogyPanel } from '../components/lineage/GenealogyPanel.js';
import { LineageCompare } from '../components/lineage/LineageCompare.js';
import { LineageSearch } from '../components/lineage/LineageSearch.js';
import { OrderLineageView } from '../components/lineage/OrderLineageView.js';
import { useLineageSearch, type Match } from '../components/lineage/use-lineage-search.js';
import { useOpenGaps } from '../components/use-open-gaps.js';
import { lineageHref } from '../router.js';
import { selectHasFrame } from '../store/selectors.js';
import { useStore } from '../store/store.js';
import './lineage.css';

const MATCHED_BY: Readonly<Record<Match['matchedBy'], string>> = {
  order: 'order id',
  lot: 'lot',
  businesskey: 'business key',
  event: 'event id',
};

/**
 * Lineage: find an order by any identifier it carries and follow its business transaction across
 * ERP, the integration layer, MES, WMS and QMS. The term lives in the route (`#/lineage/<term>`).
 */
export function Lineage({ arg }: { readonly arg?: string | undefined }) {
  const hasFrame = useStore(selectHasFrame);
  return (
    <div className="view">
      <h1>Lineage</h1>
      <LineageSearch term={arg} />
      {!hasFrame && (
        <NoSession then="then search its orders here" />
      )}
      {arg === undefined ? (
        <>
          <p className="muted">Search for an order to see its events on a timeline, system by system, with the time each hop took.</p>
          <OrdersWithGaps />
        </>
      ) : (
        <SearchResult term={arg} />
      )}
    </div>
  );
}

/** What a term leads to: one order shown at once, several to choose from, or none. */
function SearchResult({ term }: { readonly term: string }) {
  const search = useLineageSearch(term);
  if (search.status === 'searching') return <p className="muted" role="status">Searching for “{term}”…</p>;
  if (search.status === 'failed') return <p className="error">Could not search for “{term}”: {search.error}</p>;
  const { matches } = search;
  // an order can match more than one way (its id and a business key); it is still one order
  const orders = [...new Set(matches.map((m) => m.order))];
  const only = orders.length === 1 ? orders[0]! : null;
  const byEvent = matches.some((m) => m.order === only && m.matchedBy === 'event');
  return (
    <>
      {orders.length === 0 && <p role="status">No order in this session matches “{term}”.</p>}
      {matches.some((m) => m.matchedBy === 'lot') && <GenealogyPanel key={`genealogy ${term}`} lot={term} />}
      {only !== null && <OrderLineageView key={only} order={only} initial={byEvent ? term : undefined} />}
      {only !== null && <LineageCompare key={`compare ${only}`} order={only} />}
      {orders.length > 1 && <MatchList term={term} matches={matches} />}
    </>
  );
}

function MatchList({ term, matches }: { readonly term: string; readonly matches: readonly Match[] }) {
  const titleId = useId();
  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId}>
        {new Set(matches.map((m) => m.order)).size} orders match “{term}”
      </h2>
      <ul className="lin-matches">
        {matches.map((m) => (
          <li key={`${m.order}|${m.matchedBy}`}>
            <a href={lineageHref(m.order)}>{m.order}</a> <span className="muted">by {MATCHED_BY[m.matchedBy]}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Where to start: the orders with open gaps, oldest gap first (from the live frame). */
function OrdersWithGaps() {
  const { gaps } = useOpenGaps();
  const orders = [...new Set(gaps.map((g) => g.order))].slice(0, 12);
  if (orders.length === 0) return null;
  return (
    <nav aria-label="Orders with open gaps" className="lin-suggest">
      <p className="muted">Orders with open sync gaps:</p>
      <ul>
        {orders.map((o) => (
          <li key={o}>
            <a href={lineageHref(o)}>{o}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
