import { useEffect, useState } from 'react';
import type { JournalHealth, JournalState } from '../../../engine/api/contract.js';
import { selectWatching } from '../../store/selectors.js';
import { useStore, type Store } from '../../store/store.js';
import { CHECKING_NOTICE_AFTER_MS, checkingSinceAt, journalBannerLines } from './journal-banner-logic.js';
import './journal-banner.css';

/** The host's journal, from whichever of the last reply and the latest frame arrived later. */
const selectHealth = (s: Store): JournalHealth | undefined => (s.frame && s.frameAt > s.infoAt ? s.frame.journal : s.info?.journal) ?? s.frame?.journal;
const selectWatchJournal = (s: Store): JournalState | undefined => selectWatching(s).find((c) => c.journal !== undefined && c.journal.state !== 'ok')?.journal;
const selectChecking = (s: Store): boolean => selectHealth(s)?.integrity === 'checking';

/**
 * Since when the console has seen the background integrity check running, and the time now:
 * redrawn once when the check has run long enough to be worth a line (and again when it ends).
 */
function useCheckingTime(checking: boolean): { now: number; checkingSince: number | undefined } {
  const [since, setSince] = useState<number | undefined>(undefined);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = Date.now();
    setSince((prev) => checkingSinceAt(prev, checking, t));
    setNow(t);
    if (!checking) return undefined;
    const timer = setTimeout(() => setNow(Date.now()), CHECKING_NOTICE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [checking]);
  return { now, checkingSince: since };
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
