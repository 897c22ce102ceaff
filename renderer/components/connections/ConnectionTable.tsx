import { useEffect, useState } from 'react';
import type { ConnectionState, ConnectionStatus, DataGap, PossibleGap, SparkplugNodeStatus } from '../../../engine/contract/index.js';
import { fmtCount } from '../../format.js';
import { ForgetConnection } from './ForgetConnection.js';
import { describeOutage, outageRange, recentOutages } from './outage-list.js';
import { currentPreference } from '../../time/display-state.js';
import { formatInstant } from '../../time/plant-time.js';
import '../simulator/watch-panel.css';
import './connections.css';

/** What each connection state means, in words (the dot's colour repeats it, never replaces it). */
const STATE_TEXT: Readonly<Record<ConnectionState, string>> = {
  connecting: 'connecting',
  connected: 'connected',
  reconnecting: 'reconnecting',
  offline: 'offline',
  'in-use': 'client id in use',
  closed: 'closed',
};

/** How long the broker keeps a connection's session after it disconnects, in words. */
export function describeSession(expiry: ConnectionStatus['sessionExpiry']): string {
  if (expiry === null) return 'no session kept on the broker';
  if (expiry === 'broker') return 'session kept on the broker (as long as the broker keeps sessions)';
  if (expiry % 3600 === 0) return `session kept on the broker ${expiry / 3600} h after a disconnect`;
  if (expiry % 60 === 0) return `session kept on the broker ${expiry / 60} min after a disconnect`;
  return `session kept on the broker ${expiry} s after a disconnect`;
}

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

/**
 * Wall-clock epoch ms as HH:MM:SS: this machine's local time (a watched broker runs on real time; the
 * connection's plant zone is not in its status yet), or `HH:MM:SS UTC` when the viewer chose UTC.
 */
export const fmtClock = (ms: number): string =>
  currentPreference().time === 'utc' ? formatInstant(ms, 'UTC', { date: false }, 'en-GB') : new Date(ms).toLocaleTimeString('en-GB', { hour12: false });

/** A possible gap in plain words. */
export function describeGap(url: string, g: PossibleGap): string {
  return `Possible gap on ${url} from ${fmtClock(g.from)} to ${fmtClock(g.to)}: ${g.why}`;
}

/** A jump in a source's sequence (or a Sparkplug node's seq) in plain words. */
export const describeDataGap = (g: DataGap): string => `Possible data gap on ${g.source}: ${g.why}`;

/** A Sparkplug node's or device's name: group/edge node[/device]. */
const nodeName = (n: SparkplugNodeStatus): string => `${n.group}/${n.edgeNode}${n.device ? `/${n.device}` : ''}`;

