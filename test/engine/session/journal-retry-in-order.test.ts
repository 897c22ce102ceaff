import { describe, expect, it } from 'vitest';
import type { JournalState } from '../../../engine/contract/index.js';
import type { AppendBatch, AppendResult, JournalWriter } from '../../../engine/journal/index.js';
import { createCommitPipeline } from '../../../engine/session/commit-pipeline.js';
import { appendsInOrder, isJournalRefusal } from '../../../engine/session/journal-retry.js';
import type { AnyEvent } from '../../../model/index.js';
import type { SimOutput } from '../../../simulator/index.js';
import { plantTraffic } from '../../support/plant-traffic.js';
import { fakeClock } from './fake-clock.js';

/**
 * A simulation's pipeline (run-simulation.ts, simulation-session.ts): its writer keeps appends in order
 * across refusals, so the journal's order stays the order the events were made in, and only a
 * refusal that may pass is waited for.
 */
type Outcome = 'ok' | 'full' | 'broken';

const traffic = plantTraffic('4h');
const batches: Record<string, AnyEvent[]> = { A: traffic.slice(0, 2), B: traffic.slice(2, 3), C: traffic.slice(3, 5) };
const nameOf = (id: string) => Object.keys(batches).find((k) => batches[k]![0]!.id === id)!;
const outputs = (name: string): SimOutput[] => batches[name]!.map((event) => ({ kind: 'event', event }));

/** A writer whose appends do what `plan` says (the last outcome repeats), answering on a later turn. */
function fakeWriter(plan: Record<string, Outcome[]>, log: string[]): JournalWriter {
  const tries = new Map<string, number>();
  return {
    append(_session: number, batch: AppendBatch): Promise<AppendResult> {
      const name = nameOf(batch.events[0]![0]);
      const n = (tries.get(name) ?? 0) + 1;
      tries.set(name, n);
      log.push(`append ${name}`);
      const outcome = plan[name]![Math.min(n, plan[name]!.length) - 1]!;
      return new Promise((resolve, reject) =>
        setImmediate(() => {
          if (outcome === 'full') reject(Object.assign(new Error('journal append failed (SQLITE_FULL): database or disk is full'), { code: 'SQLITE_FULL' }));
          else if (outcome === 'broken') reject(new Error('journal append failed: journal writer thread crashed'));
          else {
            log.push(`stored ${name}`);
            resolve({ inserted: batch.events.length, duplicateIds: 0, idConflicts: 0 });
          }
        }),
      );
    },
  } as unknown as JournalWriter;
}

function pipelineOver(plan: Record<string, Outcome[]>) {
  const log: string[] = [];
  const states: JournalState[] = [];
  const clock = fakeClock();
  const pipeline = createCommitPipeline(appendsInOrder(fakeWriter(plan, log)), 1, 3, clock, (events) => log.push(`applied ${nameOf(events[0]!.id)}`), {
    clock,
    firstMs: 100,
    giveUpMs: 60_000,
    retryable: isJournalRefusal,
    changed: (s) => states.push(s),
  });
  return { log, states, pipeline };
}

describe('a simulation pipeline over a journal that refuses writes', () => {
  it('stores the batches in the order they were made: one behind a refused batch is not sent before it is stored', async () => {
    const { log, states, pipeline } = pipelineOver({ A: ['full', 'full', 'ok'], B: ['ok'], C: ['ok'] });
    await pipeline.push(outputs('A'));
    await pipeline.push(outputs('B'));
    await pipeline.push(outputs('C'));
    await pipeline.drain();
    expect(log.filter((l) => l.startsWith('stored'))).toEqual(['stored A', 'stored B', 'stored C']);
    expect(log.filter((l) => l.startsWith('applied'))).toEqual(['applied A', 'applied B', 'applied C']);
    // B and C went to the journal only once A was stored: B could have fitted where A did not
    expect(log.indexOf('append B')).toBeGreaterThan(log.indexOf('stored A'));
    expect(states.at(0)).toMatchObject({ state: 'unavailable', cause: 'full' });
    expect(states.at(-1)).toEqual({ state: 'ok' });
  });

  it('fails at once on an error that is not a refusal (no five minutes of waiting on a crashed writer)', async () => {
    const { states, pipeline } = pipelineOver({ A: ['broken'], B: ['ok'], C: ['ok'] });
    await pipeline.push(outputs('A'));
    await expect(pipeline.drain()).rejects.toThrow('journal writer thread crashed');
    expect(states).toEqual([]);
  });

  it('tells a refusal that may pass (full, busy, read-only, I/O) from one that will not', () => {
    const err = (code?: string) => Object.assign(new Error('x'), code === undefined ? {} : { code });
    expect(['SQLITE_FULL', 'SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_READONLY', 'SQLITE_IOERR_WRITE'].map((c) => isJournalRefusal(err(c)))).toEqual([true, true, true, true, true]);
    expect(['SQLITE_CORRUPT', 'SQLITE_CONSTRAINT_UNIQUE', undefined].map((c) => isJournalRefusal(err(c)))).toEqual([false, false, false]);
  });
});
