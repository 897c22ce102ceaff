import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalApi, type Frame, type LocalApi, type StoredEvent } from '../../../engine/index.js';
import type { AnyEvent } from '../../../model/index.js';
import { fakeClock, waitFor } from '../session/fake-clock.js';

let dir: string;
let api: LocalApi;
let frames: Frame[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'linesight-operator-'));
  api = createLocalApi({ journalPath: join(dir, 'journal.db'), clock: fakeClock(), operator: 'test-engineer' });
  frames = [];
  api.onFrame((f) => frames.push(f));
});
afterEach(async () => {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

async function all(filter: { type?: string; businesskey?: string; order?: string } = {}): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  let afterSeq: number | undefined;
  for (;;) {
    const page = await api.queries['events.page']({ limit: 5000, ...filter, ...(afterSeq === undefined ? {} : { afterSeq }) });
    out.push(...page.events);
    if (page.nextAfterSeq === null) return out;
    afterSeq = page.nextAfterSeq;
  }
}

/** Step a paused session until `done` holds (or the run ends). */
async function stepUntil(done: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await done()) return;
    const info = await api.commands['session.step']({ events: 200 });
    if (info.status === 'finished') break;
  }
  expect(await done()).toBe(true);
}

async function runToEnd(): Promise<Frame> {
  await api.commands['session.setSpeed']({ speed: 'max' });
  await api.commands['session.play']();
  await waitFor(() => frames.some((f) => f.final));
  return frames.find((f) => f.final)!;
}

