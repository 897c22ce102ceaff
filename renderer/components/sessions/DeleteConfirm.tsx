import { useState } from 'react';
import type { DeleteResult, SessionSummary } from '../../../engine/contract/index.js';
import { useApi } from '../../api/api-context.js';
import { errorMessage, fmtCount } from '../../format.js';
import { sessionTitle } from './sessions-logic.js';

/**
 * Confirm deleting a session, naming it. The current session is refused here, with the reason,
 * before the engine is asked (it refuses too).
 */
export function DeleteConfirm({
  summary,
  current,
  onDeleted,
  onCancel,
}: {
  readonly summary: SessionSummary;
  /** the host's current session id */
  readonly current: number | null;
  readonly onDeleted: (result: DeleteResult) => void;
  readonly onCancel: () => void;
}) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const title = sessionTitle(summary);
  if (summary.id === current) {
    return (
      <p role="alert" className="error">
        {title[0]!.toUpperCase() + title.slice(1)} is the current session and cannot be deleted: start or replay another session first.
      </p>
    );
  }
  const remove = () => {
    setBusy(true);
    setError(null);
    api.commands['sessions.delete']({ session: summary.id }).then(onDeleted, (err: unknown) => {
      setError(errorMessage(err));
      setBusy(false);
    });
  };
  return (
    <>
      <p>
        Delete <strong>{title}</strong> ({summary.kind}, {summary.scenario}, {fmtCount(summary.events)} events)? It disappears from every
        list at once and the journal is compacted into a new file. This cannot be undone.
      </p>
      <div className="controls">
        <button type="button" className="danger" disabled={busy} onClick={remove}>
          {busy ? 'Deleting and compacting…' : `Delete session ${summary.id}`}
        </button>
        <button type="button" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
      </div>
      {error !== null && (
        <p role="alert" className="error">
          Not deleted: {error}
        </p>
      )}
    </>
  );
}
