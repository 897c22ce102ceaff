import { useEffect, useId, useState } from 'react';
import type { SessionComparison } from '../../../engine/contract/index.js';
import { useApi } from '../../api/api-context.js';
import { errorMessage, fmtCount } from '../../format.js';
import { nextArrival } from '../../store/bind-api.js';
import { selectEvents, selectSession, selectStatus } from '../../store/selectors.js';
import { useStore } from '../../store/store.js';
import { ComparisonView } from './ComparisonView.js';
import { useDraft } from './drafts.js';
import { parseRules, RULES_EXAMPLE } from './sessions-logic.js';

type Phase =
  | { readonly state: 'idle' }
  | { readonly state: 'starting' }
  | { readonly state: 'running'; readonly b: number }
  | { readonly state: 'comparing'; readonly b: number }
  | { readonly state: 'done'; readonly comparison: SessionComparison }
  | { readonly state: 'failed'; readonly message: string };

/** Wall ms between status checks while the what-if runs (frames usually say it first). */
const POLL_MS = 1_000;

/**
 * What-if: replay a simulation session with changed integration rules at full speed, wait for it to
 * finish, then compare its gaps and exceptions with the original's (`sessions.compare`).
 */
export function WhatIfPanel({ session, onFinished }: { readonly session: number; readonly onFinished: () => void }) {
  const api = useApi();
  const [text, setText] = useDraft(`whatif:${session}`);
  const [phase, setPhase] = useState<Phase>({ state: 'idle' });
  const current = useStore(selectSession);
  const status = useStore(selectStatus);
  const events = useStore(selectEvents);
  const textId = useId();
  const errId = useId();
  const parsed = parseRules(text);

  const run = async () => {
    if (!parsed.ok) return;
    setPhase({ state: 'starting' });
    try {
      const started = await api.commands['session.replay']({ session, rules: parsed.rules, speed: 'max' });
      useStore.getState().setInfo(started, nextArrival());
      if (started.session === null) throw new Error('the engine started no session');
      const playing = await api.commands['session.play']();
      useStore.getState().setInfo(playing, nextArrival());
      setPhase({ state: 'running', b: started.session });
    } catch (err) {
      setPhase({ state: 'failed', message: errorMessage(err) });
    }
  };

  const b = phase.state === 'running' ? phase.b : null;
  // the frames say when the run finished (noted while rendering: React renders again at once);
  // a slow poll covers a frame this tab missed
  const finished = b !== null && current === b && status === 'finished';
  if (finished) setPhase({ state: 'comparing', b });
  useEffect(() => {
    if (b === null || finished) return;
    const t = setInterval(() => {
      api.queries['session.status']().then(
        (info) => {
          if (info.session !== b) setPhase({ state: 'failed', message: `the what-if (session ${b}) was replaced by session ${info.session ?? '—'} before it finished` });
          else if (info.status === 'finished') setPhase({ state: 'comparing', b });
          else if (info.error !== null) setPhase({ state: 'failed', message: `the what-if stopped: ${info.error}` });
        },
        () => undefined,
      );
    }, POLL_MS);
    return () => clearInterval(t);
  }, [api, b, finished]);

  const comparing = phase.state === 'comparing' ? phase.b : null;
  useEffect(() => {
    if (comparing === null) return;
    let live = true;
    api.queries['sessions.compare']({ a: session, b: comparing }).then(
      (comparison) => live && setPhase({ state: 'done', comparison }),
      (err: unknown) => live && setPhase({ state: 'failed', message: `the what-if ran as session ${comparing}, but comparing failed: ${errorMessage(err)}` }),
    );
    onFinished();
    return () => {
      live = false;
    };
  }, [api, comparing, session, onFinished]);

  const busy = phase.state === 'starting' || phase.state === 'running' || phase.state === 'comparing';
  return (
    <>
      <p className="muted">
        Re-runs session {session}’s plant with changed integration rules (a fragment of a scenario’s <code>integration</code> section, YAML
        or JSON) at full speed as a new session, then compares the two. It ends the session running now.
      </p>
      <label htmlFor={textId}>Integration rules (YAML or JSON)</label>
      <textarea
        id={textId}
        className="ss-rules"
        rows={4}
        spellCheck={false}
        value={text}
        placeholder={RULES_EXAMPLE}
        aria-invalid={!parsed.ok}
        aria-describedby={errId}
        onChange={(e) => setText(e.target.value)}
      />
      <p id={errId} className={parsed.ok ? 'muted ss-rules-note' : 'error'}>
        {parsed.ok
          ? text.trim() === ''
            ? `Empty: the example (${RULES_EXAMPLE}) is used.`
            : `Rules: ${Object.keys(parsed.rules).join(', ')}.`
          : `Cannot read the rules: ${parsed.message}`}
      </p>
      <div className="controls">
        <button type="button" disabled={busy || !parsed.ok} onClick={() => void run()}>
          {busy ? 'Running the what-if…' : 'Run what-if'}
        </button>
        <span role="status" className="muted">
          {phase.state === 'starting' && 'Starting…'}
          {phase.state === 'running' && `Running as session ${phase.b}: ${fmtCount(current === phase.b ? events : 0)} events so far…`}
          {phase.state === 'comparing' && `Session ${phase.b} finished; comparing…`}
          {phase.state === 'done' && `Session ${phase.comparison.b} (what-if) compared with session ${phase.comparison.a} (original).`}
        </span>
      </div>
      {phase.state === 'failed' && (
        <p role="alert" className="error">
          What-if failed: {phase.message}
        </p>
      )}
      {phase.state === 'done' && <ComparisonView c={phase.comparison} />}
    </>
  );
}
