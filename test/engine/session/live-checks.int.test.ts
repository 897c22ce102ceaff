import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkSession, createLocalApi, loadScenario, type Frame, type LiveCheck, type LocalApi, type LocalApiOptions } from '../../../engine/index.js';
import { createFrameGate } from '../../../engine/session/frame-gate.js';
import { startReplaySession } from '../../../engine/session/replay-session.js';
import { runSimulation } from '../../../engine/session/run-simulation.js';
import { defaultRules } from '../../../engine/scenario/index.js';
import { fakeClock, waitFor, type FakeClock } from './fake-clock.js';

/**
 * The integration contract judged live: a session runs every event it applies through the rule
 * checker too, its frames carry each rule's verdict with its first violations and their events,
 * and its outcome records which rules failed — the same rules and verdicts `linesight check` gives.
 */
let dir: string;
let api: LocalApi | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'linesight-live-checks-'));
});
afterEach(async () => {
  await api?.close();
  api = undefined;
  rmSync(dir, { recursive: true, force: true });
});

function host(clock: FakeClock, extra: Partial<LocalApiOptions> = {}) {
  api = createLocalApi({ journalPath: join(dir, 'journal.db'), clock, ...extra });
  const frames: Frame[] = [];
  api.onFrame((frame) => frames.push(frame));
  return { api, frames };
}

/** Run a scenario to its end at max speed; its final frame. */
async function runToEnd(a: LocalApi, frames: Frame[], scenario: string, until: string): Promise<Frame> {
  const started = await a.commands['session.start']({ scenario, until, speed: 'max' });
  await a.commands['session.play']();
  await waitFor(() => frames.at(-1)?.final === true && frames.at(-1)!.session === started.session);
  return frames.at(-1)!;
}

const byId = (checks: readonly LiveCheck[]) => Object.fromEntries(checks.map((c) => [c.id, c]));
const RULE_IDS = defaultRules().map((r) => r.id);

describe('live contract checks', () => {
  it('a simulation that posts twice shows the broken rule with its events in its frames, and records it in its outcome', async () => {
    const { api, frames } = host(fakeClock());
    const final = await runToEnd(api, frames, 'idempotency-off', '3h');
    expect(final.checks.map((c) => c.id)).toEqual(RULE_IDS);
    const once = byId(final.checks)['posted-once']!;
    expect(once).toMatchObject({ kind: 'exactly-once', verdict: 'fail', failing: [expect.stringMatching(/^violations = 0: \d+ is not 0$/)] });
    expect(once.violations).toBeGreaterThan(0);
    expect(once.measured.violations).toBe(once.violations);
    // the first few violations, each with the postings that broke it (a frame stays small)
    expect(once.first.length).toBeGreaterThan(0);
    expect(once.first.length).toBeLessThanOrEqual(3);
    const v = once.first[0]!;
    expect(v.text).toMatch(/ nets to 2 postings \(2 posted, 0 reversed\), where 1 is owed$/);
    expect(v.events).toHaveLength(2);
    expect(v.events.map((e) => e.businesskey)).toEqual([v.text.split(' ')[0], v.text.split(' ')[0]]);
    const page = await api.queries['events.page']({ businesskey: v.events[0]!.businesskey, limit: 100 });
    for (const e of v.events) expect(page.events.map((x) => x.event.id)).toContain(e.id);

    // the same verdicts `linesight check` gives on the journal (posting twice does not depend on when it is judged)
    const checked = checkSession(join(dir, 'journal.db'), defaultRules(), final.session!);
    expect(byId(final.checks)['posted-once']!.measured).toEqual(checked.results.find((r) => r.id === 'posted-once')!.measured);
    expect(final.checks.map((c) => [c.id, c.verdict])).toEqual(checked.results.map((r) => [r.id, r.verdict]));

    // a clean run next (which ends the first session, recording its outcome) holds every rule
    const clean = await runToEnd(api, frames, 'baseline', '2h');
    expect(clean.checks.map((c) => [c.id, c.verdict, c.violations])).toEqual(RULE_IDS.map((id) => [id, 'pass', 0]));
    expect(clean.checks.every((c) => c.first.length === 0 && c.failing.length === 0)).toBe(true);

    const list = await api.queries['sessions.list']();
    const first = list.find((s) => s.id === final.session)!;
    expect(first.checks).toEqual({ rules: 7, failed: checked.failed, failing: checked.results.filter((r) => r.verdict === 'fail').map((r) => r.id) });
    expect(first.checks!.failing).toContain('posted-once');
    // still running: nothing recorded yet
    expect(list.find((s) => s.id === clean.session)!.checks).toBeNull();
  }, 120_000);

  it("judges a host's rules file beside the bundled rules, or alone when it says defaults: false", async () => {
    const rules = join(dir, 'strict.yaml');
    writeFileSync(
      rules,
      `defaults: false
rules:
  - id: ack-in-a-second
    kind: within
    title: MES acknowledges a release within a second
    from: erp.order.released
    to: mes.order.acknowledged
    match: order
    limit: 1s
`,
    );
    const { api, frames } = host(fakeClock(), { rulesFile: rules });
    const final = await runToEnd(api, frames, 'baseline', '2h');
    expect(final.checks).toHaveLength(1);
    expect(final.checks[0]).toMatchObject({ id: 'ack-in-a-second', kind: 'within', verdict: 'fail' });
    expect(final.checks[0]!.measured.p95).toBeGreaterThan(1000);
    expect(final.checks[0]!.first[0]!.text).toMatch(/^mes\.order\.acknowledged \d+ s after erp\.order\.released \(limit 1 s\)$/);
  }, 60_000);

  it('a replay judges the recorded events as it applies them, and after a seek back judges them again from the start', async () => {
    const scenario = loadScenario('idempotency-off', { until: '4h' });
    const journalPath = join(dir, 'journal.db');
    const run = await runSimulation(scenario, { journalPath });
    // at its last event a replay is judged at the instant `linesight check` judges the journal
    const expected = checkSession(journalPath, defaultRules(), run.session).results.map((r) => [r.id, r.verdict, r.measured]);
    const clock = fakeClock();
    const frames: Frame[] = [];
    const replay = await startReplaySession({
      journalPath,
      session: run.session,
      scenario: { id: scenario.id, name: scenario.name, seed: scenario.seed },
      gracePeriods: scenario.integration.gracePeriods,
      clock,
      frames: createFrameGate(clock, 100, (f) => frames.push(f)),
      checkpointEvery: 100,
    });
    const { startMs, endMs } = replay.info().scenario!;
    const judged = () => frames.at(-1)!.checks.map((c) => [c.id, c.verdict, c.measured]);
    await replay.seek(endMs);
    await waitFor(() => frames.at(-1)?.final === true);
    expect(judged()).toEqual(expected);

    // back to the middle: the monitor resumes from a checkpoint, the checks go over the session again
    await replay.seek(startMs + Math.floor((endMs - startMs) / 2));
    const sent = frames.length;
    await replay.seek(endMs);
    await waitFor(() => frames.length > sent && (frames.at(-1)?.checks.length ?? 0) > 0);
    expect(judged()).toEqual(expected);
    await replay.stop();
  }, 120_000);
});
