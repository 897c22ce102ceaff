import { useRef } from 'react';
import { useViewport } from '../use-viewport.js';
import type { TreeRow } from './topic-tree.js';

/** Every row is this tall (px; matches `.tp-row` in topics.css): windowing relies on it. */
export const TOPIC_ROW_HEIGHT = 26;
const OVERSCAN = 10;

type Props = {
  readonly rows: readonly TreeRow[];
  readonly selected: string | null;
  readonly now: number;
  readonly onSelect: (row: TreeRow) => void;
  readonly onToggle: (row: TreeRow) => void;
};

/** "12 s ago" from epoch ms. */
export function ago(at: number, now: number): string {
  const s = Math.max(0, Math.round((now - at) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  return `${Math.floor(s / 3600)} h ago`;
}

/**
 * The topic tree, windowed by hand like the event browser: only the rows in view (plus `OVERSCAN`)
 * are in the DOM, each placed at `index × TOPIC_ROW_HEIGHT` in a spacer as tall as all rows.
 */
export function TopicTree({ rows, selected, now, onSelect, onToggle }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const { scrollTop, height, onScroll } = useViewport(scroller);
  const first = Math.max(0, Math.floor(scrollTop / TOPIC_ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length - 1, Math.floor(scrollTop / TOPIC_ROW_HEIGHT) + Math.ceil(height / TOPIC_ROW_HEIGHT) + OVERSCAN);
  const shown = rows.slice(first, last + 1);
  return (
    <div className="tp-tree" ref={scroller} onScroll={onScroll} role="tree" aria-label="Topics" tabIndex={-1}>
      <div className="tp-spacer" style={{ height: rows.length * TOPIC_ROW_HEIGHT }}>
        {shown.map((r, k) => {
          const t = r.topic;
          const isSelected = r.key === selected;
          return (
            <div
              key={r.key}
              role="treeitem"
              aria-level={r.depth + 1}
              aria-selected={isSelected}
              aria-expanded={r.hasChildren ? !r.collapsed : undefined}
              className={`tp-row${isSelected ? ' selected' : ''}${t ? ' has-topic' : ''}`}
              style={{ top: (first + k) * TOPIC_ROW_HEIGHT, paddingLeft: 6 + r.depth * 14 }}
              title={t ? `${r.connection} · ${t.topic}` : r.path || r.connection}
              onClick={() => (t ? onSelect(r) : r.hasChildren && onToggle(r))}
            >
              <button
                type="button"
                className="tp-twist"
                aria-label={r.collapsed ? `Expand ${r.label}` : `Collapse ${r.label}`}
                hidden={!r.hasChildren}
                onClick={(e) => {
                  e.stopPropagation();
                  onToggle(r);
                }}
              >
                {r.collapsed ? '▸' : '▾'}
              </button>
              <span className="tp-label">{r.label}</span>
              {t ? (
                <span className="tp-stats">
                  {t.retained && (
                    <abbr className="tp-flag" title="the last message came as a retained message">
                      R
                    </abbr>
                  )}
                  <span className="tp-qos" title="QoS of the last message">
                    Q{t.qos}
                  </span>
                  <span className={`tp-outcome ${t.outcome}`} title={`the last message: ${t.outcome}`} />
                  <span className="tp-count" title={`${t.count} messages · ${t.ratePerMin} in the last minute`}>
                    {t.count} · {t.ratePerMin}/min
                  </span>
                  <span className="tp-when">{ago(t.lastAt, now)}</span>
                </span>
              ) : (
                <span className="tp-stats">
                  <span className="tp-count">{r.total}</span>
                </span>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
