import type { ExceptionView, MonitorSnapshot } from '../../monitor/index.js';
import type { Scenario } from '../../model/index.js';
import { OperatorError, type OperatorCommand } from '../../simulator/index.js';
import type { Debrief } from '../contract/index.js';
import { openJournal, openJournalWriter, type TrainingRunRecord } from '../journal/index.js';
import { buildRunReport } from '../report/build-report.js';
import type { RunReport } from '../report/report.js';
import { loadScenario } from '../scenario/index.js';
import { runSimulation, type RunResult, type ScriptContext } from '../session/run-simulation.js';
import type { ActionStep, DeadLetterPick, TraineeAction } from './actions-file.js';
import { debriefRun } from './debrief.js';
import type { Exercise } from './exercise.js';
import { giveAnswer, newTraineeRun, takeHint, TrainingRefusal, type TraineeRun } from './trainee-run.js';

export type PlayOptions = {
  readonly trainee: string;
  readonly steps: readonly ActionStep[];
  readonly journalPath: string;
  /** replaces the exercise's seed (a trainer checking a script on another plant day) */
  readonly seed?: number | undefined;
  readonly onProgress?: Parameters<typeof runSimulation>[1]['onProgress'];
};

export type PlayResult = { readonly debrief: Debrief; readonly report: RunReport; readonly result: RunResult; readonly run: number };

/** The scenario an exercise runs: its bundled scenario with the exercise's seed and duration. */
export function exerciseScenario(exercise: Exercise, seed?: number): Scenario {
  return loadScenario(exercise.scenario, { seed: seed ?? exercise.seed, until: exercise.until });
}

/**
 * Play a scripted trainee headless: the exercise's scenario runs at full speed, stopping at each
 * step's plant time to carry it out (journaled like a console trainee's), then to its end; the run
 * is scored from the journal and recorded in `training_runs`. Steps past the time limit are not played.
 */
export async function playExercise(exercise: Exercise, opts: PlayOptions): Promise<PlayResult> {
  for (const s of opts.steps) {
    if (s.action.kind === 'answer' && !exercise.questions.some((q) => q.id === (s.action as { question: string }).question)) {
      throw new TrainingRefusal(`${s.line}: no question "${s.action.question}" in ${exercise.id} (questions: ${exercise.questions.map((q) => q.id).join(', ') || 'none'})`);
    }
  }
  const scenario = exerciseScenario(exercise, opts.seed);
  let run: TraineeRun | undefined;
  const runOf = (session: number) => (run ??= newTraineeRun(exercise, opts.trainee, session, scenario.startMs));
  const late = opts.steps.filter((s) => s.atMs > exercise.timeLimitMs);
  const script = opts.steps
    .filter((s) => s.atMs <= exercise.timeLimitMs)
    .map((s) => ({ atMs: scenario.startMs + s.atMs, run: (ctx: ScriptContext) => perform(runOf(ctx.session), s, ctx) }));
  const result = await runSimulation(scenario, { journalPath: opts.journalPath, script, ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) });
  const r = runOf(result.session);
  for (const s of late) r.refused.push({ atMs: scenario.startMs + s.atMs, action: s.line, reason: `after the time limit (${exercise.timeLimitMs / 60_000} min of plant time): not played` });
  const report = buildRunReport(scenario, result);
  const journal = openJournal(opts.journalPath, { readonly: true });
  let debrief: Debrief;
  try {
    debrief = debriefRun(r, { report, monitor: result.monitor, db: journal.db, seed: scenario.seed });
  } finally {
    journal.close();
  }
  const id = await recordRun(opts.journalPath, debrief);
  return { debrief, report, result, run: id };
}

/** What the journal's `training_runs` keeps of a debrief. */
export function trainingRunRecord(d: Debrief): TrainingRunRecord {
  return {
    session: d.session,
    exercise: d.exercise.id,
    title: d.exercise.title,
    trainee: d.trainee,
    score: d.score,
    maxScore: d.maxScore,
    passed: d.passed,
    timeMs: d.timeMs,
    mistakes: d.mistakes.length,
    hints: d.hints.length,
    debrief: d,
  };
}

