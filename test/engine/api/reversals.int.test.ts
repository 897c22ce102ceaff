import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalApi, type Frame, type LocalApi, type StoredEvent } from '../../../engine/index.js';
import type { AnyEvent } from '../../../model/index.js';
import { fakeClock, waitFor } from '../session/fake-clock.js';

/**
 * Reversals through the API: the preview the operator confirms, the request journaled as
 * `operator.reversal-requested` with the reversal message it sent, the duplicate-posting gap it
 * closes — and every refusal answered with its reason, journaling nothing.
 */
let dir: string;
let api: LocalApi;
let frames: Frame[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'linesight-reversals-'));
  api = createLocalApi({ journalPath: join(dir, 'journal.db'), clock: fakeClock(), operator: 'test-engineer' });
  frames = [];
  api.onFrame((f) => frames.push(f));
});
afterEach(async () => {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

async function all(filter: { type?: string; businesskey?: string } = {}): Promise<AnyEvent[]> {
  const out: StoredEvent[] = [];
  let afterSeq: number | undefined;
  for (;;) {
    const page = await api.queries['events.page']({ limit: 5000, ...filter, ...(afterSeq === undefined ? {} : { afterSeq }) });
    out.push(...page.events);
    if (page.nextAfterSeq === null) return out.map((e) => e.event);
    afterSeq = page.nextAfterSeq;
  }
}

/** Step a paused session `events` at a time until `done` holds (or the run ends). */
async function stepUntil(done: () => Promise<boolean>, events = 200): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await done()) return;
    const info = await api.commands['session.step']({ events });
    if (info.status === 'finished') break;
  }
  expect(await done()).toBe(true);
}

async function runToEnd(): Promise<Frame> {
  frames.length = 0;
  await api.commands['session.setSpeed']({ speed: 'max' });
  await api.commands['session.play']();
  await waitFor(() => frames.some((f) => f.final), 60_000);
  return frames.find((f) => f.final)!;
}

/**
 * Given a baseline run whose first confirmation ERP posted, with idempotency switched off and a copy
 * of that confirmation injected: ERP posts the key twice and a duplicate-posting gap opens. The key.
 */
async function doublePosted(): Promise<string> {
  await api.commands['session.start']({ scenario: 'baseline', until: '3h' });
  const firstPosting = async () => (await all({ type: 'erp.confirmation.posted' }))[0];
  await stepUntil(async () => (await firstPosting()) !== undefined);
  const key = (await firstPosting())!.businesskey;
  const original = (await all({ businesskey: key })).find((e) => e.type === 'mes.operation.confirmed')!;
  await api.commands['operator.setControl']({ control: 'idempotency', enabled: false, why: 'let a duplicate through' });
  await api.commands['operator.inject']({
    event: { type: original.type, order: original.subject!, businesskey: key, data: original.data },
    why: 'duplicate delivery',
  });
  await stepUntil(async () => (await api.queries['gaps.list']({ kind: 'duplicate-posting' })).some((g) => g.businesskeys.includes(key)));
  return key;
}

const operatorEvents = async () => (await all()).filter((e) => e.type.startsWith('operator.reversal'));

