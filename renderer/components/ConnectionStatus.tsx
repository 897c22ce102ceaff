import { selectConnection, selectWatching } from '../store/selectors.js';
import { useStore, type Store } from '../store/store.js';
import { JournalBanner } from './journal/JournalBanner.js';
import { journalNotice } from './journal/journal-banner-logic.js';

export { journalNotice };

const TEXT = { open: 'Connected', connecting: 'Connecting…', closed: 'Disconnected — retrying' } as const;

// strings, so a frame that changes nothing re-renders nothing
export const selectJournalNotice = (s: Store): string | null => journalNotice(selectWatching(s)[0]?.journal);
export const selectJournalDetail = (s: Store): string | null => journalNotice(selectWatching(s)[0]?.journal, true);

/** Whether the engine host is reachable, in words (with a colour cue); and a watch's journal trouble, seen from every view. */
export function ConnectionStatus() {
  const connection = useStore(selectConnection);
  const journal = useStore(selectJournalNotice);
  return (
    <>
      <p className={`conn conn-${connection}`} role="status">
        <span className="dot" aria-hidden="true" />
        {TEXT[connection]}
        {journal && <strong className="watch-error">{journal}</strong>}
      </p>
      <JournalBanner />
    </>
  );
}