/** Record a scored run in the journal's `training_runs` (and name its session); answers its id. */
export async function recordRun(journalPath: string, d: Debrief): Promise<number> {
  const writer = await openJournalWriter(journalPath);
  try {
    await writer.labelSession(d.session, { name: trainingSessionName(d.exercise.title, d.trainee) });
    return await writer.recordTrainingRun(trainingRunRecord(d));
  } finally {
    await writer.close();
  }
}

/** What the session list calls a trainee's session. */
export function trainingSessionName(title: string, trainee: string): string {
  return `Training: ${title} — ${trainee}`.slice(0, 200);
}

/** The open dead letters an action picks: by id (each must be open), or every one matching a filter. */
export function pickDeadLetters(pick: DeadLetterPick, open: readonly ExceptionView[]): string[] {
  if ('ids' in pick) return [...pick.ids];
  const f = pick.filter;
  return open
    .filter((x) => (f.category === undefined || x.category === f.category) && (f.line === undefined || x.line === f.line || `${x.plant}/${x.line}` === f.line) && (f.messageType === undefined || x.messageType === f.messageType) && (f.order === undefined || x.order === f.order) && (f.businesskey === undefined || x.businesskey === f.businesskey))
    .map((x) => x.messageId);
}

/** The business keys a reversal step names: one key, or the key of every open gap of a kind. */
export function reversalKeys(reverses: Extract<TraineeAction, { kind: 'reverse' }>['reverses'], snapshot: MonitorSnapshot): string[] {
  if ('key' in reverses) return [reverses.key];
  return snapshot.gaps.filter((g) => g.kind === reverses.gaps).map((g) => g.businesskeys[0] ?? g.id.slice(g.kind.length + 1));
}

/** Carry out one scripted step; what the session or the exercise refuses is kept for the debrief, nothing journaled for it. */
async function perform(run: TraineeRun, step: ActionStep, ctx: ScriptContext): Promise<void> {
  const a = step.action;
  const who = run.trainee;
  const refuse = (reason: string) => run.refused.push({ atMs: ctx.nowMs, action: step.line, reason });
  const attempt = async (what: () => Promise<unknown>) => {
    try {
      await what();
    } catch (err) {
      if (err instanceof OperatorError || err instanceof TrainingRefusal) refuse(err.message);
      else throw err;
    }
  };
  const act = async (cmd: OperatorCommand) => {
    const result = await ctx.act(cmd);
    for (const r of result.refused) refuse(`${r.messageId}: ${r.reason}`);
    return result;
  };
  switch (a.kind) {
    case 'hint':
      return attempt(() => takeHint(run, act, ctx.nowMs));
    case 'answer':
      return attempt(() => giveAnswer(run, a, act, ctx.nowMs, () => ctx.monitor.snapshot()));
    case 'retry':
    case 'discard': {
      const ids = pickDeadLetters(a.pick, ctx.monitor.snapshot().exceptions);
      if (ids.length === 0) return void refuse('no open dead letter matches');
      return attempt(() => act({ kind: a.kind, messageIds: ids, who, why: a.why }));
    }
    case 'resend': {
      const ids = pickDeadLetters(a.pick, ctx.monitor.snapshot().exceptions);
      if (ids.length === 0) return void refuse('no open dead letter matches');
      for (const messageId of ids) await attempt(() => act({ kind: 'resend', messageId, changes: a.changes, who, why: a.why }));
      return;
    }
    case 'reverse': {
      const keys = reversalKeys(a.reverses, ctx.monitor.snapshot());
      if (keys.length === 0) return void refuse('no open gap of that kind');
      for (const reverses of keys) await attempt(() => act({ kind: 'reverse', reverses, who, why: a.why }));
      return;
    }
    case 'fault':
      return attempt(() => act({ kind: 'fault', fault: a.fault, enabled: a.enabled, who, why: a.why, ...(a.line === undefined ? {} : { line: a.line }), ...(a.params === undefined ? {} : { params: a.params }) }));
    case 'control':
      return attempt(() => act({ kind: 'control', control: a.control, enabled: a.enabled, who, why: a.why }));
    case 'inject':
      return attempt(() => act({ kind: 'inject', event: a.event, count: a.count, spacingMs: a.spacingMs, delayMs: a.delayMs, who, why: a.why }));
  }
}
