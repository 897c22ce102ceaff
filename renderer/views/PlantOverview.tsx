import { useMemo } from 'react';
import { NoSession } from '../components/NoSession.js';
import { useShallow } from 'zustand/react/shallow';
import { LineTile } from '../components/LineTile.js';
import { SyncGaps } from '../components/SyncGaps.js';
import { selectHasFrame, selectIsWatching, selectLineKeys } from '../store/selectors.js';
import { useStore } from '../store/store.js';

/** Group `plant/line` keys by plant, keeping the frame's order. */
function byPlant(keys: readonly string[]): [string, string[]][] {
  const groups = new Map<string, string[]>();
  for (const key of keys) {
    const plant = key.slice(0, key.indexOf('/'));
    const list = groups.get(plant);
    if (list) list.push(key);
    else groups.set(plant, [key]);
  }
  return [...groups];
}

/** One tile per line, grouped by plant; each tile subscribes to its own line. */
export function PlantOverview() {
  const keys = useStore(useShallow(selectLineKeys));
  const hasFrame = useStore(selectHasFrame);
  const watching = useStore(selectIsWatching);
  const plants = useMemo(() => byPlant(keys), [keys]);
  return (
    <div className="view">
      <h1>Plant overview</h1>
      {!hasFrame && (
        <NoSession then="and its lines appear here" />
      )}
      {hasFrame && plants.length === 0 && (
        <p className="empty">
          {watching
            ? 'No line has sent anything yet. To see a connection\'s lines from the start, idle until they work, name them in its connections file (lines: [PLANT/LINE, …]).'
            : 'The running session has no lines.'}
        </p>
      )}
      {plants.length > 0 && (
        <p className="muted">A line with no order in process is marked idle, with since when (UTC: plant time is not shown yet).</p>
      )}
      {plants.map(([plant, lineKeys]) => (
        <section key={plant} aria-label={`Plant ${plant}`} className="plant">
          <h2>Plant {plant}</h2>
          <div className="tiles">
            {lineKeys.map((k) => (
              <LineTile key={k} lineKey={k} />
            ))}
          </div>
        </section>
      ))}
      {hasFrame && <SyncGaps />}
    </div>
  );
}
