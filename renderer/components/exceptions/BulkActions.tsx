import { useEffect, useId, useRef, useState } from 'react';
import { ReasonField } from '../ReasonField.js';
import { plural } from './operator-result.js';

type Props = {
  readonly selectedCount: number;
  readonly busy: boolean;
  /** the dead letters belong to a watched broker's middleware: no action from here */
  readonly locked?: boolean;
  readonly onRetry: (why: string) => void;
  readonly onDiscard: (why: string) => void;
};

/**
 * Retry or discard the ticked dead letters. Both need a reason (journaled with the action);
 * discarding closes messages for good, so it asks once more, naming how many.
 */
export function BulkActions({ selectedCount, busy, locked = false, onRetry, onDiscard }: Props) {
  const [why, setWhy] = useState('');
  const [confirming, setConfirming] = useState(false);
  const hintId = useId();
  const confirmButton = useRef<HTMLButtonElement>(null);
  const discardButton = useRef<HTMLButtonElement>(null);
  const reason = why.trim();
  const ready = selectedCount > 0 && reason !== '' && !busy && !locked;

  // a confirmation names a count; if the selection changes under it, ask again (reset while
  // rendering: React renders again at once, before the stale count is shown)
  const [askedFor, setAskedFor] = useState({ selectedCount, locked });
  if (askedFor.selectedCount !== selectedCount || askedFor.locked !== locked) {
    setAskedFor({ selectedCount, locked });
    setConfirming(false);
  }
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  const closeConfirm = (): void => {
    setConfirming(false);
    // the confirmation held focus; hand it back to the discard button once that is rendered again
    requestAnimationFrame(() => discardButton.current?.focus());
  };

  return (
    <div className="xq-bulk" role="group" aria-label="Bulk actions on the selected dead letters">
      <p className="xq-selected">{selectedCount === 0 ? 'Nothing selected' : `${plural(selectedCount, 'dead letter')} selected`}</p>
      {!locked && <ReasonField value={why} onChange={setWhy} describedBy={hintId} />}
      <span id={hintId} className="visually-hidden">
        {locked ? 'Retry and discard are done in the watched middleware.' : 'Required for retry and discard.'}
      </span>
      <button
        type="button"
        disabled={!ready || confirming}
        aria-describedby={hintId}
        onClick={() => onRetry(reason)}
      >
        Retry selected
      </button>
      {!confirming ? (
        <button ref={discardButton} type="button" disabled={!ready} aria-describedby={hintId} onClick={() => setConfirming(true)}>
          Discard selected…
        </button>
      ) : (
        <div className="xq-confirm" role="group" aria-label="Confirm discard">
          <span>
            Discard {plural(selectedCount, 'dead letter')}? They will be closed without delivery.
          </span>
          <button
            ref={confirmButton}
            type="button"
            className="danger"
            disabled={!ready}
            onClick={() => {
              onDiscard(reason);
              closeConfirm();
            }}
          >
            Discard {selectedCount}
          </button>
          <button type="button" onClick={closeConfirm}>
            Cancel
          </button>
        </div>
      )}
    </div>
  );
}
