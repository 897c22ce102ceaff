import { useId } from 'react';
import type { PayloadField } from '../../../engine/contract/index.js';
import type { FieldValue, FormValues } from './payload-form.js';

type Props = {
  readonly fields: readonly PayloadField[];
  readonly values: FormValues;
  readonly onChange: (name: string, value: FieldValue) => void;
  /** prefix that keeps input ids unique when two forms are on one page */
  readonly idPrefix?: string;
  /** fields named here are marked as changed (the resend form shows what differs from the original) */
  readonly changed?: ReadonlySet<string>;
  readonly disabled?: boolean;
};

/** One labelled input per payload field: number inputs for numbers, a checkbox for flags, a select for fixed choices. */
export function PayloadFields({ fields, values, onChange, idPrefix, changed, disabled }: Props) {
  const base = useId();
  const prefix = idPrefix ?? base;
  return (
    <div className="payload-fields">
      {fields.map((f) => (
        <PayloadInput
          key={f.name}
          id={`${prefix}-${f.name}`}
          field={f}
          value={values[f.name]}
          changed={changed?.has(f.name) ?? false}
          disabled={disabled ?? false}
          onChange={(v) => onChange(f.name, v)}
        />
      ))}
    </div>
  );
}

type InputProps = {
  readonly id: string;
  readonly field: PayloadField;
  readonly value: FieldValue | undefined;
  readonly changed: boolean;
  readonly disabled: boolean;
  readonly onChange: (value: FieldValue) => void;
};

function PayloadInput({ id, field, value, changed, disabled, onChange }: InputProps) {
  const label = (
    <label htmlFor={id}>
      {field.name}
      {field.optional && <span className="muted"> (optional)</span>}
      {changed && <span className="changed-mark"> changed</span>}
    </label>
  );
  if (field.kind === 'boolean') {
    return (
      <div className="payload-field payload-flag">
        <input id={id} type="checkbox" checked={value === true} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
        {label}
      </div>
    );
  }
  const text = typeof value === 'string' ? value : '';
  return (
    <div className={changed ? 'payload-field is-changed' : 'payload-field'}>
      {label}
      {field.options ? (
        <select id={id} value={text} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
          {(field.optional || !field.options.includes(text)) && <option value="">{field.optional ? '(none)' : '— choose —'}</option>}
          {field.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      ) : field.kind === 'string' ? (
        <input id={id} type="text" value={text} disabled={disabled} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input
          id={id}
          type="number"
          min={0}
          step={field.kind === 'integer' ? 1 : 'any'}
          inputMode={field.kind === 'integer' ? 'numeric' : 'decimal'}
          value={text}
          disabled={disabled}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </div>
  );
}
