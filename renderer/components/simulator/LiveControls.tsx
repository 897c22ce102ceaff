import { useCallback, useEffect, useId, useState } from 'react';
import { ReasonField } from '../ReasonField.js';
import { useShallow } from 'zustand/react/shallow';
import type { Control, FaultKind, LiveSettings, OperatorResult } from '../../../engine/contract/index.js';
import { useApi } from '../../api/api-context.js';
import { ActingAs, useOperatorName } from '../ActingAs.js';
import { errorMessage, fmtSimTime } from '../../format.js';
import { nextArrival } from '../../store/bind-api.js';
import { selectIsWatching, selectLineKeys, selectSession } from '../../store/selectors.js';
import { useStore } from '../../store/store.js';
import './live-controls.css';

/** What each integration control does, in the words of the person switching it. */
const CONTROL_TEXT: Readonly<Record<Control, string>> = {
  idempotency: 'Idempotency — suppress a second message with the same business key',
  resequencing: 'Resequencing — restore each source’s order before routing',
  gates: 'Dependency gates — hold a receipt until its confirmation, lot and routing allow it',
  validation: 'Validation — refuse messages whose unit cannot be converted',
  retry: 'Retry — retry ERP deliveries that fail for technical reasons',
  storeAndForward: 'Store-and-forward — buffer at the edge while the WAN is down',
  rateLimit: 'Rate limit — pace deliveries to ERP',
};

const ALL_LINES = '';

/**
 * Switch integration controls and faults while the session runs. Every switch needs a reason and is
 * journaled as an operator event, so a replay of the session makes the same switch at the same instant.
 */
export function LiveControls() {
  const api = useApi();
  const session = useStore(selectSession);
  const watching = useStore(selectIsWatching);
  const lines = useStore(useShallow(selectLineKeys));
  const operator = useOperatorName();
  const [settings, setSettings] = useState<LiveSettings | null>(null);
  const [why, setWhy] = useState('');
  const [fault, setFault] = useState<FaultKind>('wan-outage');
  const [line, setLine] = useState(ALL_LINES);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const faultId = useId();
  const lineId = useId();

  const refresh = useCallback(() => {
    api.queries['session.settings']().then(setSettings, (err: unknown) => setOutcome({ ok: false, text: errorMessage(err) }));
  }, [api]);
  useEffect(refresh, [refresh, session]);

  const act = (label: string, call: () => Promise<OperatorResult>) => {
    setBusy(true);
    call()
      .then(
        (r) => {
          useStore.getState().setInfo(r.info, nextArrival());
          setOutcome({ ok: true, text: `${label} at ${fmtSimTime(r.info.simTime)} — journaled.` });
          setWhy('');
        },
        (err: unknown) => setOutcome({ ok: false, text: errorMessage(err) }),
      )
      .finally(() => {
        setBusy(false);
        refresh();
      });
  };

  if (watching) {
    return (
      <section aria-labelledby="live-title" className="panel">
        <h2 id="live-title">Controls and faults</h2>
        <p className="muted">
          Integration controls and faults belong to the simulator. The watched middleware has its own: switch them there —
          this console only listens to what it publishes.
        </p>
      </section>
    );
  }
  if (settings === null || settings.controls === null) {
    return (
      <section aria-labelledby="live-title" className="panel">
        <h2 id="live-title">Controls and faults</h2>
        <p className="muted">Start a scenario to switch integration controls and faults while it runs.</p>
      </section>
    );
  }
  const controls = settings.controls;
  const noReason = why.trim() === '';
  const lineArg = line === ALL_LINES ? {} : { line };
  const who = operator.who === undefined ? {} : { who: operator.who };

  return (
    <section aria-labelledby="live-title" className="panel live-controls">
      <h2 id="live-title">Controls and faults</h2>
      <p className="muted">Changes take effect at the session’s current simulated instant and are journaled as operator events.</p>
      <ActingAs name={operator.name} fallback={operator.fallback} onChange={operator.setName} />
      <div className="controls">
        <ReasonField label="Reason (required)" value={why} onChange={setWhy} placeholder="why — e.g. WAN drill for the night shift" />
      </div>
      {noReason && <p className="muted">Give a reason to enable the switches.</p>}

      <fieldset>
        <legend>Integration controls</legend>
        <ul className="switches">
          {(Object.keys(controls) as Control[]).map((c) => {
            const fixed = settings.fixedControls[c];
            return (
              <li key={c}>
                <label>
                  <input
                    type="checkbox"
                    role="switch"
                    checked={controls[c]}
                    disabled={busy || noReason || fixed !== undefined}
                    onChange={(e) => {
                      const enabled = e.target.checked;
                      act(`${c} switched ${enabled ? 'on' : 'off'}`, () => api.commands['operator.setControl']({ control: c, enabled, why, ...who }));
                    }}
                  />{' '}
                  {CONTROL_TEXT[c]}
                </label>
                {fixed !== undefined && <p className="muted fixed">Fixed for this session: {fixed}.</p>}
              </li>
            );
          })}
        </ul>
      </fieldset>

      <fieldset>
        <legend>Faults</legend>
        <div className="controls">
          <label htmlFor={faultId}>Fault</label>
          <select id={faultId} value={fault} onChange={(e) => setFault(e.target.value as FaultKind)}>
            {settings.faultKinds.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
          <label htmlFor={lineId}>Line</label>
          <select id={lineId} value={line} onChange={(e) => setLine(e.target.value)}>
            <option value={ALL_LINES}>All lines</option>
            {lines.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
          <button
            type="button"
            disabled={busy || noReason}
            onClick={() => act(`${fault} switched on ${line || 'every line'}`, () => api.commands['operator.toggleFault']({ fault, ...lineArg, enabled: true, why, ...who }))}
          >
            Switch on
          </button>
        </div>
        {settings.faults.length === 0 ? (
          <p className="muted">No fault switched on by an operator. The scenario’s own faults run on their schedule.</p>
        ) : (
          <ul className="active-faults" aria-label="Faults switched on">
            {settings.faults.map((f) => (
              <li key={`${f.fault}@${f.line ?? ''}`}>
                <span>
                  <strong>{f.fault}</strong> on {f.line ?? 'every line'} since {fmtSimTime(Date.parse(f.since))}
                </span>
                <button
                  type="button"
                  disabled={busy || noReason}
                  aria-label={`Switch off ${f.fault} on ${f.line ?? 'every line'}`}
                  onClick={() =>
                    act(`${f.fault} switched off on ${f.line ?? 'every line'}`, () =>
                      api.commands['operator.toggleFault']({ fault: f.fault, ...(f.line === null ? {} : { line: f.line }), enabled: false, why, ...who }),
                    )
                  }
                >
                  Switch off
                </button>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      <p aria-live="polite" className={outcome?.ok === false ? 'error' : 'muted'}>
        {outcome?.text ?? ''}
      </p>
    </section>
  );
}
