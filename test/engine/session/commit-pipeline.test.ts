import { describe, expect, it } from 'vitest';
import type { JournalState } from '../../../engine/contract/index.js';
import type { AppendBatch, AppendResult, JournalWriter } from '../../../engine/journal/index.js';
import { createCommitPipeline } from '../../../engine/session/commit-pipeline.js';
import type { AnyEvent } from '../../../model/index.js';
import type { SimOutput } from '../../../simulator/index.js';
import { plantTraffic } from '../../support/plant-traffic.js';
import { fakeClock, waitFor } from './fake-clock.js';

/** What the fake journal does with the n-th append of a batch: store it, refuse it, or find it stored already. */
type Outcome = 'ok' | 'fail' | 'stored-before';

const traffic = plantTraffic('4h');
/** Batches named by letter: A = 2 events, B = 1, C = 2, D = 1. */
const batches: Record<string, AnyEvent[]> = { A: traffic.slice(0, 2), B: traffic.slice(2, 3), C: traffic.slice(3, 5), D: traffic.slice(5, 6) };
const nameOf = (id: string) => Object.keys(batches).find((k) => batches[k]![0]!.id === id)!;
const outputs = (name: string): SimOutput[] => batches[name]!.map((event) => ({ kind: 'event', event }));

const FULL = 'journal append failed (SQLITE_FULL): database or disk is full — nothing of this batch was stored';

/** A journal writer whose appends do what `plan` says (the last outcome repeats), answering on a later turn as the real one does. */
function fakeJournal(plan: Record<string, Outcome[]>, log: string[]) {
  const appended = new Map<string, AppendBatch[]>();
  const writer = {
    append(_session: number, batch: AppendBatch): Promise<AppendResult> {
      const name = nameOf(batch.events[0]![0]);
      const tries = appended.get(name) ?? [];
      tries.push(batch);
      appended.set(name, tries);
      log.push(`append ${name}#${tries.length}`);
      const steps = plan[name]!;
      const outcome = steps[Math.min(tries.length, steps.length) - 1]!;
      return new Promise((resolve, reject) =>
        setImmediate(() => {
          if (outcome === 'fail') {
            log.push(`refused ${name}`);
            reject(Object.assign(new Error(FULL), { code: 'SQLITE_FULL' }));
            return;
          }
          log.push(`stored ${name}`);
          const n = batch.events.length;
          resolve(outcome === 'ok' ? { inserted: n, duplicateIds: 0, idConflicts: 0 } : { inserted: 0, duplicateIds: n, idConflicts: 0, notInserted: [...Array(n).keys()] });
        }),
      );
    },
  };
  return { writer: writer as unknown as JournalWriter, appended };
}

function setup(plan: Record<string, Outcome[]>, timing: { giveUpMs?: number } = {}) {
  const log: string[] = [];
  const states: JournalState[] = [];
  const journal = fakeJournal(plan, log);
  const applied = (events: readonly AnyEvent[]) => log.push(`applied ${events.length === 0 ? '-' : nameOf(events[0]!.id)}`);
  const clock = fakeClock();
  const pipeline = createCommitPipeline(journal.writer, 1, 3, clock, applied, {
    clock,
    firstMs: 100,
    maxMs: 400,
    giveUpMs: timing.giveUpMs ?? 60_000,
    changed: (s) => states.push(s),
  });
  const push = (name: string) => pipeline.push(outputs(name), () => log.push(`acked ${name}`));
  const only = (prefix: string) => log.filter((l) => l.startsWith(prefix));
  return { log, states, pipeline, push, only, appended: journal.appended };
}

