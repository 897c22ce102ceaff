import { useEffect, useId, useRef, useState } from 'react';
import type { ReversalCheck, ReversalResult } from '../../../engine/contract/index.js';
import { useApi } from '../../api/api-context.js';
import { errorMessage } from '../../format.js';
import { ActingAs, useOperatorName } from '../ActingAs.js';
import { ReasonField } from '../ReasonField.js';
import { fmtQty } from '../gap-values.js';
import './reversals.css';

type Props = {
  /** the business key whose posting is reversed */
  readonly reverses: string;
  /** the request was answered (sent or refused); the dialog stays open to show it */
  readonly onDone?: (result: ReversalResult) => void;
  readonly onClose: () => void;
};

type Previewed = Extract<ReversalCheck, { ok: true }>;

/**
 * "Reverse posting…": a modal dialog with the engine's preview of the reversal — which posting, which
 * quantity, what the key nets to, which gap closes, or why it is refused — who and why, and a
 * confirm button. The answer (the reversal sent, or the reason nothing was) replaces the form.
 */
export function ReversalDialog({ reverses, onDone, onClose }: Props) {
  const api = useApi();
  const operator = useOperatorName();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const hintId = useId();
  const [preview, setPreview] = useState<ReversalCheck | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [why, setWhy] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ReversalResult | null>(null);

  useEffect(() => {
    const d = dialog.current;
    if (d !== null && !d.open) d.showModal();
    return () => d?.close();
  }, []);

  useEffect(() => {
    let live = true;
    api.queries['reversals.preview']({ reverses }).then(
      (p) => live && setPreview(p),
      (err: unknown) => live && setError(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [api, reverses]);

  const reason = why.trim();
  const canSend = preview?.ok === true && reason !== '' && !busy && result === null;
  const send = (): void => {
    setBusy(true);
    api.commands['reversals.request']({ reverses, why: reason, ...(operator.who ? { who: operator.who } : {}) }).then(
      (r) => {
        setResult(r);
        setBusy(false);
        onDone?.(r);
      },
      (err: unknown) => {
        setError(errorMessage(err));
        setBusy(false);
      },
    );
  };

  return (
    <dialog
      ref={dialog}
      className="panel rev-dialog"
      aria-labelledby={titleId}
      // closed by Escape or by the effect's clean-up; StrictMode re-opens it at once, which is not a close
      onClose={() => {
        if (!dialog.current?.open) onClose();
      }}
    >
      <h2 id={titleId}>Reverse a posting of {reverses}</h2>
      {preview === null ? (
        error === null ? <p className="muted" role="status">Previewing the reversal…</p> : null
      ) : preview.ok ? (
        <PreviewFacts preview={preview} />
      ) : (
        <p className="error" role="alert">
          Cannot reverse {reverses}: {sentence(preview.refused)}
        </p>
      )}
      {result !== null ? (
        <ResultNote result={result} />
      ) : preview?.ok === false ? null : (
        <form
          className="rev-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (canSend) send();
          }}
        >
          <ActingAs name={operator.name} fallback={operator.fallback} onChange={operator.setName} />
          <div className="controls">
            <ReasonField value={why} onChange={setWhy} placeholder="why — e.g. duplicate delivery posted twice" describedBy={hintId} />
          </div>
          <p id={hintId} className="muted rev-hint">
            The reversal is a message of its own that ERP posts like any other, journaled with who and why as operator.reversal-requested.
          </p>
          <div className="controls rev-buttons">
            <button type="submit" className="danger" disabled={!canSend}>
              {busy ? 'Sending the reversal…' : preview?.ok && preview.unposted.length > 0 ? 'Reverse anyway' : 'Reverse one posting'}
            </button>
            <button type="button" onClick={onClose}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {error !== null && (
        <p className="error" role="alert">
          {result === null && preview === null ? 'Cannot preview the reversal' : 'The reversal failed'}: {error}
        </p>
      )}
      {(result !== null || preview?.ok === false) && (
        <div className="controls rev-buttons">
          <button type="button" autoFocus onClick={onClose}>
            Close
          </button>
        </div>
      )}
    </dialog>
  );
}

/** What the reversal would net, fact by fact, under the monitor's one-sentence summary. */
function PreviewFacts({ preview: p }: { readonly preview: Previewed }) {
  const quantity = { qty: p.qty, uom: p.uom };
  const what = p.iface === 'confirmation' ? `operation ${p.label}` : p.lot === '' ? p.label : `${p.label} lot ${p.lot}`;
  return (
    <>
      <p className="rev-note rev-note-ok">{p.summary}</p>
      {p.unposted.length > 0 && (
        <p className="rev-note rev-note-warn">
          <strong>Warning: </strong>
          {p.unposted.length === 1 ? `a reversal of this key (${p.unposted[0]}) was sent and` : `${p.unposted.length} reversals of this key (${p.unposted.join(', ')}) were sent and`}{' '}
          ERP has not posted {p.unposted.length === 1 ? 'it' : 'them'} yet. Look for {p.unposted.length === 1 ? 'it' : 'them'} in the lineage or the
          dead-letter queue first: once posted, another reversal nets the key once more.
        </p>
      )}
      <dl className="status rev-facts" aria-label="What the reversal nets">
        <dt>Posting reversed</dt>
        <dd className="rev-key">{p.key}</dd>
        <dt>Order</dt>
        <dd>
          {p.order} on {p.plant}/{p.line}
        </dd>
        <dt>Reverses</dt>
        <dd>
          {fmtQty(quantity)}
          {p.scrap > 0 ? ` and ${fmtQty({ qty: p.scrap, uom: p.uom })} scrap` : ''} of {what} ({p.iface})
        </dd>
        <dt>ERP postings of the key</dt>
        <dd>
          {p.postingsBefore} now → {p.postingsAfter} once the reversal is posted
        </dd>
        <dt>Reversal message</dt>
        <dd>
          {p.messageType} <span className="rev-key">{p.reversalKey}</span>
        </dd>
        <dt>Gap it closes</dt>
        <dd>{p.closesGap ?? <span className="muted">none open</span>}</dd>
      </dl>
    </>
  );
}

/** A reason as a sentence: ends with a full stop. */
const sentence = (s: string): string => (/[.!?]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);

/** The answer: the reversal sent (and where it is journaled), or why nothing was. */
function ResultNote({ result }: { readonly result: ReversalResult }) {
  if (result.refused !== null) {
    return (
      <p className="error" role="alert">
        Not sent: {sentence(result.refused)} Nothing was journaled.
      </p>
    );
  }
  const key = result.preview.ok ? result.preview.reversalKey : result.reverses;
  return (
    <p className="rev-note rev-note-ok" role="status">
      Reversal {key} sent (message {result.messages[0] ?? '—'}), journaled as operator.reversal-requested. The gap closes once ERP posts it.
    </p>
  );
}
