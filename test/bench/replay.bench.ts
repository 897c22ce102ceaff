/**
 * `npm run bench:replay`: in one run, the live end-to-end rate (simulator → integration layer →
 * journal → monitor) of about a million events, the replay rate of that session at max speed
 * (journal → monitor, nothing written), and the latency of seeks to random instants after the
 * replay has passed once (so its monitor checkpoints exist). Prints figures, one JSON line last;
 * a benchmark, never a timed test. Targets (issue 5): replay ≥ 0.8 × live, seek p95 < 300 ms.
 *
 *   npm run bench:replay               # about one million events
 *   npm run bench:replay -- 200000     # a smaller run
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSimulation, systemClock } from '../../engine/index.js';
import { createFrameGate } from '../../engine/session/frame-gate.js';
import { startReplaySession } from '../../engine/session/replay-session.js';
import { benchScenarioFor } from './bench-scenario.js';

const target = Number(process.argv[2] ?? 1_000_000);
const SEEKS = 40;
const dir = mkdtempSync(join(tmpdir(), 'linesight-bench-replay-'));
const log = (msg: string) => process.stderr.write(`bench:replay  ${msg}\n`);

const quantile = (sorted: readonly number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

try {
  const scenario = benchScenarioFor(target);
  const journalPath = join(dir, 'bench.db');
  log(`live: running ${scenario.lines.length} lines for ${(scenario.durationMs / 3_600_000).toFixed(1)} simulated hours …`);
  const live = await runSimulation(scenario, { journalPath });
  const liveRate = live.events / (live.wallMs / 1000);
  log(`live: ${live.events.toLocaleString('en-US')} events in ${(live.wallMs / 1000).toFixed(1)} s = ${Math.round(liveRate).toLocaleString('en-US')} events/s`);

  // frames are built as in the app (at most 10 a second), so the replay pays what a user's would
  const frames = createFrameGate(systemClock, 100, () => undefined);
  const replay = await startReplaySession({
    journalPath,
    session: live.session,
    scenario: { id: scenario.id, name: scenario.name, seed: scenario.seed },
    gracePeriods: scenario.integration.gracePeriods,
    clock: systemClock,
    frames,
    speed: 'max',
  });
  const t0 = performance.now();
  await replay.play();
  while (replay.info().status !== 'finished') await new Promise((r) => setTimeout(r, 5));
  const replayMs = performance.now() - t0;
  const replayRate = replay.info().events / (replayMs / 1000);
  log(`replay: ${replay.info().events.toLocaleString('en-US')} events in ${(replayMs / 1000).toFixed(1)} s = ${Math.round(replayRate).toLocaleString('en-US')} events/s`);

  // seeded instants over the whole session, in both directions
  const { startMs, endMs } = replay.info().scenario!;
  let seed = 0x2545f491;
  const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const seeks: number[] = [];
  for (let i = 0; i < SEEKS; i++) {
    const t = startMs + Math.floor(next() * (endMs - startMs));
    const s0 = performance.now();
    await replay.seek(t);
    seeks.push(performance.now() - s0);
  }
  const cps = replay.checkpoints();
  await replay.stop();
  seeks.sort((a, b) => a - b);
  const ratio = replayRate / liveRate;
  const p95 = quantile(seeks, 0.95);
  log(`seek: ${SEEKS} random instants: p50 ${quantile(seeks, 0.5).toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, max ${seeks[seeks.length - 1]!.toFixed(0)} ms`);
  log(`checkpoints: ${cps.count}, one every ${cps.every.toLocaleString('en-US')} events, ${(cps.bytes / 1e6).toFixed(0)} MB serialized`);
  log(`replay / live = ${ratio.toFixed(2)} (target ≥ 0.8: ${ratio >= 0.8 ? 'MET' : 'MISSED'}); seek p95 ${p95 < 300 ? 'MET' : 'MISSED'} (target < 300 ms)`);
  console.log(
    JSON.stringify({
      bench: 'replay',
      events: live.events,
      live: { ms: Math.round(live.wallMs), eventsPerSec: Math.round(liveRate) },
      replay: { ms: Math.round(replayMs), eventsPerSec: Math.round(replayRate) },
      ratio: +ratio.toFixed(3),
      checkpoints: { count: cps.count, every: cps.every, mb: Math.round(cps.bytes / 1e6) },
      seekMs: { n: SEEKS, p50: +quantile(seeks, 0.5).toFixed(1), p95: +p95.toFixed(1), max: +seeks[seeks.length - 1]!.toFixed(1) },
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      node: process.version,
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
