import type { JournalState } from '../../engine/api/contract.js';
import { selectConnection, selectWatching } from '../store/selectors.js';
import { useStore, type Store } from '../store/store.js';

const TEXT = { open: 'Connected', connecting: 'Connecting…', closed: 'Disconnected — retrying' } as const;

/** A watch session's journal trouble in words (`detail`: and what it means), or null while it takes what arrives. */
export function journalNotice(j: JournalState | undefined, detail = false): string | null {
  if (j === undefined || j.state === 'ok') return null;
  const text = `journal unavailable: ${j.reason}`;
  if (!detail) return text;
  return j.state === 'failed'
    ? `${text} — the watch stopped; what it had not stored was not acknowledged, so the broker keeps it for the next watch`
    : `${text} — retrying; nothing is acknowledged to the broker until it is stored`;
}
// strings, so a frame that changes nothing re-renders nothing
export const selectJournalNotice = (s: Store): string | null => journalNotice(selectWatching(s)[0]?.journal);
export const selectJournalDetail = (s: Store): string | null => journalNotice(selectWatching(s)[0]?.journal, true);

/** Whether the engine host is reachable, in words (with a colour cue); and a watch's journal trouble, seen from every view. */
export function ConnectionStatus() {
  const connection = useStore(selectConnection);
  const journal = useStore(selectJournalNotice);
  return (
    <p className={`conn conn-${connection}`} role="status">
      <span className="dot" aria-hidden="true" />
      {TEXT[connection]}
      {journal && <strong className="watch-error">{journal}</strong>}
    </p>
  );
}