/** The connections a watch session listens to: state, traffic, publishing, and where data may be missing. */
export function ConnectionTable({ connections }: { readonly connections: readonly ConnectionStatus[] }) {
  const now = useNow();
  const gaps = connections.flatMap((b) => b.possibleGaps.map((g) => ({ url: b.url, g })));
  // each connection's newest few outages, newest first (the journal keeps every one)
  const outages = connections.filter((b) => b.outages.length > 0).map((b) => ({ name: b.name, url: b.url, ...recentOutages(b.outages) }));
  const dataGaps = connections.flatMap((b) => b.dataGaps.map((g) => ({ name: b.name, g })));
  const nodes = connections.flatMap((b) => b.nodes.map((n) => ({ name: b.name, n })));
  const several = connections.length > 1;
  if (connections.length === 0) return <p className="muted">No broker reported yet.</p>;
  return (
    <>
      <div className="table-wrap">
        <table className="gaps watch-table">
          <thead>
            <tr>
              <th scope="col">Connection</th>
              <th scope="col">State</th>
              <th scope="col">Since</th>
              <th scope="col" className="num">
                Messages received
              </th>
              <th scope="col">Publishing</th>
              <th scope="col">Last error</th>
            </tr>
          </thead>
          <tbody>
            {connections.map((b) => (
              <ConnectionRow key={b.name} b={b} now={now} />
            ))}
          </tbody>
        </table>
      </div>
      {gaps.length > 0 && (
        <ul className="watch-gaps" aria-label="Possible gaps">
          {gaps.map(({ url, g }) => (
            <li key={`${url}@${g.from}`} title={`${new Date(g.from).toISOString()} – ${new Date(g.to).toISOString()}`}>
              {describeGap(url, g)}
            </li>
          ))}
        </ul>
      )}
      {outages.length > 0 && (
        <ul className="watch-gaps" aria-label="Outages">
          {outages.map(({ name, url, shown, earlier }) => [
            ...shown.map((o) => (
              <li key={`${name}@${o.from}`} title={outageRange(o)} className={o.to === null ? 'cx-down' : undefined}>
                {describeOutage(url, o, now, fmtClock)}
              </li>
            )),
            earlier > 0 && (
              <li key={`${name}@earlier`} className="muted">
                and {fmtCount(earlier)} earlier {earlier === 1 ? 'outage' : 'outages'} on {url} (all of them are in the session’s reconciliation report)
              </li>
            ),
          ])}
        </ul>
      )}
      {dataGaps.length > 0 && (
        <ul className="watch-gaps" aria-label="Possible data gaps">
          {dataGaps.map(({ name, g }) => (
            <li key={`${name}@${g.source}@${g.atMs}@${g.from ?? ''}`} title={`noticed ${new Date(g.atMs).toISOString()}`}>
              {describeDataGap(g)}
              {several && <span className="muted"> ({name})</span>} <span className="muted">· noticed {fmtClock(g.atMs)}</span>
            </li>
          ))}
        </ul>
      )}
      {nodes.length > 0 && (
        <div className="table-wrap cx-nodes">
          <table className="gaps" aria-label="Sparkplug nodes">
            <thead>
              <tr>
                <th scope="col">Sparkplug node</th>
                {several && <th scope="col">Connection</th>}
                <th scope="col">State</th>
                <th scope="col">Since</th>
                <th scope="col" className="num">
                  Last seq
                </th>
                <th scope="col" className="num">
                  bdSeq
                </th>
              </tr>
            </thead>
            <tbody>
              {nodes.map(({ name, n }) => (
                <tr key={`${name}/${nodeName(n)}`} className={n.state === 'stale' ? 'cx-stale-row' : undefined}>
                  <td>
                    <code>{nodeName(n)}</code>
                  </td>
                  {several && <td>{name}</td>}
                  <td>
                    {n.state === 'stale' ? (
                      <strong className="cx-stale" title="its death certificate came, or the broker reported it gone: its data is old">
                        <span className="dot" aria-hidden="true" /> STALE
                      </strong>
                    ) : (
                      <span className="watch-state watch-connected">
                        <span className="dot" aria-hidden="true" /> online
                      </span>
                    )}
                  </td>
                  <td title={new Date(n.since).toISOString()}>{fmtFor(now - n.since)}</td>
                  <td className="num">{n.lastSeq ?? '—'}</td>
                  <td className="num">{n.bdSeq ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function ConnectionRow({ b, now }: { readonly b: ConnectionStatus; readonly now: number }) {
  const p = b.publish;
  return (
    <tr>
      <td>
        {b.name !== b.url && <span className="cx-name">{b.name}</span>}
        <code>{b.url}</code>
        {b.mappings && <span className="muted cx-hint cx-block">mappings: {b.mappings}</span>}
        <span className="muted cx-hint cx-block">
          client id <code>{b.clientId}</code> · {describeSession(b.sessionExpiry)}
        </span>
        {b.sessionExpiry !== null && b.state !== 'closed' && <ForgetConnection connection={b.name} />}
      </td>
      <td>
        <span className={`watch-state watch-${b.state}`}>
          <span className="dot" aria-hidden="true" /> {STATE_TEXT[b.state] ?? b.state}
        </span>
      </td>
      <td title={new Date(b.since).toISOString()}>{fmtFor(now - b.since)}</td>
      <td className="num">{fmtCount(b.received)}</td>
      <td>
        {p === null ? (
          <span className="muted">subscribe-only</span>
        ) : (
          <>
            <span className="cx-block">
              may publish under{' '}
              {p.allow.map((a, i) => (
                <span key={a}>
                  {i > 0 && ', '}
                  <code>{a}</code>
                </span>
              ))}
            </span>
            <span className="cx-block">
              {fmtCount(p.delivered)} delivered, {fmtCount(p.pending)} pending
            </span>
            {p.lastError && <span className="cx-block watch-error">{p.lastError}</span>}
          </>
        )}
      </td>
      <td className={b.lastError ? 'watch-error' : 'muted'}>{b.lastError ?? '—'}</td>
    </tr>
  );
}
