import { useId, useState } from 'react';
import type { AnyEvent } from '../../../engine/contract/index.js';
import type { Store } from '../../store/store.js';
import { useStore } from '../../store/store.js';

/** Most events offered; the frame's tail holds at most 50. */
const MAX_OPTIONS = 50;

type Props = {
  /** the event types that may be injected */
  readonly injectable: ReadonlySet<string>;
  readonly onPick: (event: AnyEvent) => void;
};

/** The business key identifies the transaction (and usually names the order); a non-simulated origin is worth knowing. */
const label = (e: AnyEvent): string => `${e.type} · ${e.businesskey}${e.origin === 'simulated' ? '' : ` (${e.origin})`}`;

/**
 * "Start from a recent event": injectable events from the live tail, newest first. The list is a
 * snapshot taken when asked, so options do not shift under the user ten times a second.
 */
export function RecentEventPicker({ injectable, onPick }: Props) {
  const [snapshot, setSnapshot] = useState<readonly AnyEvent[]>(() => recent(useStore.getState(), injectable));
  const [chosen, setChosen] = useState('');
  const selectId = useId();
  const event = snapshot.find((e) => e.id === chosen) ?? snapshot[0];
  return (
    <div className="controls inj-recent">
      <label htmlFor={selectId}>Start from a recent event</label>
      <select id={selectId} value={event?.id ?? ''} disabled={snapshot.length === 0} onChange={(e) => setChosen(e.target.value)}>
        {snapshot.length === 0 && <option value="">No injectable event yet</option>}
        {snapshot.map((e) => (
          <option key={e.id} value={e.id}>
            {label(e)}
          </option>
        ))}
      </select>
      <button type="button" disabled={!event} onClick={() => event && onPick(event)}>
        Use this event
      </button>
      <button type="button" onClick={() => setSnapshot(recent(useStore.getState(), injectable))}>
        Refresh list
      </button>
    </div>
  );
}

function recent(s: Store, injectable: ReadonlySet<string>): readonly AnyEvent[] {
  const tail = s.frame?.tail ?? [];
  return tail
    .filter((e) => injectable.has(e.type))
    .reverse()
    .slice(0, MAX_OPTIONS);
}
