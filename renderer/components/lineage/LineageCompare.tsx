import { useId, useState, type FormEvent } from 'react';
import type { LineageArgs } from '../../../engine/contract/index.js';
import { HopDiffTable } from './HopDiffTable.js';
import './lineage-compare.css';
import { useLineageCompare, useSessionList } from './use-lineage-compare.js';

/** The session picker's label for a journal session. */
const sessionLabel = (s: { readonly id: number; readonly name: string | null; readonly scenario: string }) =>
  `#${s.id} ${s.name ?? s.scenario}`;

/**
 * "Compare with…": the shown order against another order, of this session or another one, hop by
 * hop (missing, extra, reordered, slower, faster), like a trace comparison.
 */
export function LineageCompare({ order }: { readonly order: string }) {
  const { state, compare } = useLineageCompare(order);
  const sessions = useSessionList();
  const [other, setOther] = useState('');
  const [session, setSession] = useState('');
  const titleId = useId();
  const orderId = useId();
  const sessionId = useId();
  const hintId = useId();
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const o = other.trim();
    if (o === '') return;
    const b: LineageArgs = session === '' ? { order: o } : { order: o, session: Number(session) };
    compare(b);
  };
  return (
    <section className="panel lin-compare" aria-labelledby={titleId}>
      <h2 id={titleId}>Compare {order} with…</h2>
      <form className="controls" onSubmit={submit}>
        <label htmlFor={orderId}>Other order</label>
        <input
          id={orderId}
          type="text"
          value={other}
          onChange={(e) => setOther(e.target.value)}
          aria-describedby={hintId}
          spellCheck={false}
          autoComplete="off"
          placeholder="PO-US01-L2-00002"
        />
        <label htmlFor={sessionId}>Session</label>
        <select id={sessionId} value={session} onChange={(e) => setSession(e.target.value)} aria-describedby={hintId}>
          <option value="">This session</option>
          {sessions.map((s) => (
            <option key={s.id} value={String(s.id)}>
              {sessionLabel(s)}
            </option>
          ))}
        </select>
        <button type="submit" disabled={other.trim() === '' || state.status === 'comparing'}>
          Compare
        </button>
        <span id={hintId} className="muted">
          Exact order id; the other order may come from another session, e.g. a good run.
        </span>
      </form>
      <div aria-live="polite">
        {state.status === 'comparing' && <p className="muted" role="status">Comparing {order} with {state.b.order}…</p>}
        {state.status === 'failed' && (
          <p className="error" role="alert">
            Could not compare {order} with {state.b.order}: {state.error}
          </p>
        )}
        {state.status === 'done' && (
          <p className="muted lin-diff-summary">
            {state.diff.hops.filter((h) => h.status !== 'same').length} of {state.diff.hops.length} hops differ.
          </p>
        )}
      </div>
      {state.status === 'done' && <HopDiffTable diff={state.diff} />}
    </section>
  );
}
