import { useId, useState } from 'react';
import type { SessionSummary } from '../../../engine/contract/index.js';
import { useApi } from '../../api/api-context.js';
import { errorMessage } from '../../format.js';
import { useDraft } from './drafts.js';

/** Rename and annotate a session (`sessions.label`); an emptied field clears it. What was typed stays if the engine refuses. */
export function LabelForm({ summary, onSaved }: { readonly summary: SessionSummary; readonly onSaved: (s: SessionSummary) => void }) {
  const api = useApi();
  const [name, setName] = useDraft(`name:${summary.id}`, summary.name ?? '');
  const [note, setNote] = useDraft(`note:${summary.id}`, summary.note ?? '');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const nameId = useId();
  const noteId = useId();
  const unchanged = name === (summary.name ?? '') && note === (summary.note ?? '');
  const save = () => {
    setBusy(true);
    api.commands['sessions.label']({ session: summary.id, name: name.trim(), note: note.trim() }).then(
      (s) => {
        setOutcome({ ok: true, text: `Saved.` });
        onSaved(s);
      },
      (err: unknown) => setOutcome({ ok: false, text: `Not saved: ${errorMessage(err)}` }),
    ).finally(() => setBusy(false));
  };
  return (
    <form
      className="ss-label-form"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <label htmlFor={nameId}>Name</label>
      <input id={nameId} type="text" value={name} maxLength={200} placeholder="e.g. Night shift, WAN drill" onChange={(e) => setName(e.target.value)} />
      <label htmlFor={noteId}>Note</label>
      <textarea id={noteId} value={note} rows={3} placeholder="what this session shows, for whoever opens it next" onChange={(e) => setNote(e.target.value)} />
      <div className="controls">
        <button type="submit" disabled={busy || unchanged}>
          {busy ? 'Saving…' : 'Save name and note'}
        </button>
        <span role="status" className={outcome?.ok === false ? 'error' : 'muted'}>
          {outcome?.text ?? (unchanged ? '' : 'Not saved yet.')}
        </span>
      </div>
    </form>
  );
}
