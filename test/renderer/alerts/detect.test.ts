import { describe, expect, it } from 'vitest';
import type { AnyEvent, ConnectionStatus, Frame, Gap } from '../../../engine/contract/index.js';
import { detectAlerts, type Alert, type SessionKind } from '../../../renderer/alerts/detect.js';

const gap = (id: string, over: Partial<Gap> = {}): Gap =>
  ({
    id: `duplicate-posting:${id}`,
    kind: 'duplicate-posting',
    plant: 'DE01',
    line: 'L1',
    order: id,
    summary: `${id}/CONF/0010/1 posted twice`,
    ...over,
  }) as unknown as Gap;

const deadLettered = (messageId: string): AnyEvent =>
  ({
    id: `dl-${messageId}`,
    type: 'int.message.dead-lettered',
    plant: 'US01',
    line: 'L2',
    data: { messageId, messageType: 'mes.operation.confirmed', interface: 'confirmation', category: 'data-quality', reason: 'UoM PC not convertible to EA', attempts: 1 },
  }) as unknown as AnyEvent;

const conn = (over: Partial<ConnectionStatus> = {}): ConnectionStatus =>
  ({ name: 'line9', url: 'mqtt://edge:1883', state: 'connected', since: 1000, lastError: null, outages: [], ...over }) as unknown as ConnectionStatus;

let seq = 0;
/** A frame of session 1 with nothing in it but what `over` says. */
const frame = (over: Partial<Frame> = {}): Frame =>
  ({
    seq: ++seq,
    session: 1,
    status: 'running',
    gaps: [],
    gapsOpen: over.gaps?.length ?? 0,
    gapsClosed: 0,
    exceptions: { total: 0, byCategory: {} },
    tail: [],
    watching: null,
    ...over,
  }) as unknown as Frame;

/** Run frames through detection as the console does; the alerts of each step. */
function run(frames: readonly Frame[], kind: SessionKind = 'simulation'): Alert[][] {
  let prev: Frame | null = null;
  let seen: ReadonlySet<string> = new Set();
  return frames.map((f) => {
    const d = detectAlerts(prev, f, seen, kind);
    prev = f;
    seen = d.seen;
    return [...d.alerts];
  });
}
const keys = (steps: Alert[][]) => steps.map((s) => s.map((a) => a.key));

