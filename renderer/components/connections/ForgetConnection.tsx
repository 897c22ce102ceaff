import { useState } from 'react';
import { useApi } from '../../api/api-context.js';
import { errorMessage } from '../../format.js';

/**
 * "Forget this connection": stop watching it and end the session it keeps on its broker, so the
 * broker stops queueing for it. Asks first: what the broker queued for it is dropped.
 */
export function ForgetConnection({ connection }: { readonly connection: string }) {
  const api = useApi();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!asking) {
    return (
      <button type="button" className="cx-block cx-forget" onClick={() => setAsking(true)}>
        Forget…
      </button>
    );
  }
  const forget = () => {
    setBusy(true);
    setError(null);
    api.commands['connections.forget']({ connection }).then(
      () => setAsking(false),
      (err: unknown) => setError(errorMessage(err)),
    ).finally(() => setBusy(false));
  };
  return (
    <div role="group" aria-label={`Forget ${connection}`} className="cx-block cx-forget">
      <p className="cx-tight">Stop watching and end its session on the broker? What the broker queued for it is dropped.</p>
      <button type="button" disabled={busy} onClick={forget}>
        Forget {connection}
      </button>{' '}
      <button type="button" disabled={busy} onClick={() => setAsking(false)}>
        Cancel
      </button>
      {error && (
        <p role="alert" className="error cx-tight">
          Not forgotten: {error}
        </p>
      )}
    </div>
  );
}