describe('commit pipeline: a journal that refuses writes', () => {
  it('appends a refused batch again until it commits; acknowledgements wait for it and keep the batches in order', async () => {
    const { log, states, pipeline, push, only, appended } = setup({ A: ['fail', 'fail', 'ok'], B: ['ok'], C: ['fail', 'ok'] });
    await push('A');
    await push('B');
    await push('C');
    await pipeline.drain();

    expect(only('acked')).toEqual(['acked A', 'acked B', 'acked C']);
    expect(only('applied')).toEqual(['applied A', 'applied B', 'applied C']);
    // B committed at once, yet is acknowledged only after A, which committed on its third append
    expect(log.indexOf('stored B')).toBeLessThan(log.indexOf('stored A'));
    expect(log.indexOf('acked B')).toBeGreaterThan(log.indexOf('stored A'));
    expect(log.indexOf('acked A')).toBeGreaterThan(log.indexOf('stored A'));
    // C is appended again only once A is stored: batches are stored in order after a refusal
    expect(log.indexOf('append C#2')).toBeGreaterThan(log.indexOf('stored A'));
    expect(log.indexOf('acked C')).toBeGreaterThan(log.indexOf('stored C'));
    // the same rows each time: a batch the journal did store after all is recognised by its event ids
    expect(appended.get('A')!.map((b) => b.events)).toEqual([appended.get('A')![0]!.events, appended.get('A')![0]!.events, appended.get('A')![0]!.events]);
    expect(appended.get('C')).toHaveLength(2);
    expect(states[0]).toMatchObject({ state: 'unavailable', reason: 'database or disk is full (SQLITE_FULL)', retries: 0 });
    expect(states.filter((s) => s.state === 'unavailable').length).toBe(3);
    expect(states.at(-1)).toEqual({ state: 'ok' });
  });

  it('sends no new batch to the journal while it refuses writes', async () => {
    const { log, states, pipeline, push, only } = setup({ A: ['fail', 'fail', 'ok'], D: ['ok'] });
    await push('A');
    await waitFor(() => states.length > 0, 5_000);
    await push('D');
    await pipeline.drain();
    expect(log.indexOf('append D#1')).toBeGreaterThan(log.indexOf('stored A'));
    expect(only('acked')).toEqual(['acked A', 'acked D']);
  });

  it('does not apply twice what a refused append had stored after all', async () => {
    const { pipeline, push, only } = setup({ A: ['fail', 'stored-before'] });
    await push('A');
    await pipeline.drain();
    expect(only('applied')).toEqual(['applied -']);
    expect(only('acked')).toEqual(['acked A']);
  });

  it('gives up once the journal has refused writes past the limit: a clear error, and nothing after the refused batch acknowledged or applied', async () => {
    const { log, states, pipeline, push, only } = setup({ A: ['ok'], B: ['fail'], C: ['ok'] }, { giveUpMs: 1_000 });
    await push('A');
    await push('B');
    await push('C');
    await expect(pipeline.drain()).rejects.toThrow('the journal refused writes for 1s — database or disk is full (SQLITE_FULL)');
    expect(log).toContain('stored C');
    expect(only('acked')).toEqual(['acked A']);
    expect(only('applied')).toEqual(['applied A']);
    expect(states.at(-1)).toMatchObject({ state: 'failed', reason: 'database or disk is full (SQLITE_FULL)' });
    // from then on the pipeline refuses, saying why
    await expect(push('D')).rejects.toThrow(/refused writes for 1s/);
    await expect(pipeline.drain()).rejects.toThrow(/refused writes for 1s/);
  });

  it('stops waiting when abandoned (a watch being stopped)', async () => {
    const { states, pipeline, push, only } = setup({ A: ['fail'] });
    await push('A');
    await waitFor(() => states.length > 0, 5_000);
    pipeline.abandon('stopped while the journal was unavailable');
    await expect(pipeline.drain()).rejects.toThrow('stopped while the journal was unavailable');
    expect(only('acked')).toEqual([]);
  });

  it('without a retry policy, a refused batch fails the pipeline and nothing after it is acknowledged', async () => {
    const log: string[] = [];
    const { writer } = fakeJournal({ A: ['fail'], B: ['ok'] }, log);
    const pipeline = createCommitPipeline(writer, 1, 3, fakeClock(), () => undefined);
    await pipeline.push(outputs('A'), () => log.push('acked A'));
    await pipeline.push(outputs('B'), () => log.push('acked B'));
    await expect(pipeline.drain()).rejects.toThrow(FULL);
    await new Promise((r) => setImmediate(r));
    expect(log).toContain('stored B');
    expect(log.filter((l) => l.startsWith('acked'))).toEqual([]);
  });
});
