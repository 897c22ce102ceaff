import { useId, useMemo, useState } from 'react';
import { ContractChecks } from '../components/checks/ContractChecks.js';
import { NoSession } from '../components/NoSession.js';
import type { Gap } from '../../engine/contract/index.js';
import { ReconciliationPanel } from '../components/ReconciliationPanel.js';
import { ReversalDialog } from '../components/reversals/ReversalDialog.js';
import { GapsTable, MAX_GAP_ROWS } from '../components/SyncGaps.js';
import { selectGapsClosed, selectHasFrame } from '../store/selectors.js';
import { useOpenGaps } from '../components/use-open-gaps.js';
import { useStore } from '../store/store.js';
import './sync-gaps.css';

const ALL = '';
const lineOf = (g: Gap): string => `${g.plant}/${g.line}`;

/** Sorted distinct values, keeping the current choice listed even when no open gap has it any more. */
function options(gaps: readonly Gap[], pick: (g: Gap) => string, current: string): string[] {
  const values = new Set(gaps.map(pick));
  if (current !== ALL) values.add(current);
  return [...values].sort();
}

/**
 * Sync gaps: the integration contract's rules as the session judges them live, every open gap
 * (filtered by kind and line), and an on-demand MES ↔ ERP reconciliation.
 */
export function SyncGapsView() {
  const hasFrame = useStore(selectHasFrame);
  return (
    <div className="view">
      <h1>Sync gaps</h1>
      {!hasFrame && (
        <NoSession then="and its gaps appear here" />
      )}
      {hasFrame && <ContractChecks />}
      <OpenGaps />
      <ReconciliationPanel />
    </div>
  );
}

function OpenGaps() {
  const { gaps } = useOpenGaps();
  const closed = useStore(selectGapsClosed);
  const [kind, setKind] = useState(ALL);
  const [line, setLine] = useState(ALL);
  const [reversing, setReversing] = useState<string | null>(null);
  const titleId = useId();
  const kindId = useId();
  const lineId = useId();

  const kinds = useMemo(() => options(gaps, (g) => g.kind, kind), [gaps, kind]);
  const lines = useMemo(() => options(gaps, lineOf, line), [gaps, line]);
  const shown = useMemo(
    () => gaps.filter((g) => (kind === ALL || g.kind === kind) && (line === ALL || lineOf(g) === line)),
    [gaps, kind, line],
  );
  const filtering = kind !== ALL || line !== ALL;

  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId}>Open gaps</h2>
      <div className="controls">
        <label htmlFor={kindId}>Kind</label>
        <select id={kindId} value={kind} onChange={(e) => setKind(e.target.value)}>
          <option value={ALL}>All kinds</option>
          {kinds.map((k) => (
            <option key={k}>{k}</option>
          ))}
        </select>
        <label htmlFor={lineId}>Line</label>
        <select id={lineId} value={line} onChange={(e) => setLine(e.target.value)}>
          <option value={ALL}>All lines</option>
          {lines.map((l) => (
            <option key={l}>{l}</option>
          ))}
        </select>
        {/* not a live region: it changes with every gap that opens or closes while the session runs */}
        <span className="muted">
          {filtering ? `${shown.length} of ${gaps.length} open gaps` : `${gaps.length} open`}, {closed} closed
          {shown.length > MAX_GAP_ROWS ? ` — showing the first ${MAX_GAP_ROWS}` : ''}
        </span>
      </div>
      {shown.length === 0 ? (
        <p>{gaps.length === 0 ? 'No open gaps: ERP and MES agree so far.' : 'No open gap matches these filters.'}</p>
      ) : (
        <GapsTable gaps={shown} showLine onReverse={setReversing} />
      )}
      {reversing !== null && <ReversalDialog key={reversing} reverses={reversing} onClose={() => setReversing(null)} />}
    </section>
  );
}