describe('operator actions on a running session', () => {
  it('edit-and-resend fixes a UoM dead letter: previewed, journaled with who and why, posted once, gap closed', async () => {
    await api.commands['session.start']({ scenario: 'master-data-errors', until: '8h' });
    await stepUntil(async () => (await api.queries['exceptions.list']({ category: 'data-quality' })).length > 0);
    const [x] = await api.queries['exceptions.list']({ category: 'data-quality' });
    expect(x!.reason).toMatch(/not convertible/);
    const base = /to (\w+)/.exec(x!.reason)![1]!;

    const preview = await api.queries['exceptions.preview']({ messageId: x!.messageId, changes: { uom: base } });
    expect(preview.problems).toEqual([]);
    expect(preview.wouldDoublePost).toBe(false);
    expect(preview.verdict).toMatch(/^Would not double-post/);
    expect(preview.resend.data.uom).toBe(base);
    const bad = await api.queries['exceptions.preview']({ messageId: x!.messageId, changes: { uom: 7, colour: 'red' } });
    expect(bad.problems).toEqual(['uom must stay a string', 'colour is not a field of ' + preview.original.type]);

    await expect(api.commands['exceptions.resend']({ messageId: x!.messageId, changes: { uom: base }, why: '  ' })).rejects.toThrow(/needs a reason/);
    const sent = await api.commands['exceptions.resend']({ messageId: x!.messageId, changes: { uom: base }, why: 'PC is EA on this line' });
    expect(sent.messages).toHaveLength(1);
    expect((await api.queries['exceptions.list']()).map((e) => e.messageId)).not.toContain(x!.messageId);

    const op = (await all({ type: 'operator.exception-resent' })).map((e) => e.event as Extract<AnyEvent, { type: 'operator.exception-resent' }>);
    expect(op).toHaveLength(1);
    expect(op[0]!.data).toMatchObject({ who: 'test-engineer', why: 'PC is EA on this line', messageId: x!.messageId, newMessageId: sent.messages[0] });
    const copy = (await all({ businesskey: x!.businesskey })).map((e) => e.event).find((e) => e.id === sent.messages[0])!;
    expect(copy).toMatchObject({ origin: 'injected', businesskey: x!.businesskey, causationid: x!.messageId });
    expect((copy.data as { uom: string }).uom).toBe(base);

    // a second resend of the same dead letter is refused: it is off the queue
    await expect(api.commands['exceptions.resend']({ messageId: x!.messageId, changes: {}, why: 'again' })).rejects.toThrow(/not an open dead letter/);

    const final = await runToEnd();
    const postings = (await all({ businesskey: x!.businesskey })).filter((e) => e.event.type.startsWith('erp.'));
    expect(postings).toHaveLength(1);
    expect(final.gaps.filter((g) => g.businesskeys.includes(x!.businesskey))).toEqual([]);
  });

  it('an injected duplicate is suppressed by idempotency, and double-posts once idempotency is switched off', async () => {
    await api.commands['session.start']({ scenario: 'baseline', until: '3h' });
    const confirmation = async () => (await all({ type: 'erp.confirmation.posted' }))[0];
    await stepUntil(async () => (await confirmation()) !== undefined);
    const posted = (await confirmation())!.event;
    const original = (await all({ businesskey: posted.businesskey })).map((e) => e.event).find((e) => e.type === 'mes.operation.confirmed')!;
    const draft = { type: original.type, order: original.subject!, businesskey: original.businesskey, data: original.data as Record<string, unknown> };

    const first = await api.commands['operator.inject']({ event: draft, why: 'duplicate test', template: original.id });
    const suppressed = (await all({ type: 'int.message.duplicate-suppressed' })).map((e) => e.event);
    expect(suppressed.map((e) => (e.data as { messageId: string }).messageId)).toContain(first.messages[0]);

    const injected = (await all({ type: 'operator.event-injected' }))[0]!.event;
    expect(injected.data).toMatchObject({ who: 'test-engineer', why: 'duplicate test', eventId: first.messages[0], template: original.id });

    await api.commands['operator.setControl']({ control: 'idempotency', enabled: false, why: 'show the double post' });
    expect((await api.queries['session.settings']()).controls!.idempotency).toBe(false);
    await api.commands['operator.inject']({ event: draft, why: 'second copy' });
    const final = await runToEnd();
    const posts = (await all({ businesskey: original.businesskey })).filter((e) => e.event.type === 'erp.confirmation.posted');
    expect(posts).toHaveLength(2);
    expect(final.gaps.some((g) => g.kind === 'duplicate-posting' && g.businesskeys.includes(original.businesskey))).toBe(true);
  });

  it('a retried data-quality dead letter fails validation again; a discarded one leaves the queue and its gap names the operator', async () => {
    await api.commands['session.start']({ scenario: 'master-data-errors', until: '8h' });
    await stepUntil(async () => (await api.queries['exceptions.list']({ category: 'data-quality' })).length >= 2);
    const [a, b] = await api.queries['exceptions.list']({ category: 'data-quality' });

    const retried = await api.commands['exceptions.retry']({ messageIds: [a!.messageId], why: 'master data fixed?' });
    expect(retried).toMatchObject({ messages: [a!.messageId], refused: [] });
    const again = await api.queries['exceptions.list']();
    expect(again.filter((x) => x.messageId === a!.messageId)).toHaveLength(1);

    await expect(api.commands['exceptions.discard']({ messageIds: [b!.messageId], why: '' })).rejects.toThrow(/needs a reason/);
    const discarded = await api.commands['exceptions.discard']({ messageIds: [b!.messageId, 'nope'], why: 'posted by hand in ERP' });
    expect(discarded.actions).toHaveLength(1);
    expect(discarded.refused.map((r) => r.messageId)).toEqual(['nope']);
    expect((await api.queries['exceptions.list']()).map((x) => x.messageId)).not.toContain(b!.messageId);
    const final = await runToEnd();
    const gap = final.gaps.find((g) => g.businesskeys.includes(b!.businesskey));
    expect(gap?.cause).toMatch(/discarded by an operator/);
  });

  it('acting on a finished run plays it on until the resend is posted, then finishes again', async () => {
    await api.commands['session.start']({ scenario: 'master-data-errors', until: '6h' });
    const first = await runToEnd();
    // a client connecting now gets the run's last state, though no more frames are sent
    expect(await api.queries['session.frame']()).toEqual(first);
    const x = (await api.queries['exceptions.list']({ category: 'data-quality' }))[0]!;
    const base = /to (\w+)/.exec(x.reason)![1]!;
    frames.length = 0;
    const sent = await api.commands['exceptions.resend']({ messageId: x.messageId, changes: { uom: base }, why: 'fixed after the run' });
    expect(sent.info.status).toBe('running');
    await waitFor(() => frames.some((f) => f.final));
    const again = frames.find((f) => f.final)!;
    expect(again.simTime).toBeGreaterThanOrEqual(first.simTime);
    const postings = (await all({ businesskey: x.businesskey })).filter((e) => e.event.type.startsWith('erp.'));
    expect(postings).toHaveLength(1);
    const resent = (await all({ type: 'operator.exception-resent' }))[0]!.event;
    expect(Date.parse(resent.time)).toBe(first.simTime);
  });

  it('refuses bad input with a clear message and journals nothing', async () => {
    await api.commands['session.start']({ scenario: 'baseline', until: '1h' });
    await api.commands['session.step']({ events: 50 });
    const operatorEvents = async () => (await all()).filter((e) => e.event.type.startsWith('operator.'));
    const draft = { type: 'mes.operation.confirmed' as const, order: 'PO-NOPE', businesskey: 'K', data: { order: 'PO-NOPE' } };
    await expect(api.commands['operator.inject']({ event: draft, why: 'x' })).rejects.toThrow(/data.goodQty is required/);
    const valid = await api.queries['events.validate']({ event: draft });
    expect(valid.ok).toBe(false);
    await expect(api.commands['operator.setControl']({ control: 'gates', enabled: false, why: 'x' })).rejects.toThrow(/set integration.gates.enabled in the scenario file/);
    await expect(api.commands['operator.toggleFault']({ fault: 'wan-outage', line: 'NOPE', enabled: true, why: 'x' })).rejects.toThrow(/no line "NOPE"/);
    await expect(api.commands['operator.toggleFault']({ fault: 'erp-outage', enabled: false, why: 'x' })).rejects.toThrow(/was not switched on/);
    const refused = await api.commands['exceptions.discard']({ messageIds: ['nope'], why: 'cleanup' });
    expect(refused.refused).toEqual([{ messageId: 'nope', reason: expect.stringMatching(/not an open dead letter/) }]);
    expect(await operatorEvents()).toEqual([]);
  });

  it('a WAN outage switched on buffers the line at the edge and switched off forwards it', async () => {
    await api.commands['session.start']({ scenario: 'baseline', until: '8h' });
    await api.commands['session.step']({ events: 20 });
    const line = (await all())[0]!.event;
    await api.commands['operator.toggleFault']({ fault: 'wan-outage', line: `${line.plant}/${line.line}`, enabled: true, why: 'cable cut drill' });
    expect((await api.queries['session.settings']()).faults).toEqual([{ fault: 'wan-outage', line: `${line.plant}/${line.line}`, since: expect.any(String) }]);
    await stepUntil(async () => (await all({ type: 'int.message.buffered' })).length >= 2);
    await api.commands['operator.toggleFault']({ fault: 'wan-outage', line: `${line.plant}/${line.line}`, enabled: false, why: 'drill over' });
    await api.commands['session.step']({ events: 500 });
    const buffered = await all({ type: 'int.message.buffered' });
    const forwarded = await all({ type: 'int.message.forwarded' });
    expect(forwarded.length).toBeGreaterThanOrEqual(buffered.length);
    expect(buffered.every((e) => e.event.line === line.line)).toBe(true);
    const toggles = (await all({ type: 'operator.fault-toggled' })).map((e) => e.event.data);
    expect(toggles).toEqual([
      { enabled: true, fault: `wan-outage@${line.plant}/${line.line}`, who: 'test-engineer', why: 'cable cut drill' },
      { enabled: false, fault: `wan-outage@${line.plant}/${line.line}`, who: 'test-engineer', why: 'drill over' },
    ]);
  });
});
