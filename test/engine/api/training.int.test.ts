import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalApi, type LocalApi } from '../../../engine/index.js';
import { fakeClock } from '../session/fake-clock.js';

/**
 * An exercise in the console, through the API as the renderer calls it: a trainee starts
 * missing-receipt, takes a hint, answers wrongly then rightly, and finishes. While it runs, nothing
 * the API answers says whether an answer is right; the debrief then scores it from the journaled
 * events, and the instructor's list, CSV and recorded debrief show the run.
 */
let dir: string;
let api: LocalApi;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'linesight-training-'));
  api = createLocalApi({ journalPath: join(dir, 'journal.db'), clock: fakeClock(), operator: 'test-engineer' });
});
afterEach(async () => {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

const HOUR = 3_600_000;

/** Step the paused session until its plant time reaches `ms` after the start. */
async function stepTo(startMs: number, ms: number): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const info = await api.queries['session.status']();
    if ((info.simTime ?? 0) >= startMs + ms || info.status === 'finished') return;
    await api.commands['session.step']({ events: 100 });
  }
}

describe('training through the API', () => {
  it('lists the bundled exercises with their summaries', async () => {
    const list = await api.queries['training.exercises']();
    expect(list.map((e) => e.id)).toContain('missing-receipt');
    const e = list.find((x) => x.id === 'missing-receipt')!;
    expect(e).toMatchObject({ scenario: 'period-close', level: 'beginner', timeLimitMs: 8 * HOUR });
    expect(e.summary).toMatch(/^Kassel's late shift/);
  });

  it('plays an exercise as a trainee: answers hidden until the debrief, which scores hint and wrong answer from the journal', async () => {
    expect(await api.queries['training.status']()).toBeNull();
    await expect(api.commands['training.start']({ exercise: 'missing-receipt', trainee: '  ' })).rejects.toThrow(/needs a name/);
    await expect(api.commands['training.start']({ exercise: 'no-such', trainee: 'Ana' })).rejects.toThrow(/a bundled exercise id/);
    const info = await api.commands['training.start']({ exercise: 'missing-receipt', trainee: 'Ana' });
    expect(info).toMatchObject({ status: 'paused', scenario: { id: 'period-close' } });
    const startMs = info.scenario!.startMs;
    const first = (await api.queries['training.status']())!;
    expect(first).toMatchObject({ trainee: 'Ana', state: 'running', startMs, limitMs: startMs + 8 * HOUR, hintsTaken: [], answers: [], debrief: null });
    expect(first.exercise.questions.map((q) => q.id)).toEqual(['order', 'root-cause']);
    expect(JSON.stringify(first)).not.toMatch(/correct|gaps\[/);
    // the session list says whose exercise the session is
    expect((await api.queries['sessions.list']()).find((x) => x.id === info.session)?.name).toBe('Training: Find the order whose goods receipt is missing, and name its root cause — Ana');

    await stepTo(startMs, 7 * HOUR);
    const hinted = await api.commands['training.hint']();
    expect(hinted.hintsTaken).toEqual([expect.objectContaining({ n: 1, text: expect.stringMatching(/receipt/) })]);
    await expect(api.commands['training.answer']({ question: 'root-cause', answer: 'cosmic rays' })).rejects.toThrow(/not one of the choices/);
    await expect(api.commands['training.answer']({ question: 'nope', answer: 'x' })).rejects.toThrow(/no question "nope"/);
    await api.commands['training.answer']({ question: 'order', answer: 'PO-DE01-L2-00001', why: 'a guess' });
    await api.commands['training.answer']({ question: 'order', answer: 'PO-DE01-L1-00007', why: 'the receipt gap names it' });
    const answered = await api.commands['training.answer']({ question: 'root-cause', answer: 'business-rule' });
    // the latest answer to each question, and not a word on whether it is right
    expect(answered.answers.map((a) => [a.question, a.answer])).toEqual([
      ['order', 'PO-DE01-L1-00007'],
      ['root-cause', 'business-rule'],
    ]);
    expect(JSON.stringify(answered)).not.toMatch(/correct|wrong|right/i);

    // the hint and the answers are operator events of the journal, with the trainee's name
    const ops = (await api.queries['events.page']({ type: 'operator.answer-given', limit: 10 })).events.map((e) => e.event);
    expect(ops.map((e) => (e.data as { who: string; answer: string }).answer)).toEqual(['PO-DE01-L2-00001', 'PO-DE01-L1-00007', 'business-rule']);
    expect(new Set(ops.map((e) => (e.data as { who: string }).who))).toEqual(new Set(['Ana']));

    const done = await api.commands['training.finish']();
    expect(done.state).toBe('finished');
    const d = done.debrief!;
    // 100 for both objectives, less 10 for the hint and 15 for the wrong answer (the exercise's scoring)
    expect(d).toMatchObject({ trainee: 'Ana', score: 75, maxScore: 100, passed: true, exercise: { id: 'missing-receipt', scenario: 'period-close' } });
    expect(d.mistakes.map((m) => [m.kind, m.cost])).toEqual([['wrong-answer', 15]]);
    expect(d.mistakes[0]!.events[0]!.text).toContain('PO-DE01-L2-00001');
    expect(d.hints.map((h) => h.cost)).toEqual([10]);
    expect(d.objectives.map((o) => [o.id, o.met, o.evidence.map((e) => e.type)])).toEqual([
      ['name-order', true, ['operator.answer-given', 'operator.answer-given']],
      ['name-root-cause', true, ['operator.answer-given']],
    ]);
    expect(d.timeMs).toBeGreaterThanOrEqual(7 * HOUR);
    await expect(api.commands['training.hint']()).rejects.toThrow(/scored/);

    const runs = await api.queries['training.runs']();
    expect(runs).toEqual([expect.objectContaining({ trainee: 'Ana', exercise: 'missing-receipt', score: 75, maxScore: 100, passed: true, mistakes: 1, hints: 1, session: d.session })]);
    const csv = await api.queries['training.runsCsv']();
    const [header, row] = csv.split('\r\n');
    expect(header).toBe('run,session,trainee,exercise,title,score,max_score,passed,time_min,mistakes,hints,finished_at');
    expect(row).toMatch(new RegExp(`^${runs[0]!.id},${d.session},Ana,missing-receipt,Find the order whose goods receipt is missing\\, and name its root cause|^${runs[0]!.id},${d.session},Ana,missing-receipt,"Find the order whose goods receipt is missing, and name its root cause",75,100,yes,`));
    expect(await api.queries['training.debrief']({ run: runs[0]!.id })).toEqual(JSON.parse(JSON.stringify(d)));
    await expect(api.queries['training.debrief']({ run: 999 })).rejects.toThrow(/no trainee run 999/);
  }, 60_000);

  it('refuses hints and answers after the time limit, and a session that is not an exercise has no training status', async () => {
    const info = await api.commands['training.start']({ exercise: 'missing-receipt', trainee: 'Ben' });
    await stepTo(info.scenario!.startMs, 8.5 * HOUR);
    expect((await api.queries['training.status']())!.state).toBe('timeUp');
    await expect(api.commands['training.answer']({ question: 'order', answer: 'PO-DE01-L1-00007' })).rejects.toThrow(/after the time limit/);
    await expect(api.commands['training.hint']()).rejects.toThrow(/after the time limit/);
    const d = (await api.commands['training.finish']()).debrief!;
    expect(d).toMatchObject({ score: 0, passed: false, mistakes: [], hints: [] });
    expect(d.objectives.map((o) => o.checks[0]!.why)).toEqual(['question order was not answered', 'question root-cause was not answered']);

    await api.commands['session.start']({ scenario: 'baseline', until: '1h' });
    expect(await api.queries['training.status']()).toBeNull();
    await expect(api.commands['training.hint']()).rejects.toThrow(/no exercise runs/);
  }, 60_000);
});