describe('reversing a posting in a simulation', () => {
  it('previews one posting netted, journals the request with who and why, sends the reversal, and the duplicate-posting gap closes', async () => {
    const key = await doublePosted();

    const preview = await api.queries['reversals.preview']({ reverses: key });
    expect(preview).toMatchObject({
      ok: true,
      key,
      reversalKey: `${key}/REV/1`,
      messageType: 'mes.confirmation.cancelled',
      iface: 'confirmation',
      postingsBefore: 2,
      postingsAfter: 1,
      closesGap: `duplicate-posting:${key}`,
      unposted: [],
    });

    await expect(api.commands['reversals.request']({ reverses: key, why: '  ' })).rejects.toThrow(/needs a reason/);
    expect(await operatorEvents()).toEqual([]);

    const result = await api.commands['reversals.request']({ reverses: key, why: 'the duplicate delivery was posted twice', who: 'controller' });
    expect(result).toMatchObject({ reverses: key, refused: null, actions: [expect.any(String)], messages: [expect.any(String)] });

    const [requested] = await operatorEvents();
    expect(requested).toMatchObject({
      id: result.actions[0],
      type: 'operator.reversal-requested',
      businesskey: key,
      data: { who: 'controller', why: 'the duplicate delivery was posted twice', reverses: key, messageId: result.messages[0], messageType: 'mes.confirmation.cancelled' },
    });
    // sent, not yet posted: the monitor still counts two postings, and the preview says a reversal is on its way
    const pending = await api.queries['reversals.preview']({ reverses: key });
    expect(pending).toMatchObject({ ok: true, postingsBefore: 2, unposted: [`${key}/REV/1`] });
    const reversal = (await all({ businesskey: `${key}/REV/1` })).find((e) => e.id === result.messages[0])!;
    expect(reversal.type).toBe('mes.confirmation.cancelled');
    expect(reversal.data).toMatchObject({ reverses: key, goodQty: preview.ok ? preview.qty : NaN });

    // when ERP posts the reversal, then the key nets to one posting and its duplicate-posting gap closes
    // (in small steps: the order may close soon after, and the monitor forgets a closed order's keys)
    await stepUntil(async () => (await all({ businesskey: `${key}/REV/1` })).some((e) => e.type === 'erp.confirmation.cancelled'), 10);
    expect((await api.queries['gaps.list']()).filter((g) => g.id === `duplicate-posting:${key}`)).toEqual([]);
    const again = await api.queries['reversals.preview']({ reverses: key });
    expect(again, JSON.stringify(again)).toMatchObject({ ok: true, postingsBefore: 1, postingsAfter: 0, closesGap: undefined, unposted: [] });
    // and it stays closed to the end of the run
    const final = await runToEnd();
    expect(final.gaps.filter((g) => g.id === `duplicate-posting:${key}`)).toEqual([]);
  }, 60_000);

  it('refuses an unknown key and a reversal key, with the reason, journaling nothing', async () => {
    const key = await doublePosted();
    const before = (await api.queries['session.status']()).events;

    const unknownPreview = await api.queries['reversals.preview']({ reverses: 'PO-NOPE/CONF/0010/1' });
    expect(unknownPreview.ok).toBe(false);
    const unknown = await api.commands['reversals.request']({ reverses: 'PO-NOPE/CONF/0010/1', why: 'typo test' });
    expect(unknown).toMatchObject({ actions: [], messages: [], preview: unknownPreview });
    expect(unknown.refused).toBe(unknownPreview.ok ? null : unknownPreview.refused);

    await api.commands['reversals.request']({ reverses: key, why: 'first one' });
    const ofReversal = await api.commands['reversals.request']({ reverses: `${key}/REV/1`, why: 'reverse the reversal' });
    expect(ofReversal.refused).not.toBeNull();

    await expect(api.commands['reversals.request']({ reverses: '', why: 'x' })).rejects.toThrow(/needs the business key/);
    await expect(api.queries['reversals.preview']({ reverses: 7 as unknown as string })).rejects.toThrow(/needs the business key/);
    // only the one reversal sent: its request and its message (nothing else was journaled)
    expect((await operatorEvents()).map((e) => (e.data as { reverses: string }).reverses)).toEqual([key]);
    expect((await api.queries['session.status']()).events).toBeGreaterThanOrEqual(before + 2);
  }, 60_000);
});

describe('a replay cannot reverse', () => {
  it('says why in the preview and the request, and journals nothing', async () => {
    const key = await doublePosted();
    const recorded = (await api.queries['session.status']()).session!;
    await runToEnd();
    await api.commands['session.replay']({ session: recorded, speed: 'max' });
    await api.commands['session.play']();
    await waitFor(async () => (await api.queries['session.status']()).status === 'finished', 60_000);
    const events = (await all()).length;

    const preview = await api.queries['reversals.preview']({ reverses: key });
    expect(preview).toEqual({ ok: false, refused: expect.stringMatching(/^a replay shows a recorded session as it happened/), unposted: [] });
    const result = await api.commands['reversals.request']({ reverses: key, why: 'try in a replay' });
    expect(result).toMatchObject({ refused: preview.ok ? '' : preview.refused, actions: [], messages: [], preview });
    expect((await all()).length).toBe(events);
    expect((await api.queries['sessions.list']()).length).toBe(1);
  }, 90_000);
});
