import { useEffect, useId, useState } from 'react';
import type { EmbeddedBrokerInfo } from '../../../engine/contract/index.js';
import { useApi } from '../../api/api-context.js';
import { errorMessage, fmtCount } from '../../format.js';
import { nextArrival } from '../../store/bind-api.js';
import { selectConnection, selectWatching } from '../../store/selectors.js';
import { useStore } from '../../store/store.js';

/** Wall ms between `broker.status` reads while the view is open. */
const POLL_MS = 2_000;
const DEFAULT_PORT = '1883';
/** Listening on every interface: what a gateway on another machine needs (with a login). */
const ALL_INTERFACES = '0.0.0.0';

/** The broker's status, read every two seconds while mounted (query results stay out of the store). */
function useBrokerStatus(): { readonly info: EmbeddedBrokerInfo | null | undefined; readonly refresh: () => void; readonly error: string | null } {
  const api = useApi();
  const connection = useStore(selectConnection);
  const [info, setInfo] = useState<EmbeddedBrokerInfo | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (connection !== 'open') return;
    let live = true;
    const read = () =>
      api.queries['broker.status']().then(
        (i) => live && (setInfo(i), setError(null)),
        (err: unknown) => live && setError(errorMessage(err)),
      );
    void read();
    const t = setInterval(() => void read(), POLL_MS);
    return () => {
      live = false;
      clearInterval(t);
    };
  }, [api, connection, tick]);
  return { info, error, refresh: () => setTick((n) => n + 1) };
}

/** Start and stop the broker Linesight can run itself, and watch it in one click. */
export function EmbeddedBroker() {
  const api = useApi();
  const { info, error: readError, refresh } = useBrokerStatus();
  const watchingBrokers = useStore(selectWatching);
  const [port, setPort] = useState(DEFAULT_PORT);
  const [open, setOpen] = useState(false);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const titleId = useId();
  const portId = useId();
  const userId = useId();
  const passId = useId();
  const running = info !== null && info !== undefined;
  const watched = running && watchingBrokers.some((b) => b.url === info.url);

  const portNumber = /^\s*\d+\s*$/.test(port) ? Number(port) : NaN;
  const portProblem = Number.isInteger(portNumber) && portNumber >= 0 && portNumber <= 65535 ? null : 'the port is a whole number from 0 to 65535 (0 picks a free one)';
  const loginProblem = open && (username.trim() === '' || password === '') ? 'other machines may connect only with a user name and password' : null;

  const act = (call: () => Promise<unknown>, failed: string): void => {
    setBusy(true);
    setError(null);
    call()
      .then(refresh, (err: unknown) => setError(`${failed}: ${errorMessage(err)}`))
      .finally(() => setBusy(false));
  };

  const start = (): void =>
    act(
      () =>
        api.commands['broker.start']({
          port: portNumber,
          ...(open ? { host: ALL_INTERFACES, username: username.trim(), password } : {}),
        }),
      'The broker did not start',
    );

  const watchIt = (): void => {
    if (!running) return;
    act(
      () =>
        api.commands['session.watch']({
          brokers: [{ url: info.url, name: 'embedded', ...(info.auth ? { username: username.trim(), password } : {}) }],
        }).then((s) => useStore.getState().setInfo(s, nextArrival())),
      'The watch did not start',
    );
  };

  return (
    <section className="panel cx-embedded" aria-labelledby={titleId}>
      <h2 id={titleId}>Embedded broker</h2>
      <p className="muted">
        A broker inside Linesight, so a line’s gateway can connect straight to this PC — no plant network or plant broker needed.
      </p>
      {running ? (
        <>
          <dl className="status cx-status" aria-live="polite">
            <dt>Give the gateway</dt>
            <dd>
              <code className="cx-url">{info.url}</code>
              {info.auth ? ' (with the user name and password set here)' : ''}
            </dd>
            <dt>Clients connected</dt>
            <dd>
              {fmtCount(info.clients)}
              {watched && info.clients > 0 && <span className="muted"> (one is this session’s own watch)</span>}
            </dd>
            <dt>Messages published</dt>
            <dd>{fmtCount(info.published)}</dd>
            {(info.dropped > 0 || info.oversize > 0) && (
              <>
                <dt>Lost</dt>
                <dd className="watch-error">
                  {fmtCount(info.dropped)} dropped (a client’s queue was full), {fmtCount(info.oversize)} connections closed for an
                  oversize message
                </dd>
              </>
            )}
          </dl>
          {info.host === '127.0.0.1' && (
            <p className="muted cx-hint">Listening on this PC only (127.0.0.1): stop it and allow other machines for a gateway elsewhere.</p>
          )}
          <div className="controls">
            <button type="button" disabled={busy || watched} onClick={watchIt} aria-describedby={`${titleId}-watch`}>
              Watch it
            </button>
            <button type="button" disabled={busy} onClick={() => act(() => api.commands['broker.stop'](), 'The broker did not stop')}>
              Stop
            </button>
            <span id={`${titleId}-watch`} className="muted">
              {watched ? 'This session watches it.' : 'Watching it ends the current session.'}
            </span>
          </div>
        </>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!portProblem && !loginProblem) start();
          }}
        >
          <div className="controls">
            <label htmlFor={portId}>Port</label>
            <input id={portId} type="number" min={0} max={65535} className="cx-port" value={port} onChange={(e) => setPort(e.target.value)} />
            <label className="cx-check">
              <input type="checkbox" checked={open} onChange={(e) => setOpen(e.target.checked)} /> Let other machines connect
            </label>
          </div>
          {open && (
            <div className="controls">
              <label htmlFor={userId}>User name</label>
              <input id={userId} type="text" autoComplete="off" value={username} onChange={(e) => setUsername(e.target.value)} />
              <label htmlFor={passId}>Password</label>
              <input id={passId} type="password" autoComplete="off" value={password} onChange={(e) => setPassword(e.target.value)} />
              <span className="muted cx-hint">asked each time, never stored</span>
            </div>
          )}
          {(portProblem || loginProblem) && <p className="cx-warn">{portProblem ?? loginProblem}</p>}
          <div className="controls">
            <button type="submit" disabled={busy || info === undefined || portProblem !== null || loginProblem !== null}>
              Start
            </button>
            <span className="muted">{info === undefined ? 'Reading the broker’s state…' : 'Not running.'}</span>
          </div>
        </form>
      )}
      <div aria-live="polite">
        {(error ?? readError) && (
          <p role="alert" className="error">
            {error ?? `Cannot read the broker’s state: ${readError}`}
          </p>
        )}
      </div>
    </section>
  );
}
