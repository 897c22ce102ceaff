import { useEffect, useRef } from 'react';
import type { DeleteResult, SessionSummary } from '../../../engine/contract/index.js';
import { DeleteConfirm } from './DeleteConfirm.js';
import { FilesAction } from './FilesAction.js';
import { ImportWarnings } from './ImportWarnings.js';
import { LabelForm } from './LabelForm.js';
import { ReplayAction } from './ReplayAction.js';
import { sessionTitle } from './sessions-logic.js';
import type { Action } from './SessionsTable.js';
import { WhatIfPanel } from './WhatIfPanel.js';

const HEADINGS: Readonly<Record<Action, string>> = {
  replay: 'Replay',
  whatif: 'What-if',
  report: 'Report and export',
  export: 'Export and report',
  note: 'Name and note',
  delete: 'Delete',
  warnings: 'Import warnings',
};

/**
 * The open action of one session, below the table. `summary` is null when the session list is not
 * available and the session was typed by id: then only replay, what-if and files are offered.
 */
export function ActionPanel({
  session,
  summary,
  action,
  current,
  onClose,
  onChanged,
  onLabelled,
  onDeleted,
}: {
  readonly session: number;
  readonly summary: SessionSummary | null;
  readonly action: Action;
  readonly current: number | null;
  readonly onClose: () => void;
  /** the list may have changed (a what-if added a session) */
  readonly onChanged: () => void;
  readonly onLabelled: (s: SessionSummary) => void;
  readonly onDeleted: (r: DeleteResult) => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    heading.current?.scrollIntoView({ block: 'nearest' });
  }, [session, action]);
  const title = summary ? sessionTitle(summary) : `session ${session}`;
  const about = summary ? ` — ${summary.kind}, ${summary.scenario}` : '';
  return (
    <section className="panel ss-panel" aria-labelledby="ss-panel-title">
      <div className="ss-panel-head">
        <h2 id="ss-panel-title" ref={heading} tabIndex={-1}>
          {HEADINGS[action]}: {title}
          <span className="muted ss-about">{about}</span>
        </h2>
        <button type="button" onClick={onClose} aria-label="Close this panel">
          Close
        </button>
      </div>
      {action === 'replay' && <ReplayAction session={session} />}
      {action === 'whatif' && <WhatIfPanel session={session} onFinished={onChanged} />}
      {(action === 'report' || action === 'export') && <FilesAction session={session} initial={action} />}
      {action === 'note' &&
        (summary ? <LabelForm key={session} summary={summary} onSaved={onLabelled} /> : <p className="muted">Naming needs the session list.</p>)}
      {action === 'warnings' && (summary ? <ImportWarnings summary={summary} /> : <p className="muted">The warnings need the session list.</p>)}
      {action === 'delete' &&
        (summary ? (
          <DeleteConfirm summary={summary} current={current} onDeleted={onDeleted} onCancel={onClose} />
        ) : (
          <p className="muted">Deleting needs the session list.</p>
        ))}
    </section>
  );
}
