import { useEffect, useId, useRef, useState } from 'react';
import type { MappingsCheck } from '../../../engine/contract/index.js';
import { useApi } from '../../api/api-context.js';
import { errorMessage } from '../../format.js';
import { takeMappingDraft } from '../../store/mapping-draft.js';
import { appendDraft } from './append-draft.js';

type Props = {
  /** the watched connection's name */
  readonly connection: string;
  /** its mappings file, on the machine running the engine */
  readonly file: string;
};

/** What the last check or save said, and of which text. */
type Verdict =
  | { readonly kind: 'checked' | 'saved' | 'refused'; readonly text: string; readonly check: MappingsCheck }
  | { readonly kind: 'failed'; readonly text: string; readonly message: string };

const rules = (n: number): string => `${n} ${n === 1 ? 'rule' : 'rules'}`;

/** Edit a watched connection's mappings file: read it, check it, save it (only when valid). */
export function MappingsEditor({ connection, file }: Props) {
  const api = useApi();
  const [text, setText] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [busy, setBusy] = useState(false);
  // a mapping drafted in the Topics view for this connection: what became of it
  const [drafted, setDrafted] = useState<{ readonly topic: string; readonly added: boolean; readonly text: string } | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const titleId = useId();
  const areaId = useId();
  const resultId = useId();

  useEffect(() => {
    let live = true;
    api.queries['mappings.load']({ connection }).then(
      (m) => {
        if (!live) return;
        // a draft the Topics view left for this connection goes at the end of the list (not saved),
        // or, where adding it would rewrite the file, is shown to copy
        const draft = takeMappingDraft(connection);
        const merged = draft === null ? null : appendDraft(m.text, draft.text);
        setText((cur) => cur ?? merged ?? m.text);
        setSaved(m.text);
        if (draft !== null) setDrafted({ topic: draft.topic, added: merged !== null, text: draft.text });
      },
      (err: unknown) => live && setLoadError(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [api, connection]);

  // a draft taken with the file: bring the editor into view
  useEffect(() => {
    if (drafted === null) return;
    area.current?.scrollIntoView({ block: 'center' });
    area.current?.focus();
  }, [drafted]);

  const run = (kind: 'check' | 'save'): void => {
    if (text === null) return;
    const sent = text;
    setBusy(true);
    const call = kind === 'check' ? api.queries['mappings.check']({ text: sent }) : api.commands['mappings.save']({ connection, text: sent });
    call
      .then(
        (check) => {
          setVerdict({ kind: kind === 'check' ? 'checked' : check.ok ? 'saved' : 'refused', text: sent, check });
          if (kind === 'save' && check.ok) setSaved(sent);
        },
        (err: unknown) => setVerdict({ kind: 'failed', text: sent, message: errorMessage(err) }),
      )
      .finally(() => setBusy(false));
  };

  const current = verdict !== null && verdict.text === text ? verdict : null;
  const unsaved = text !== null && saved !== null && text !== saved;

  return (
    <section className="panel cx-mappings" aria-labelledby={titleId}>
      <h2 id={titleId}>Mappings of {connection}</h2>
      <p className="muted">
        How messages outside <code>linesight/v1/…</code> become Linesight events. File <code>{file}</code>
        {saved === '' && ' (does not exist yet: saving creates it)'}.
      </p>
      {loadError && <p className="error">Cannot read the mappings: {loadError}</p>}
      {drafted?.added && (
        <p className="cx-drafted" role="status">
          A draft for <code>{drafted.topic}</code> is added at the end of the list, not saved: fill in its type, plant, line and fields, then Check and Save.
        </p>
      )}
      {drafted && !drafted.added && (
        <div className="cx-drafted" role="status">
          <p>
            The draft for <code>{drafted.topic}</code> is not added: this file is JSON or lists its mappings inline, and adding would rewrite it. Add it yourself:
          </p>
          <textarea readOnly aria-label="Draft mapping" className="cx-code" value={drafted.text} rows={Math.min(12, drafted.text.split('\n').length)} />
        </div>
      )}
      <label htmlFor={areaId} className="cx-block">
        Mappings (YAML or JSON){unsaved && <span className="cx-unsaved"> — changed, not saved</span>}
      </label>
      <textarea
        ref={area}
        id={areaId}
        className="cx-code"
        rows={14}
        spellCheck={false}
        aria-describedby={resultId}
        value={text ?? ''}
        disabled={text === null}
        onChange={(e) => setText(e.target.value)}
      />
      <div className="controls">
        <button type="button" disabled={busy || text === null} onClick={() => run('check')}>
          Check
        </button>
        <button type="button" disabled={busy || text === null} onClick={() => run('save')}>
          Save
        </button>
      </div>
      <div id={resultId} aria-live="polite">
        {current && <VerdictText verdict={current} />}
      </div>
    </section>
  );
}

function VerdictText({ verdict }: { readonly verdict: Verdict }) {
  if (verdict.kind === 'failed') return <p className="error">{verdict.message}</p>;
  const { check } = verdict;
  if (!check.ok) {
    return (
      <div className="error">
        {verdict.kind === 'refused' && <p className="cx-tight">Not saved: the file is unchanged, because the text has a problem.</p>}
        <ul className="cx-tight cx-code-list">
          {check.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      </div>
    );
  }
  if (verdict.kind === 'saved') {
    return <p className="cx-ok">Saved: {rules(check.rules)} OK. They apply to messages arriving from now on; what was journaled before stays as it was.</p>;
  }
  return <p className="cx-ok">{rules(check.rules)} OK (not saved yet).</p>;
}
