import type { Store } from '../../store/store.js';
import { useStore } from '../../store/store.js';
import { RecentSessions } from './RecentSessions.js';
import { ScenarioCards } from './ScenarioCards.js';
import './first-screen.css';

/**
 * A session that has not run yet: none at all, or a simulation paused at its start with no event
 * (what `npm start` and the desktop app open with). Not a watch of brokers, not a replay.
 */
export const selectNotStarted = (s: Store): boolean => {
  const live = s.frame && s.frameAt > s.infoAt ? s.frame : s.info;
  if (!live || live.status === 'idle') return true;
  return live.status === 'paused' && live.events === 0 && live.watching === null && !s.info?.replay;
};

/**
 * The console's first screen: the bundled scenarios as cards (what each shows, and Start), beside
 * the recent sessions. Starting a card runs it fast and opens Sync gaps, where its gaps appear.
 */
export function FirstScreen() {
  const paused = useStore((s) => s.info !== null && s.info.status === 'paused');
  const scenario = useStore((s) => s.info?.scenario?.name ?? null);
  return (
    <div className="first-screen">
      <p className="first-screen-lead">
        {paused && scenario
          ? `The session “${scenario}” is paused at its start: press Play under `
          : 'No session yet. Start a scenario below, or under '}
        <a href="#/simulator">Simulator control</a>
        {paused && scenario ? ', or start another scenario below.' : ' to pick its speed and length.'}
      </p>
      <div className="first-screen-grid">
        <ScenarioCards />
        <RecentSessions />
      </div>
    </div>
  );
}
