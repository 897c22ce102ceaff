import { formatDuration, type Frame, type JournalState } from '../engine/index.js';
import { freeSpaceText } from './journal-refusal.js';

/** Which file, what kind of refusal, and the free space of its folder, when the engine knows them: " (…)" or "". */
function where(j: Exclude<JournalState, { state: 'ok' }>): string {
  const parts: string[] = [];
  if (j.cause === 'busy') parts.push('journal busy: another program holds its write lock');
  if (j.path !== undefined) parts.push(j.path);
  if (j.path !== undefined && typeof j.freeBytes === 'number') parts.push(freeSpaceText(j.path, j.freeBytes));
  return parts.length === 0 ? '' : ` (${parts.join('; ')})`;
}

/**
 * A frame listener that says on the terminal when the journal stops taking what a session writes
 * (a watch's messages, a simulation's events), and when it takes it again. A watch's
 * acknowledgements wait for the journal, so this is the line that explains a broker gone quiet;
 * nothing is printed while all is well.
 */
export function journalNotices(out: NodeJS.WritableStream): (frame: Frame) => void {
  let session: number | null = null;
  let last: JournalState = { state: 'ok' };
  let damageTold = false;
  return (frame) => {
    const watch = frame.watching?.[0]?.journal;
    // a simulation's refusal is on the host's journal (present only while it refuses)
    const j: JournalState | undefined = watch ?? frame.journal?.writes ?? (frame.session === null ? undefined : { state: 'ok' });
    const watching = watch !== undefined;
    if (frame.session !== session) {
      // a new session starts with a journal that took its first write
      session = frame.session;
      last = { state: 'ok' };
    }
    const health = frame.journal;
    if (health?.integrity === 'damaged' && !damageTold) {
      damageTold = true;
      out.write(`journal ${health.path}: the integrity check found damage — ${(health.problems ?? []).slice(0, 3).join('; ')}; export the sessions you need and start a new journal\n`);
    }
    if (j === undefined || j.state === last.state) return;
    if (j.state === 'unavailable') {
      const meanwhile = watching ? 'nothing is acknowledged to the broker until it is stored' : 'the simulation waits until it is stored';
      out.write(`journal unavailable: ${j.reason} — retrying; ${meanwhile}${where(j)}\n`);
    } else if (j.state === 'failed') {
      const after = watching ? 'the watch stopped; what it had not stored stays with the broker for the next watch with the same client id' : 'the simulation stopped; what was stored before stays in the journal';
      out.write(`journal unavailable: ${j.reason} — ${after}${where(j)}\n`);
    } else if (last.state === 'unavailable') {
      out.write(`journal writable again after ${formatDuration(Math.max(0, Date.now() - last.since))}: ${watching ? 'ingest' : 'the simulation'} resumed\n`);
    }
    last = j;
  };
}
