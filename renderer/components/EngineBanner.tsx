import { useEffect, useRef, useState } from 'react';
import { engineBridgeOf, engineStateOf, reloadDue, restartEngine, type EngineState } from '../api/engine-bridge.js';
import { ipcBridge } from '../api/ipc.js';
import './journal/journal-banner.css';

/** What the banner shows: the engine's state, and why it last stopped (kept while it restarts). */
type Shown = { readonly state: EngineState; readonly reason: string; readonly failed?: string };

/**
 * The desktop app's engine process stopped (a crash of SQLite or a native module ends that process,
 * not the window): why, and a button that starts it again on the same journal. Once it runs again
 * the page reloads, so the console shows the new engine and nothing of the old one. Nothing in the
 * browser host, whose engine is `linesight serve` (its connection status says when it is gone).
 */
export function EngineBanner() {
  const [engine] = useState(() => engineBridgeOf(ipcBridge()));
  const [shown, setShown] = useState<Shown>();
  const last = useRef<EngineState>(undefined);

  useEffect(() => {
    if (!engine) return undefined;
    return engine.onState((value) => {
      const next = engineStateOf(value);
      if (!next) return;
      const reload = reloadDue(last.current, next);
      last.current = next;
      if (reload) window.location.reload();
      else setShown((s) => ({ state: next, reason: next.state === 'stopped' ? next.reason : (s?.reason ?? '') }));
    });
  }, [engine]);

  if (!engine || shown === undefined || shown.state.state === 'running') return null;
  const starting = shown.state.state === 'starting';
  const restart = () => {
    setShown((s) => s && { state: { state: 'starting' }, reason: s.reason });
    restartEngine(engine).then(
      (after) => {
        if (after.state === 'running') window.location.reload();
        else if (after.state === 'stopped') setShown({ state: after, reason: after.reason });
      },
      (err: unknown) => {
        const failed = err instanceof Error ? err.message : String(err);
        setShown((s) => s && { state: { state: 'stopped', reason: s.reason }, reason: s.reason, failed });
      },
    );
  };
  return (
    <div className="journal-banner" role="alert">
      <p className="journal-banner-alert">
        <strong>Engine stopped:</strong> {shown.reason}{' '}
        <button type="button" onClick={restart} disabled={starting}>
          {starting ? 'Restarting engine…' : 'Restart engine'}
        </button>
        {shown.failed && <> The restart failed: {shown.failed}</>}
      </p>
    </div>
  );
}
