import { describe, expect, it } from 'vitest';
import { DEFAULT_INTEGRATION, rfc3339 } from '../../model/index.js';
import { Scheduler, type TaskHandler } from '../../simulator/core/scheduler.js';
import { TimeFormat } from '../../simulator/core/time-format.js';
import { rngStreams } from '../../simulator/core/rng.js';
import { Fifo } from '../../simulator/core/fifo.js';
import { backoffMs } from '../../simulator/integration/outbound.js';

describe('simulator/core: scheduler (unit)', () => {
  it('runs tasks by time, then priority, then the order they were scheduled', () => {
    // Given tasks scheduled out of order
    const ran: string[] = [];
    const h: TaskHandler = { fire: (_k, a) => ran.push(a as string) };
    const s = new Scheduler(1000);
    s.at(2000, 2, h, 0, 'c');
    s.at(1500, 3, h, 0, 'a');
    s.at(2000, 1, h, 0, 'b');
    s.at(2000, 2, h, 0, 'd');
    s.at(500, 0, h, 0, 'now'); // in the past: runs at the current time
    // When all run
    while (s.step());
    // Then
    expect(ran).toEqual(['now', 'a', 'b', 'c', 'd']);
    expect(s.now).toBe(2000);
    expect(s.empty).toBe(true);
  });

  it('keeps heap order over many random tasks', () => {
    const [r] = rngStreams(1, 1);
    const times: number[] = [];
    const s = new Scheduler(0);
    const h: TaskHandler = { fire: () => times.push(s.now) };
    for (let i = 0; i < 5000; i++) s.at(r!.int(0, 1000), 0, h, 0);
    while (s.step());
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});

describe('simulator/core: time format (unit)', () => {
  it('equals rfc3339 for any integer ms, including day and year changes', () => {
    const f = new TimeFormat();
    const [r] = rngStreams(3, 1);
    const samples = [0, 86_399_999, 86_400_000, Date.UTC(2024, 1, 29, 23, 59, 59, 999), Date.UTC(9999, 11, 31, 23, 59, 59, 999), 253_402_300_800_000, 1.5];
    for (let i = 0; i < 20_000; i++) samples.push(r!.int(0, 4_102_444_800_000));
    for (const ms of samples) expect(f.format(ms)).toBe(rfc3339(ms));
  });
});

describe('simulator/core: random streams (unit)', () => {
  it('are reproducible per seed and independent per stream', () => {
    const [a1, b1] = rngStreams(42, 2);
    const [a2] = rngStreams(42, 1);
    const xs = Array.from({ length: 5 }, () => a1!.float());
    expect(Array.from({ length: 5 }, () => a2!.float())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => b1!.float())).not.toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });
});

describe('simulator/core: fifo (unit)', () => {
  it('takes in insertion order across compactions', () => {
    const q = new Fifo<number>();
    const out: number[] = [];
    for (let i = 0; i < 5000; i++) {
      q.push(i);
      if (i % 3 === 0) out.push(q.take()!);
    }
    while (q.length > 0) out.push(q.take()!);
    expect(out).toEqual(Array.from({ length: 5000 }, (_, i) => i));
    expect(q.take()).toBeUndefined();
  });
});

describe('simulator/integration: retry backoff (unit)', () => {
  it('grows exponentially from the initial backoff and stops at the cap', () => {
    const retry = { ...DEFAULT_INTEGRATION.retry, initialBackoffMs: 5_000, multiplier: 2, maxBackoffMs: 60_000 };
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffMs(retry, a))).toEqual([5_000, 10_000, 20_000, 40_000, 60_000, 60_000]);
  });
});
