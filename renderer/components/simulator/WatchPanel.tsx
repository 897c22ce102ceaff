import { useEffect, useState, type ReactNode } from 'react';
import type { ConnectionState, ConnectionStatus, PossibleGap } from '../../../engine/api/contract.js';
import { fmtCount } from '../../format.js';
import { selectWatching } from '../../store/selectors.js';
import { useStore } from '../../store/store.js';
import './watch-panel.css';

/** What each connection state means, in words (the dot's colour repeats it, never replaces it). */
const STATE_TEXT: Readonly<Record<ConnectionState, string>> = {
  connecting: 'connecting',
  connected: 'connected',
  reconnecting: 'reconnecting',
  offline: 'offline',
  closed: 'closed',
};

/** Wall ms between refreshes of the "for 2 min" column when no frame arrives to do it. */
const TICK_MS = 5_000;

/** Wall-clock now, refreshed every few seconds. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(t);
  }, []);
  return now;
}

/** How long a state has held, e.g. "for 40 s", "for 2 min", "for 3 h 5 min". */
export function fmtFor(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return s < 5 ? 'just now' : `for ${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `for ${m} min`;
  const h = Math.floor(m / 60);
  if (h < 24) return `for ${h} h ${m % 60} min`;
  return `for ${Math.floor(h / 24)} d ${h % 24} h`;
}

/** Wall-clock epoch ms as local HH:MM:SS (a watched broker runs on real, local time). */
const fmtClock = (ms: number): string => new Date(ms).toLocaleTimeString('en-GB', { hour12: false });

/** A possible gap in plain words. */
export function describeGap(url: string, g: PossibleGap): string {
  return `Possible gap on ${url} from ${fmtClock(g.from)} to ${fmtClock(g.to)}: ${g.why}`;
}

/** The brokers a watch session listens to: how each connection stands and where messages may be missing. */
export function WatchPanel() {
  const watching = useStore(selectWatching);
  const now = useNow();
  const gaps = watching.flatMap((b) => b.possibleGaps.map((g) => ({ url: b.url, g })));
  return (
    <section aria-labelledby="watch-title" className="panel watch-panel">
      <h2 id="watch-title">Watching live brokers</h2>
      <p className="muted">
        The session journals and monitors what the plant’s middleware publishes; nothing here is simulated.
      </p>
      {watching.length === 0 ? (
        <p className="muted">No broker reported yet.</p>
      ) : (
        <div className="table-wrap">
          <table className="gaps watch-table">
            <thead>
              <tr>
                <th scope="col">Broker</th>
                <th scope="col">State</th>
                <th scope="col">Since</th>
                <th scope="col" className="num">
                  Messages received
                </th>
                <th scope="col">Last error</th>
              </tr>
            </thead>
            <tbody>
              {watching.map((b) => (
                <BrokerRow key={b.url} b={b} now={now} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {gaps.length > 0 && (
        <ul className="watch-gaps" aria-label="Possible gaps">
          {gaps.map(({ url, g }) => (
            <li key={`${url}@${g.from}`} title={`${new Date(g.from).toISOString()} – ${new Date(g.to).toISOString()}`}>
              {describeGap(url, g)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function BrokerRow({ b, now }: { readonly b: ConnectionStatus; readonly now: number }) {
  return (
    <tr>
      <td>
        <code>{b.url}</code>
      </td>
      <td>
        <span className={`watch-state watch-${b.state}`}>
          <span className="dot" aria-hidden="true" /> {STATE_TEXT[b.state] ?? b.state}
        </span>
      </td>
      <td title={new Date(b.since).toISOString()}>{fmtFor(now - b.since)}</td>
      <td className="num">{fmtCount(b.received)}</td>
      <td className={b.lastError ? 'watch-error' : 'muted'}>{b.lastError ?? '—'}</td>
    </tr>
  );
}

/** The one line atop a workbench that says why its actions are off while the session watches a live broker. */
export function WatchingNote({ children }: { readonly children: ReactNode }) {
  return (
    <p className="watching-note" role="note">
      {children}
    </p>
  );
}