describe('alerts from frames', () => {
  it('raises nothing on the first frame: what was open when the console connected is not new', () => {
    expect(run([frame({ gaps: [gap('A'), gap('B')], exceptions: { total: 2, byCategory: {} } as never, tail: [deadLettered('m1')] })])).toEqual([[]]);
  });

  it('raises one alert per new gap, once, with its title, body and a link to its order', () => {
    const steps = run([frame(), frame({ gaps: [gap('4711')] }), frame({ gaps: [gap('4711')] }), frame({ gaps: [gap('4711'), gap('4712')] })]);
    expect(keys(steps)).toEqual([[], ['gap:duplicate-posting:4711'], [], ['gap:duplicate-posting:4712']]);
    expect(steps[1]![0]).toEqual({
      kind: 'gap',
      key: 'gap:duplicate-posting:4711',
      title: 'Sync gap: duplicate-posting on DE01/L1',
      body: 'Order 4711: 4711/CONF/0010/1 posted twice',
      href: '#/lineage/4711',
      session: 1,
    });
  });

  it('does not raise a gap again when it closes and opens again in the same session', () => {
    const steps = run([
      frame(),
      frame({ gaps: [gap('A')] }),
      frame({ gaps: [], gapsClosed: 1 }),
      frame({ gaps: [gap('A')], gapsClosed: 1 }),
    ]);
    expect(keys(steps)).toEqual([[], ['gap:duplicate-posting:A'], [], []]);
  });

  it('counts gaps beyond the frame’s 100 in one "more" alert, and never an old gap come into the list', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => gap(`G${i}`));
    const steps = run([
      frame({ gaps: hundred, gapsOpen: 100 }),
      // three more opened: the frame still carries the oldest 100
      frame({ gaps: hundred, gapsOpen: 103 }),
      // two old ones closed, so two of the hidden ones come into the list: not new
      frame({ gaps: [...hundred.slice(2), gap('G100'), gap('G101')], gapsOpen: 101, gapsClosed: 2 }),
    ]);
    expect(steps[1]!.map((a) => a.title)).toEqual(['3 more sync gaps opened']);
    expect(steps[1]![0]!.href).toBe('#/gaps');
    expect(steps[2]).toEqual([]);
  });

  it('raises nothing for a replay or an import, nor before the session’s kind is known', () => {
    for (const kind of ['replay', 'import', 'unknown'] as const) {
      const steps = run([frame(), frame({ gaps: [gap('A')], tail: [deadLettered('m1')], exceptions: { total: 1, byCategory: {} } as never })], kind);
      expect(steps).toEqual([[], []]);
    }
  });

  it('treats a new session’s first frame as a first frame, and forgets the old session’s keys', () => {
    const steps = run([frame(), frame({ gaps: [gap('A')] }), frame({ session: 2, gaps: [gap('B')] }), frame({ session: 2, gaps: [gap('B'), gap('A')] })]);
    expect(keys(steps)).toEqual([[], ['gap:duplicate-posting:A'], [], ['gap:duplicate-posting:A']]);
  });

  it('raises one alert per new dead letter, by message id, and counts those the tail no longer shows', () => {
    const steps = run([
      frame(),
      frame({ tail: [deadLettered('m1')], exceptions: { total: 1, byCategory: {} } as never }),
      frame({ tail: [deadLettered('m1')], exceptions: { total: 1, byCategory: {} } as never }),
      frame({ tail: [deadLettered('m1'), deadLettered('m2')], exceptions: { total: 4, byCategory: {} } as never }),
    ]);
    expect(keys(steps)).toEqual([[], ['dead-letter:m1'], [], ['dead-letter:m2', 'dead-letters-more:' + String(seq)]]);
    expect(steps[1]![0]).toMatchObject({ title: 'Dead letter: data-quality on US01/L2', href: '#/exceptions' });
    expect(steps[3]![1]!.title).toBe('2 more dead letters');
  });

  it('raises "broker lost" when a connection goes from connected to reconnecting or offline, once per drop', () => {
    const drop = { from: 5000, to: null, why: 'keepalive timeout' };
    const steps = run(
      [
        frame({ watching: [conn()] }),
        frame({ watching: [conn({ state: 'reconnecting', since: 5000, outages: [drop] })] }),
        frame({ watching: [conn({ state: 'offline', since: 6000, outages: [drop] })] }),
        frame({ watching: [conn({ state: 'connected', since: 7000, outages: [{ ...drop, to: 7000 }] })] }),
        // up again, then down without an outage listed (yet)
        frame({ watching: [conn({ state: 'offline', since: 9000, lastError: 'ECONNRESET', outages: [{ ...drop, to: 7000 }] })] }),
      ],
      'live',
    );
    expect(keys(steps)).toEqual([[], ['broker-lost:line9:5000'], [], [], ['broker-lost:line9:9000']]);
    expect(steps[1]![0]).toMatchObject({ kind: 'broker-lost', title: 'Broker lost: line9', href: '#/connections' });
    expect(steps[1]![0]!.body).toContain('keepalive timeout');
  });

  it('does not call a connection that never came up "lost"', () => {
    const steps = run([frame({ watching: [conn({ state: 'connecting' })] }), frame({ watching: [conn({ state: 'offline', since: 2000 })] })], 'live');
    expect(steps).toEqual([[], []]);
  });

  it('raises a journal problem when its writes are refused, and again when it fails, once each', () => {
    const refusing = { state: 'unavailable', reason: 'database or disk is full (SQLITE_FULL)', since: 100, retries: 1 } as const;
    const health = { path: '/j.db', integrity: 'ok' } as const;
    const steps = run([
      frame({ journal: health }),
      frame({ journal: { ...health, writes: refusing } }),
      frame({ journal: { ...health, writes: { ...refusing, retries: 5 } } }),
      frame({ journal: { ...health, writes: { state: 'failed', reason: 'gave up', since: 100 } } }),
    ]);
    expect(steps.map((s) => s.map((a) => a.title))).toEqual([[], ['Journal refuses writes'], [], ['Journal failed: recording stopped']]);
    expect(steps[1]![0]).toMatchObject({ kind: 'journal', body: 'database or disk is full (SQLITE_FULL)', href: '#/sessions' });
  });

  it('says a watch’s journal refusal once, though every connection reports it', () => {
    const journal = { state: 'unavailable', reason: 'database is locked (SQLITE_BUSY)', since: 100, retries: 1 } as const;
    const steps = run([frame({ watching: [conn(), conn({ name: 'line8' })] }), frame({ watching: [conn({ journal }), conn({ name: 'line8', journal })] })], 'live');
    expect(keys(steps)).toEqual([[], ['journal:unavailable:100']]);
  });

  it('percent-encodes an order in the link so the desktop app accepts it', () => {
    const steps = run([frame(), frame({ gaps: [gap("A B/(1)'", { order: "A B/(1)'" })] })]);
    expect(steps[1]![0]!.href).toBe('#/lineage/A%20B%2F%281%29%27');
    expect(steps[1]![0]!.href).toMatch(/^#\/[A-Za-z0-9/_%.-]*$/);
  });
});
