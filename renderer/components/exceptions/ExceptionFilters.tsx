import { useId } from 'react';
import type { ExceptionCategory, ExceptionView } from '../../../engine/contract/index.js';
import { EXCEPTION_LABELS } from '../../labels.js';
import { categoryCounts, countBy, lineOf, type ExceptionFilter } from './exception-filter.js';

// the renderer may not import model/ at runtime, so the categories come from their labels
const CATEGORIES = Object.keys(EXCEPTION_LABELS) as ExceptionCategory[];

type Props = {
  readonly list: readonly ExceptionView[];
  readonly filter: ExceptionFilter;
  readonly onChange: (filter: ExceptionFilter) => void;
};

/** Category chips with their counts, and selects for line and message type. */
export function ExceptionFilters({ list, filter, onChange }: Props) {
  const counts = categoryCounts(list, filter);
  const underOthers = [...counts.values()].reduce((a, b) => a + b, 0);
  const lineId = useId();
  const typeId = useId();
  const lines = countBy(list, lineOf);
  const types = countBy(list, (e) => e.messageType);
  return (
    <div className="xq-filters">
      <div role="group" aria-label="Category" className="xq-chips">
        <Chip pressed={filter.category === null} label="All" count={underOthers} onClick={() => onChange({ ...filter, category: null })} />
        {CATEGORIES.map((c) => (
          <Chip
            key={c}
            pressed={filter.category === c}
            label={EXCEPTION_LABELS[c] ?? c}
            count={counts.get(c) ?? 0}
            onClick={() => onChange({ ...filter, category: filter.category === c ? null : c })}
          />
        ))}
      </div>
      <label htmlFor={lineId}>Line</label>
      <select id={lineId} value={filter.line ?? ''} onChange={(e) => onChange({ ...filter, line: e.target.value || null })}>
        <option value="">All lines</option>
        <Options entries={lines} current={filter.line} />
      </select>
      <label htmlFor={typeId}>Message type</label>
      <select id={typeId} value={filter.messageType ?? ''} onChange={(e) => onChange({ ...filter, messageType: e.target.value || null })}>
        <option value="">All types</option>
        <Options entries={types} current={filter.messageType} />
      </select>
    </div>
  );
}

function Chip({ pressed, label, count, onClick }: { readonly pressed: boolean; readonly label: string; readonly count: number; readonly onClick: () => void }) {
  return (
    <button type="button" className="xq-chip" aria-pressed={pressed} onClick={onClick}>
      {label} <span className="xq-count">{count}</span>
    </button>
  );
}

/**
 * The values present in the queue with their counts; a chosen value that has left the queue stays
 * listed (with 0) so the select never shows a value it has no option for.
 */
function Options({ entries, current }: { readonly entries: readonly (readonly [string, number])[]; readonly current: string | null }) {
  const all = current !== null && !entries.some(([v]) => v === current) ? [...entries, [current, 0] as const] : entries;
  return all.map(([value, n]) => (
    <option key={value} value={value}>
      {value} ({n})
    </option>
  ));
}
