import type { Scenario } from '../../model/index.js';
import type { Debrief, TrainingStatus } from '../contract/index.js';
import { listTrainingRuns, openJournal, trainingRunDebrief } from '../journal/index.js';
import { buildRunReport } from '../report/build-report.js';
import { startSimulationSession } from '../session/simulation-session.js';
import { debriefRun, exerciseScenario, giveAnswer, listExercises, loadExercise, newTraineeRun, statusOf, takeHint, traineeName, trainingRunRecord, trainingRunsCsv, trainingSessionName, type TraineeRun } from '../training/index.js';
import type { LocalApiOptions } from './host-context.js';
import type { OperatorActions } from './operator-actions.js';
import type { Handlers } from './registry.js';
import { hostCheckRules, simulationPacing } from './session-handlers.js';
import type { RunningSession, SessionHost } from './session-host.js';

type TrainingCalls = 'training.exercises' | 'training.start' | 'training.status' | 'training.hint' | 'training.answer' | 'training.finish' | 'training.runs' | 'training.runsCsv' | 'training.debrief';

/** The session of the exercise running now, for the checks that let a trainee practise on it (undefined: none). */
export type ExerciseSlot = { session: number | undefined };

type Deps = {
  readonly host: SessionHost;
  /** set to the exercise's session when one starts */
  readonly exercise: ExerciseSlot;
  readonly actions: OperatorActions;
  readonly opts: Pick<LocalApiOptions, 'batchSize' | 'tickMs' | 'batchesPerSlice' | 'rulesFile'>;
};

/** The exercise running in the host's current session (one at a time, like the session). */
type Current = { readonly run: TraineeRun; readonly scenario: Scenario; debrief: Debrief | null };

/**
 * Training in the console: start an exercise for a trainee (a simulation session of its scenario),
 * hints and answers journaled as operator events, and the scored debrief once finished. While it
 * runs, the status says nothing of whether an answer is right.
 */
export function trainingHandlers({ host, actions, opts, exercise: slot }: Deps): Handlers<TrainingCalls> {
  let current: Current | undefined;
  /** the exercise of the current session; throws when the current session is not a training run */
  const running = (): { c: Current; s: RunningSession } => {
    const s = host.live();
    if (current === undefined || s === undefined || s.id !== current.run.session) throw new Error('no exercise runs: start one first (training.start)');
    return { c: current, s };
  };
  const nowOf = (s: RunningSession) => s.info().simTime ?? 0;
  /**
   * Resolves with the session's final frame: the kernel sends one when the run has ended, by
   * finishing or by halting (a journal given up on), so nothing here polls or times out.
   */
  const finalFrameOf = (s: RunningSession): Promise<void> =>
    new Promise((resolve) => {
      const off = host.onFrame((f) => {
        // its end, or another session's frame: this one was replaced meanwhile
        if ((f.session === s.id && f.final) || f.session !== s.id) {
          off();
          resolve();
        }
      });
    });
  const status = (): TrainingStatus => {
    const { c, s } = running();
    return statusOf(c.run, nowOf(s), c.debrief);
  };
  const readJournal = <T>(read: (db: ReturnType<typeof openJournal>['db']) => T): T => {
    const j = openJournal(host.ctx.journalPath, { readonly: true });
    try {
      return read(j.db);
    } finally {
      j.close();
    }
  };
  return {
    'training.exercises': async () => listExercises(),
    async 'training.start'(args) {
      const trainee = traineeName(args?.trainee);
      const exercise = loadExercise(String(args?.exercise ?? ''));
      const scenario = exerciseScenario(exercise);
      const live = await host.replace((w) =>
        startSimulationSession(scenario, {
          writer: w,
          clock: host.clock,
          frames: host.frames,
          speed: host.lastSpeed,
          ...simulationPacing(opts),
          ...hostCheckRules(opts),
        }),
      );
      current = { run: newTraineeRun(exercise, trainee, live.id, scenario.startMs), scenario, debrief: null };
      slot.session = live.id;
      // the session list says whose exercise it is
      await (await host.ctx.writer()).labelSession(live.id, { name: trainingSessionName(exercise.title, trainee) });
      return host.infoOf(live);
    },
    'training.status': async () => {
      const s = host.live();
      return current !== undefined && s !== undefined && s.id === current.run.session ? statusOf(current.run, nowOf(s), current.debrief) : null;
    },
    async 'training.hint'() {
      const { c, s } = running();
      if (c.debrief !== null) throw new Error('the exercise is scored: start it again for another run');
      await takeHint(c.run, (cmd) => actions.act(cmd), nowOf(s));
      return status();
    },
    async 'training.answer'(args) {
      const { c, s } = running();
      if (c.debrief !== null) throw new Error('the exercise is scored: start it again for another run');
      await giveAnswer(c.run, { question: String(args?.question ?? ''), answer: String(args?.answer ?? ''), ...(typeof args?.why === 'string' ? { why: args.why } : {}) }, (cmd) => actions.act(cmd), nowOf(s), () => s.monitor().snapshot());
      return status();
    },
    async 'training.finish'() {
      const { c, s } = running();
      if (c.debrief !== null) return status();
      // the rest of the scenario at full speed: what the trainee set off has happened when it is scored
      if (s.info().status !== 'finished') {
        const ended = finalFrameOf(s);
        await s.setSpeed('max');
        await s.play();
        await ended;
      }
      if (host.live() !== s) throw new Error('the exercise was stopped before it was scored: start it again');
      const stopped = s.info().error;
      if (stopped !== null) throw new Error(`the run stopped before its end: ${stopped}`);
      const monitor = s.monitor();
      const snapshot = monitor.snapshot();
      const report = buildRunReport(c.scenario, {
        session: s.id,
        journalPath: host.ctx.journalPath,
        simulatedMs: nowOf(s) - c.scenario.startMs,
        settledAtMs: snapshot.nowMs,
        snapshot,
      });
      const debrief = readJournal((db) => debriefRun(c.run, { report, monitor, db, seed: c.scenario.seed }));
      const writer = await host.ctx.writer();
      await writer.recordTrainingRun(trainingRunRecord(debrief));
      c.debrief = debrief;
      return status();
    },
    'training.runs': async () => runs(),
    'training.runsCsv': async () => trainingRunsCsv(runs()),
    async 'training.debrief'(args) {
      const id = Number(args?.run);
      const d = Number.isSafeInteger(id) ? readJournal((db) => trainingRunDebrief(db, id)) : undefined;
      if (d === undefined) throw new Error(`no trainee run ${String(args?.run)} in this journal`);
      return d as Debrief;
    },
  };

  function runs() {
    return readJournal((db) => listTrainingRuns(db)).map((r) => ({ ...r, finishedAt: new Date(r.finishedAt).toISOString() }));
  }
}
