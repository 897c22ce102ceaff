import { formatDuration, type Frame, type JournalState } from '../engine/index.js';

/**
 * A frame listener that says on the terminal when a watch session's journal stops taking what
 * arrives, and when it takes it again. Acknowledgements wait for the journal, so this is the line
 * that explains a broker gone quiet; nothing is printed while all is well.
 */
export function journalNotices(out: NodeJS.WritableStream): (frame: Frame) => void {
  let session: number | null = null;
  let last: JournalState = { state: 'ok' };
  return (frame) => {
    const j = frame.watching?.[0]?.journal;
    if (frame.session !== session) {
      // a new session starts with a journal that took its first write
      session = frame.session;
      last = { state: 'ok' };
    }
    if (j === undefined || j.state === last.state) return;
    if (j.state === 'unavailable') {
      out.write(`journal unavailable: ${j.reason} — retrying; nothing is acknowledged to the broker until it is stored\n`);
    } else if (j.state === 'failed') {
      out.write(`journal unavailable: ${j.reason} — the watch stopped; what it had not stored stays with the broker for the next watch with the same client id\n`);
    } else if (last.state === 'unavailable') {
      out.write(`journal writable again after ${formatDuration(Math.max(0, Date.now() - last.since))}: ingest resumed\n`);
    }
    last = j;
  };
}
