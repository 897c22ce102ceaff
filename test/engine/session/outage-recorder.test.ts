import { describe, expect, it } from 'vitest';
import type { ConnectionOutageRecord, JournalWriter } from '../../../engine/journal/index.js';
import { createOutageRecorder } from '../../../engine/session/outage-recorder.js';
import type { ConnectionStatus, Outage, PossibleGap } from '../../../engine/sources/mqtt/broker-connection.js';

const URL = 'mqtt://plant:1883';
const DROPPED = 'the broker or the network closed the connection';
const NO_SESSION = 'the broker kept no session for us: messages published meanwhile may be lost';

function status(outages: Outage[], possibleGaps: PossibleGap[] = []): ConnectionStatus {
  return { url: URL, state: 'connected', since: 0, received: 0, lastError: null, possibleGaps, outages, clientId: 'c', sessionExpiry: 'broker' };
}

/** A writer that keeps what it is given, or refuses while `refusing` is set, as a full journal would. */
function fakeWriter() {
  const calls: ConnectionOutageRecord[][] = [];
  const state = { refusing: false };
  const writer = {
    recordOutages(session: number, outages: readonly ConnectionOutageRecord[]): Promise<void> {
      expect(session).toBe(7);
      if (state.refusing) return Promise.reject(Object.assign(new Error('journal recordOutages failed (SQLITE_FULL): database or disk is full'), { code: 'SQLITE_FULL' }));
      calls.push([...outages]);
      return Promise.resolve();
    },
  };
  return { writer: writer as unknown as JournalWriter, calls, state };
}

const row = (from: number, to: number | null, kind: ConnectionOutageRecord['kind'] = 'outage', why = DROPPED): ConnectionOutageRecord => ({ connection: 'plant', url: URL, kind, from, to, why });

describe('outage recorder', () => {
  it('writes an outage when the connection drops and again when it is back, each once', async () => {
    const { writer, calls } = fakeWriter();
    const rec = createOutageRecorder(writer, 7);
    rec.observe('plant', status([]));
    expect(rec.pending).toBe(false);

    // Given the connection dropped at 1000
    rec.observe('plant', status([{ from: 1000, to: null, why: DROPPED }]));
    await rec.flush();
    // When a status repeats it (an error, a reconnect attempt)
    rec.observe('plant', status([{ from: 1000, to: null, why: DROPPED }]));
    await rec.flush();
    // and the broker's CONNACK comes at 4000, a possible gap with it
    rec.observe('plant', status([{ from: 1000, to: 4000, why: DROPPED }], [{ from: 1000, to: 4000, why: NO_SESSION }]));
    await rec.flush();
    rec.observe('plant', status([{ from: 1000, to: 4000, why: DROPPED }], [{ from: 1000, to: 4000, why: NO_SESSION }]));
    await rec.flush();

    // Then: the open outage, then its end with the gap; nothing for the repeats
    expect(calls).toEqual([[row(1000, null)], [row(1000, 4000), row(1000, 4000, 'possible-gap', NO_SESSION)]]);
    expect(rec.pending).toBe(false);
  });

  it('keeps what the journal refused and writes it, with what came meanwhile, once it takes writes again', async () => {
    const { writer, calls, state } = fakeWriter();
    const rec = createOutageRecorder(writer, 7);
    state.refusing = true;
    rec.observe('plant', status([{ from: 1000, to: null, why: DROPPED }]));
    await expect(rec.flush()).rejects.toThrow(/SQLITE_FULL/);
    expect(rec.pending).toBe(true);
    // the outage ends while the journal still refuses
    rec.observe('plant', status([{ from: 1000, to: 2500, why: DROPPED }]));
    await expect(rec.flush()).rejects.toThrow(/SQLITE_FULL/);

    state.refusing = false;
    await rec.flush();
    expect(calls).toEqual([[row(1000, 2500)]]);
    expect(rec.pending).toBe(false);
  });

  it('tells connections apart, and an outage that began at the same instant on each', async () => {
    const { writer, calls } = fakeWriter();
    const rec = createOutageRecorder(writer, 7);
    rec.observe('plant', status([{ from: 1000, to: null, why: DROPPED }]));
    rec.observe('yard', status([{ from: 1000, to: null, why: DROPPED }]));
    await rec.flush();
    expect(calls.flat().map((r) => r.connection)).toEqual(['plant', 'yard']);
  });
});
