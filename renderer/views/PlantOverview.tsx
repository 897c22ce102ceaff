import { useId, useMemo, useState } from 'react';
import { FirstScreen, selectNotStarted } from '../components/first-screen/FirstScreen.js';
import { useShallow } from 'zustand/react/shallow';
import type { LineStats, PlantInfo } from '../../engine/contract/index.js';
import { LineTile } from '../components/LineTile.js';
import { SyncGaps } from '../components/SyncGaps.js';
import { attentionKeys, groupOverview, overviewLines, type OverviewGroup } from '../overview-groups.js';
import { selectHasFrame, selectIsWatching, selectLineKeys } from '../store/selectors.js';
import { useStore, type Store } from '../store/store.js';
import { useProgressive } from '../use-progressive.js';
import './plant-overview.css';

const NO_PLANTS: readonly PlantInfo[] = [];
const selectPlants = (s: Store): readonly PlantInfo[] => s.info?.scenario?.plants ?? NO_PLANTS;
const NO_LINES: readonly LineStats[] = [];
const selectAttention = (s: Store): string[] => attentionKeys(s.frame?.lines ?? NO_LINES);

/** A plant's heading: its id and name, time zone and kind, and how many of its lines need attention. */
function heading(g: OverviewGroup): string {
  const name = g.name ? `Plant ${g.plant} · ${g.name}` : `Plant ${g.plant}`;
  return g.timeZone ? `${name} (${g.timeZone})` : name;
}

/** One tile per line, grouped by plant with lines needing attention first, and a filter; each tile subscribes to its own line. */
export function PlantOverview() {
  const keys = useStore(useShallow(selectLineKeys));
  const attention = useStore(useShallow(selectAttention));
  const plantInfo = useStore(selectPlants);
  const hasFrame = useStore(selectHasFrame);
  const watching = useStore(selectIsWatching);
  const notStarted = useStore(selectNotStarted);
  const [text, setText] = useState('');
  const [attentionOnly, setAttentionOnly] = useState(false);
  const groups = useMemo(() => groupOverview(overviewLines(attention), plantInfo, { text, attentionOnly }), [attention, plantInfo, text, attentionOnly]);
  const filterId = useId();
  const shown = groups.reduce((n, g) => n + g.keys.length, 0);
  // tiles mount a few per task (opening the overview of thirty lines is no long task), top first
  const mounted = useProgressive(shown);
  // where each group's tiles start in the whole list
  const starts = useMemo(() => groups.map((_, i) => groups.slice(0, i).reduce((n, g) => n + g.keys.length, 0)), [groups]);
  const filtering = text.trim() !== '' || attentionOnly;
  return (
    <div className="view">
      <h1>Plant overview</h1>
      {/* no session, or one paused at its start with no event yet (npm start's): offer the scenarios */}
      {notStarted && <FirstScreen />}
      {hasFrame && keys.length === 0 && (
        <p className="empty">
          {watching
            ? 'No line has sent anything yet. To see a connection\'s lines from the start, idle until they work, name them in its connections file (lines: [PLANT/LINE, …]).'
            : 'The running session has no lines.'}
        </p>
      )}
      {keys.length > 0 && (
        <>
          <p className="muted">
            A line with no order in process is marked idle, with since when in the plant’s time (Preferences switch to UTC). Within each plant, lines with open gaps or exceptions come first.
          </p>
          <form className="overview-filter" role="search" aria-label="Filter lines" onSubmit={(e) => e.preventDefault()}>
            <label htmlFor={filterId}>Filter</label>
            <input
              id={filterId}
              type="search"
              placeholder="plant, line or product"
              value={text}
              onChange={(e) => setText(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape') setText('');
              }}
            />
            <label className="overview-toggle">
              <input type="checkbox" checked={attentionOnly} onChange={(e) => setAttentionOnly(e.target.checked)} /> Needs attention only
            </label>
            <span className="muted" aria-live="polite">
              {filtering ? `${shown} of ${keys.length} lines` : `${keys.length} lines`}
            </span>
          </form>
        </>
      )}
      {keys.length > 0 && groups.length === 0 && <p className="empty">No line matches the filter.</p>}
      {groups.map((g, i) => {
        const from = starts[i] ?? 0;
        return (
          <section key={g.plant} aria-label={`Plant ${g.plant}`} className="plant">
            <h2>
              {heading(g)}
              <span className="plant-count">
                {g.attention > 0 ? `${g.attention} of ${g.total} ${g.total === 1 ? 'line needs' : 'lines need'} attention` : `${g.total} ${g.total === 1 ? 'line' : 'lines'}, none needs attention`}
              </span>
            </h2>
            <div className="tiles">
              {(from + g.keys.length <= mounted ? g.keys : g.keys.slice(0, Math.max(0, mounted - from))).map((k) => (
                <LineTile key={k} lineKey={k} />
              ))}
            </div>
          </section>
        );
      })}
      {hasFrame && !notStarted && mounted >= shown && <SyncGaps />}
    </div>
  );
}
