import type { JournalHealth, JournalState } from '../../../engine/api/contract.js';
import { selectWatching } from '../../store/selectors.js';
import { useStore, type Store } from '../../store/store.js';
import { journalBannerLines } from './journal-banner-logic.js';
import './journal-banner.css';

/** The host's journal, from whichever of the last reply and the latest frame arrived later. */
const selectHealth = (s: Store): JournalHealth | undefined => (s.frame && s.frameAt > s.infoAt ? s.frame.journal : s.info?.journal) ?? s.frame?.journal;
const selectWatchJournal = (s: Store): JournalState | undefined => selectWatching(s).find((c) => c.journal !== undefined && c.journal.state !== 'ok')?.journal;

/** The journal's trouble, above every view: a refusing journal (full, busy), a damaged one set aside or found by the integrity check. */
export function JournalBanner() {
  const watch = useStore(selectWatchJournal);
  const health = useStore(selectHealth);
  const lines = journalBannerLines(watch, health);
  if (lines.length === 0) return null;
  return (
    <div className="journal-banner" role="alert">
      {lines.map((l) => (
        <p key={l.title} className={`journal-banner-${l.tone}`}>
          <strong>{l.title}.</strong> {l.text}
        </p>
      ))}
    </div>
  );
}
