import { useId } from 'react';
import { PRESETS, presetOf, type SendOptionsForm } from './send-options.js';

type Props = {
  readonly options: SendOptionsForm;
  /** publishing to a watched broker: only the count applies (a broker gets the copies back to back) */
  readonly connected?: boolean;
  readonly onChange: (options: SendOptionsForm) => void;
};

/** A preset that needs the simulator's virtual clock (spacing or a delay). */
const timed = (o: SendOptionsForm): boolean => o.spacingMs !== '0' || o.delayMs !== '0';

/** Presets and the numbers they set: how many copies, how far apart, how long the first is held back. */
export function SendOptionsFields({ options, connected = false, onChange }: Props) {
  const current = presetOf(options);
  const countId = useId();
  const spacingId = useId();
  const delayId = useId();
  const timeHint = useId();
  return (
    <fieldset className="inj-send">
      <legend>How to send</legend>
      <div role="group" aria-label="Presets" className="xq-chips">
        {PRESETS.map((p) => (
          <button
            key={p.id}
            type="button"
            className="xq-chip"
            aria-pressed={current?.id === p.id}
            disabled={connected && timed(p.options)}
            aria-describedby={connected && timed(p.options) ? timeHint : undefined}
            onClick={() => onChange(p.options)}
          >
            {p.label}
          </button>
        ))}
      </div>
      <div className="inj-grid inj-numbers">
        <NumberField id={countId} label="Count" value={options.count} min={1} onChange={(count) => onChange({ ...options, count })} />
        <NumberField
          id={spacingId}
          label="Spacing (ms)"
          hint={timeHint}
          disabled={connected}
          value={options.spacingMs}
          min={0}
          onChange={(spacingMs) => onChange({ ...options, spacingMs })}
        />
        <NumberField
          id={delayId}
          label="Delay (ms)"
          hint={timeHint}
          disabled={connected}
          value={options.delayMs}
          min={0}
          onChange={(delayMs) => onChange({ ...options, delayMs })}
        />
      </div>
      <p id={timeHint} className="muted inj-hint">
        {connected
          ? 'Spacing and delay are off: they need the simulator’s clock, and a broker gets copies back to back.'
          : 'Spacing and delay are virtual (simulated) milliseconds, not wall-clock time. A delay holds the first copy back so messages sent after it overtake it.'}
      </p>
    </fieldset>
  );
}

type FieldProps = {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly min: number;
  readonly hint?: string;
  readonly disabled?: boolean;
  readonly onChange: (value: string) => void;
};

function NumberField({ id, label, value, min, hint, disabled = false, onChange }: FieldProps) {
  return (
    <div className="payload-field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="number" min={min} step={1} inputMode="numeric" aria-describedby={hint} disabled={disabled} value={value} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}
