import { Fragment, useId, useState, type FormEvent } from 'react';
import type { EventFilter } from '../../../engine/contract/index.js';
import { useTimeDisplay } from '../../time/display.js';
import { EMPTY_DRAFT, toFilter, type FilterDraft } from './filter-draft.js';

type Props = {
  /** line ids of the running session */
  readonly lines: readonly string[];
  /** event types seen so far, offered as suggestions */
  readonly types: readonly string[];
  readonly onApply: (filter: EventFilter) => void;
};

const TEXT_FIELDS = [
  { key: 'order', label: 'Order' },
  { key: 'lot', label: 'Lot' },
  { key: 'businesskey', label: 'Business key' },
] as const;

/** Line, type, order, lot, business key and a time range in the zone shown (plant time or UTC); Apply hands the filter up. */
export function EventFilters({ lines, types, onApply }: Props) {
  const [draft, setDraft] = useState<FilterDraft>(EMPTY_DRAFT);
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();
  const { zone } = useTimeDisplay();
  const set = (key: keyof FilterDraft) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setDraft((d) => ({ ...d, [key]: value }));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = toFilter(draft, zone);
    if ('problem' in r) {
      setProblem(r.problem);
      return;
    }
    setProblem(null);
    onApply(r.filter);
  };
  return (
    <form className="panel eb-filters" aria-label="Event filters" onSubmit={submit}>
      <div className="eb-fields">
        <label htmlFor={`${id}-line`}>Line</label>
        <select id={`${id}-line`} value={draft.line} onChange={set('line')}>
          <option value="">All lines</option>
          {lines.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-type`}>Type</label>
        <input id={`${id}-type`} list={`${id}-types`} value={draft.type} onChange={set('type')} placeholder="any type" spellCheck={false} />
        <datalist id={`${id}-types`}>
          {types.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
        {TEXT_FIELDS.map(({ key, label }) => (
          <Fragment key={key}>
            <label htmlFor={`${id}-${key}`}>{label}</label>
            <input id={`${id}-${key}`} value={draft[key]} onChange={set(key)} spellCheck={false} />
          </Fragment>
        ))}
        <label htmlFor={`${id}-from`}>From ({zone})</label>
        <input id={`${id}-from`} type="datetime-local" step={1} value={draft.from} onChange={set('from')} />
        <label htmlFor={`${id}-to`}>To ({zone}, exclusive)</label>
        <input id={`${id}-to`} type="datetime-local" step={1} value={draft.to} onChange={set('to')} />
      </div>
      <div className="controls">
        <button type="submit">Apply</button>
        {problem !== null && (
          <p className="error" role="alert">
            {problem}
          </p>
        )}
      </div>
    </form>
  );
}

