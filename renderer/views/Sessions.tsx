import { useCallback, useEffect, useId, useState } from 'react';
import type { DeleteResult, SessionSummary } from '../../engine/contract/index.js';
import { useApi } from '../api/api-context.js';
import { ActionPanel } from '../components/sessions/ActionPanel.js';
import { useDraft } from '../components/sessions/drafts.js';
import { fmtBytes } from '../components/sessions/sessions-logic.js';
import { SessionsTable, type Action } from '../components/sessions/SessionsTable.js';
import { errorMessage } from '../format.js';
import { selectConnection, selectSession, selectStatus } from '../store/selectors.js';
import { useStore } from '../store/store.js';
import { selectReplay } from '../components/simulator/ReplayControls.js';
import '../components/sessions/sessions.css';

type Open = { readonly session: number; readonly action: Action };

/**
 * Every session of the journal: replay one, re-run it under changed rules (what-if) and compare,
 * write its report or export its events, name and annotate it, delete it.
 */
export function Sessions() {
  const api = useApi();
  const connection = useStore(selectConnection);
  const current = useStore(selectSession);
  const status = useStore(selectStatus);
  const replaying = useStore(selectReplay) !== null;
  // query results stay out of the global store (CONVENTIONS #9)
  const [list, setList] = useState<readonly SessionSummary[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [open, setOpen] = useState<Open | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [typedId, setTypedId] = useDraft('sessions:id');
  const idField = useId();

  const refresh = useCallback(() => {
    api.queries['sessions.list']().then(
      (l) => {
        setList(l);
        setListError(null);
      },
      (err: unknown) => setListError(errorMessage(err)),
    );
  }, [api]);
  // the list changes when a session starts or ends (its end time, gaps and exceptions are written then)
  useEffect(() => {
    if (connection === 'open') refresh();
  }, [connection, refresh, current, status]);

  const onDeleted = useCallback(
    (r: DeleteResult) => {
      setOpen(null);
      setNotice(
        r.bytesAfter < r.bytesBefore
          ? `Session ${r.session} deleted. Journal compacted: ${fmtBytes(r.bytesBefore)} → ${fmtBytes(r.bytesAfter)}.`
          : `Session ${r.session} deleted. Journal: ${fmtBytes(r.bytesBefore)} before, ${fmtBytes(r.bytesAfter)} after — the host could not compact it while a session runs; the next compaction reclaims the space.`,
      );
      refresh();
    },
    [refresh],
  );
  const onLabelled = useCallback((s: SessionSummary) => setList((l) => l?.map((x) => (x.id === s.id ? s : x)) ?? l), []);
  const toggle = (session: number, action: Action) => {
    setNotice(null);
    setOpen((o) => (o?.session === session && o.action === action ? null : { session, action }));
  };

  const typed = Number(typedId);
  const typedOk = Number.isSafeInteger(typed) && typed > 0;
  const summary = open ? (list?.find((s) => s.id === open.session) ?? null) : null;

  return (
    <div className="view sessions-view">
      <div className="ss-head">
        <h1>Sessions</h1>
        <button type="button" onClick={refresh} disabled={connection !== 'open'}>
          Refresh
        </button>
      </div>
      {notice !== null && (
        <p role="status" className="ss-notice">
          {notice}
        </p>
      )}
      {listError !== null && (
        <section className="panel" aria-label="Session list unavailable">
          <p role="alert" className="error">
            The session list is not available: {listError}
          </p>
          <p className="muted">A session can still be replayed, re-run as a what-if, reported or exported by its id.</p>
          <div className="controls">
            <label htmlFor={idField}>Session id</label>
            <input id={idField} type="number" min={1} value={typedId} onChange={(e) => setTypedId(e.target.value)} />
            {(['replay', 'whatif', 'report', 'export'] as const).map((a) => (
              <button key={a} type="button" disabled={!typedOk} onClick={() => toggle(typed, a)}>
                {a === 'replay' ? 'Replay' : a === 'whatif' ? 'What-if…' : a === 'report' ? 'Report' : 'Export'}
              </button>
            ))}
          </div>
        </section>
      )}
      {list === null && listError === null && <p className="muted">Loading the sessions…</p>}
      {list !== null && list.length === 0 && <p className="muted">No session in this journal yet: start a scenario or watch a broker.</p>}
      {list !== null && list.length > 0 && <SessionsTable sessions={list} current={current} currentLabel={replaying ? 'replaying' : 'current'} status={status} open={open} onAction={toggle} />}
      {open !== null && (
        <ActionPanel
          key={`${open.action}:${open.session}`}
          session={open.session}
          summary={summary}
          action={open.action}
          current={current}
          onClose={() => setOpen(null)}
          onChanged={refresh}
          onLabelled={onLabelled}
          onDeleted={onDeleted}
        />
      )}
    </div>
  );
}
