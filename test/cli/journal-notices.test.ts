import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { journalNotices } from '../../cli/journal-notices.js';
import type { ConnectionStatus, Frame, JournalState } from '../../engine/index.js';

/** A frame of session `session` whose one watched connection reports `journal`. */
const frame = (session: number, journal: JournalState | undefined): Frame =>
  ({ session, watching: [{ name: 'edge', url: 'mqtt://edge', ...(journal ? { journal } : {}) } as unknown as ConnectionStatus] }) as unknown as Frame;

function terminal() {
  let text = '';
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  return { out, lines: () => text.split('\n').filter((l) => l !== '') };
}

const FULL = 'database or disk is full (SQLITE_FULL)';
const down = (retries: number): JournalState => ({ state: 'unavailable', reason: FULL, since: Date.now() - 12_000, retries });

describe('journal notices on the terminal (linesight serve)', () => {
  it('says once when the journal stops taking writes, and once when it takes them again', () => {
    const t = terminal();
    const notice = journalNotices(t.out);
    notice(frame(1, { state: 'ok' }));
    notice(frame(1, down(0)));
    notice(frame(1, down(1)));
    notice(frame(1, down(2)));
    notice(frame(1, { state: 'ok' }));
    expect(t.lines()).toEqual([
      `journal unavailable: ${FULL} — retrying; nothing is acknowledged to the broker until it is stored`,
      expect.stringMatching(/^journal writable again after 1\d(\.\d+)?s: ingest resumed$/),
    ]);
  });

  it('says when the watch stopped over it, and nothing for a simulation or a later healthy session', () => {
    const t = terminal();
    const notice = journalNotices(t.out);
    notice(frame(1, undefined));
    notice(frame(2, down(0)));
    notice(frame(2, { state: 'failed', reason: FULL, since: Date.now() }));
    notice(frame(3, { state: 'ok' }));
    expect(t.lines()).toEqual([
      `journal unavailable: ${FULL} — retrying; nothing is acknowledged to the broker until it is stored`,
      `journal unavailable: ${FULL} — the watch stopped; what it had not stored stays with the broker for the next watch with the same client id`,
    ]);
  });

  it('says it for a simulation too, from the host journal’s refused writes', () => {
    const t = terminal();
    const notice = journalNotices(t.out);
    const sim = (writes: JournalState | undefined): Frame =>
      ({ session: 4, journal: { path: '/plant/linesight.db', integrity: 'ok', ...(writes ? { writes } : {}) } }) as unknown as Frame;
    notice(sim(undefined));
    notice(sim(down(0)));
    notice(sim(down(3)));
    notice(sim(undefined));
    expect(t.lines()).toEqual([
      `journal unavailable: ${FULL} — retrying; the simulation waits until it is stored`,
      expect.stringMatching(/^journal writable again after 1\d(\.\d+)?s: the simulation resumed$/),
    ]);
  });
});
