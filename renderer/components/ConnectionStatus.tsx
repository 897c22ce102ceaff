import { selectConnection } from '../store/selectors.js';
import { useStore } from '../store/store.js';

const TEXT = { open: 'Connected', connecting: 'Connecting…', closed: 'Disconnected — retrying' } as const;

/** Whether the engine host is reachable, in words (with a colour cue). */
export function ConnectionStatus() {
  const connection = useStore(selectConnection);
  return (
    <p className={`conn conn-${connection}`} role="status">
      <span className="dot" aria-hidden="true" />
      {TEXT[connection]}
    </p>
  );
}
