import { useEffect, useState } from 'react';
import type { JournalHealth, JournalState } from '../../../engine/contract/index.js';
import { selectWatching } from '../../store/selectors.js';
import { useStore, type Store } from '../../store/store.js';
import { CHECKING_NOTICE_AFTER_MS, journalBannerLines, type BannerTime } from './journal-banner-logic.js';
import './journal-banner.css';

/** The host's journal, from whichever of the last reply and the latest frame arrived later. */
const selectHealth = (s: Store): JournalHealth | undefined => (s.frame && s.frameAt > s.infoAt ? s.frame.journal : s.info?.journal) ?? s.frame?.journal;
const selectWatchJournal = (s: Store): JournalState | undefined => selectWatching(s).find((c) => c.journal !== undefined && c.journal.state !== 'ok')?.journal;
const selectChecking = (s: Store): boolean => selectHealth(s)?.integrity === 'checking';

/**
 * Since when the console has seen the background integrity check running, and the time now:
 * redrawn once when the check has run long enough to be worth a line (and again when it ends).
 */
function useCheckingTime(checking: boolean): BannerTime {
  // set when the check has run long enough; until then the banner has no time to go by
  const [time, setTime] = useState<BannerTime>({ now: 0 });
  // a check starting or ending forgets the last one's time (while rendering: React renders again at once)
  const [seen, setSeen] = useState(checking);
  if (seen !== checking) {
    setSeen(checking);
    setTime({ now: 0 });
  }
  useEffect(() => {
    if (!checking) return undefined;
    const since = Date.now();
    const timer = setTimeout(() => setTime({ now: Date.now(), checkingSince: since }), CHECKING_NOTICE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [checking]);
  return time;
}

/**
 * The journal's trouble, above every view: a refusing journal (full, busy) whatever the session,
 * a damaged one set aside or found by the integrity check; and, quietly, a long integrity check.
 */
export function JournalBanner() {
  const watch = useStore(selectWatchJournal);
  const health = useStore(selectHealth);
  const time = useCheckingTime(useStore(selectChecking));
  const lines = journalBannerLines(watch, health, time);
  if (lines.length === 0) return null;
  // a notice alone (the check still running) is not an alarm: a polite status, not an alert
  return (
    <div className="journal-banner" role={lines.some((l) => l.tone === 'alert') ? 'alert' : 'status'}>
      {lines.map((l) => (
        <p key={l.title} className={`journal-banner-${l.tone}`}>
          <strong>{l.title}.</strong> {l.text}
        </p>
      ))}
    </div>
  );
}
