import { useCallback, useMemo, useReducer, useRef, useState } from 'react';
import { NoSession } from '../components/NoSession.js';
import type { Commands, ExceptionView, OperatorResult } from '../../engine/contract/index.js';
import { useApi } from '../api/api-context.js';
import { ActingAs, useOperatorName } from '../components/ActingAs.js';
import { BulkActions } from '../components/exceptions/BulkActions.js';
import { applyFilter, NO_FILTER, type ExceptionFilter } from '../components/exceptions/exception-filter.js';
import { ExceptionFilters } from '../components/exceptions/ExceptionFilters.js';
import { ExceptionTable } from '../components/exceptions/ExceptionTable.js';
import { describeResult } from '../components/exceptions/operator-result.js';
import { ResendPanel } from '../components/exceptions/ResendPanel.js';
import { DoublePostings } from '../components/reversals/DoublePostings.js';
import { ReversalDialog } from '../components/reversals/ReversalDialog.js';
import { describeReversal } from '../components/reversals/describe-reversal.js';
import { EMPTY_SELECTION, selectedVisible, selectionReducer } from '../components/exceptions/selection.js';
import { useExceptionList } from '../components/exceptions/use-exception-list.js';
import { WatchingNote } from '../components/simulator/WatchPanel.js';
import { errorMessage, fmtCount } from '../format.js';
import { selectHasFrame, selectIsWatching } from '../store/selectors.js';
import { useStore } from '../store/store.js';
import './exceptions.css';

/** Rows rendered at once; the rest are reachable by filtering. */
const MAX_ROWS = 500;

/**
 * The exceptions workbench: the open dead-letter queue, filtered by category, line and message
 * type; retry or discard in bulk, or fix one message's data and resend it.
 */
export function Exceptions() {
  const api = useApi();
  const hasFrame = useStore(selectHasFrame);
  const watching = useStore(selectIsWatching);
  const { list, error, refresh } = useExceptionList();
  const operator = useOperatorName();
  const [filter, setFilter] = useState<ExceptionFilter>(NO_FILTER);
  const [selection, dispatch] = useReducer(selectionReducer, EMPTY_SELECTION);
  const [editing, setEditing] = useState<ExceptionView | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [reversing, setReversing] = useState<string | null>(null);
  const [reversalStatus, setReversalStatus] = useState('');
  const statusLine = useRef<HTMLParagraphElement>(null);

  const visible = useMemo(() => applyFilter(list ?? [], filter), [list, filter]);
  const rows = visible.length > MAX_ROWS ? visible.slice(0, MAX_ROWS) : visible;
  const selected = useMemo(() => selectedVisible(selection, rows.map((r) => r.messageId)), [selection, rows]);
  const { who } = operator;

  const finish = useCallback(
    (text: string): void => {
      setStatus(text);
      refresh();
    },
    [refresh],
  );

  const bulk = (done: string, call: Commands['exceptions.retry'], why: string): void => {
    const messageIds = selected;
    setBusy(true);
    call({ messageIds, why, ...(who ? { who } : {}) })
      .then(
        (r) => {
          dispatch({ kind: 'clear' });
          finish(describeResult(done, messageIds.length, r));
        },
        (err: unknown) => finish(`${done} nothing: ${errorMessage(err)}`),
      )
      .finally(() => setBusy(false));
  };

  const onSent = (r: OperatorResult): void => {
    setEditing(null);
    finish(describeResult('Resent', 1, r));
    // the panel that held focus is gone; land on the sentence that says what happened
    statusLine.current?.focus();
  };

  return (
    <div className="view exceptions-view">
      <h1>Exceptions</h1>
      {watching && (
        <WatchingNote>
          Watching a live broker: these dead letters belong to the middleware there — retry, resend or discard them in that
          middleware.
        </WatchingNote>
      )}
      <p className="muted">
        Messages the integration layer gave up on (dead letters). They do not heal by waiting: retry them as they are, fix
        their data and resend, or discard them with a reason; a posting ERP made twice is reversed below. Every action is
        journaled with who and why.
      </p>
      <ActingAs name={operator.name} fallback={operator.fallback} onChange={operator.setName} />
      <section className="panel" aria-labelledby="xq-title">
        <h2 id="xq-title">Dead-letter queue</h2>
        {!hasFrame ? (
          <NoSession then="and its dead letters appear here" />
        ) : (
          <>
            <p className="muted" aria-live="polite">
              {list === null
                ? 'Reading the queue…'
                : `${fmtCount(list.length)} open, ${fmtCount(visible.length)} shown${visible.length > MAX_ROWS ? ` — listing the first ${MAX_ROWS}` : ''}`}
            </p>
            {error && <p className="error">Cannot read the queue: {error}</p>}
            {list !== null && <ExceptionFilters list={list} filter={filter} onChange={setFilter} />}
            <BulkActions
              selectedCount={selected.length}
              busy={busy}
              locked={watching}
              onRetry={(why) => bulk('Retried', api.commands['exceptions.retry'], why)}
              onDiscard={(why) => bulk('Discarded', api.commands['exceptions.discard'], why)}
            />
            <p ref={statusLine} tabIndex={-1} role="status" className="xq-status">
              {status}
            </p>
            {list !== null && list.length === 0 && <p className="empty">The queue is empty: nothing is dead-lettered.</p>}
            {rows.length > 0 && (
              <ExceptionTable
                rows={rows}
                selection={selection}
                selectedCount={selected.length}
                dispatch={dispatch}
                onEdit={setEditing}
                locked={watching}
                editing={editing?.messageId ?? null}
              />
            )}
            {list !== null && list.length > 0 && rows.length === 0 && <p className="empty">No dead letter matches the filters.</p>}
          </>
        )}
      </section>
      {hasFrame && <DoublePostings onReverse={setReversing} status={reversalStatus} />}
      {reversing !== null && (
        <ReversalDialog key={reversing} reverses={reversing} onDone={(r) => setReversalStatus(describeReversal(r))} onClose={() => setReversing(null)} />
      )}
      {editing && !watching && (
        <ResendPanel
          key={editing.messageId}
          exception={editing}
          who={who}
          onSent={onSent}
          onFailed={setStatus}
          onClose={() => setEditing(null)}
        />
      )}
    </div>
  );
}
