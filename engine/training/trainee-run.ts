import type { MonitorSnapshot } from '../../monitor/index.js';
import { rfc3339 } from '../../model/index.js';
import type { OperatorCommand } from '../../simulator/index.js';
import type { Debrief, TrainingAnswerArgs, TrainingStatus } from '../contract/index.js';
import { evaluateExpectations } from '../expect/evaluate.js';
import { summaryOf, type Exercise } from './exercise.js';

/** An answer as given, with whether it was right when it was given (kept from the trainee until the debrief). */
export type AnswerRecord = {
  readonly question: string;
  readonly answer: string;
  readonly why: string | undefined;
  readonly atMs: number;
  readonly eventId: string;
  readonly correct: boolean;
};

/** A trainee's run of an exercise, as it goes: what they asked for and answered, and what was refused. */
export type TraineeRun = {
  readonly exercise: Exercise;
  readonly trainee: string;
  readonly session: number;
  /** virtual epoch ms of the scenario's start */
  readonly startMs: number;
  readonly hints: { readonly n: number; readonly atMs: number; readonly eventId: string }[];
  readonly answers: AnswerRecord[];
  readonly refused: { readonly atMs: number; readonly action: string; readonly reason: string }[];
};

/** A trainee's request the exercise refuses (no hint left, not one of the choices, after the time limit): nothing journaled. */
export class TrainingRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrainingRefusal';
  }
}

/** Carries out an operator action in the run's session (journaled and applied when it resolves). */
export type Act = (cmd: OperatorCommand) => Promise<{ readonly actions: readonly string[] }>;

/** A trainee's name as journaled: trimmed, at most 100 characters, never empty. */
export function traineeName(name: unknown): string {
  const n = typeof name === 'string' ? name.trim().replace(/\s+/g, ' ') : '';
  if (n === '') throw new Error('the trainee needs a name: it is journaled with every action and listed in the instructor view');
  return n.slice(0, 100);
}

export function newTraineeRun(exercise: Exercise, trainee: string, session: number, startMs: number): TraineeRun {
  return { exercise, trainee: traineeName(trainee), session, startMs, hints: [], answers: [], refused: [] };
}

/** Virtual epoch ms at which the time limit runs out. */
export const limitOf = (run: TraineeRun): number => run.startMs + run.exercise.timeLimitMs;

function refuseAfterLimit(run: TraineeRun, nowMs: number, what: string): void {
  if (nowMs > limitOf(run)) throw new TrainingRefusal(`${what} comes after the time limit (${Math.round(run.exercise.timeLimitMs / 60_000)} min of plant time): the exercise is over — finish it to see the debrief`);
}

/** Take the next hint: journaled as `operator.hint-taken`; returns its text. */
export async function takeHint(run: TraineeRun, act: Act, nowMs: number): Promise<string> {
  refuseAfterLimit(run, nowMs, 'a hint');
  const n = run.hints.length + 1;
  const text = run.exercise.hints[n - 1];
  if (text === undefined) throw new TrainingRefusal(run.exercise.hints.length === 0 ? 'this exercise has no hints' : `no more hints: all ${run.exercise.hints.length} are taken`);
  const result = await act({ kind: 'hint', exercise: run.exercise.id, hint: n, who: run.trainee, why: 'asked for a hint' });
  run.hints.push({ n, atMs: nowMs, eventId: result.actions[0]! });
  return text;
}

/**
 * Answer a question: journaled as `operator.answer-given`, then judged by the question's `correct:`
 * against what the monitor shows at this moment (so a diagnosis is right for the plant as it stood).
 */
export async function giveAnswer(run: TraineeRun, args: TrainingAnswerArgs, act: Act, nowMs: number, state: () => MonitorSnapshot): Promise<AnswerRecord> {
  refuseAfterLimit(run, nowMs, 'an answer');
  const q = run.exercise.questions.find((x) => x.id === args.question);
  if (q === undefined) throw new TrainingRefusal(`no question "${String(args.question)}" in ${run.exercise.id} (questions: ${run.exercise.questions.map((x) => x.id).join(', ') || 'none'})`);
  const answer = typeof args.answer === 'string' ? args.answer.trim() : '';
  if (answer === '') throw new TrainingRefusal(`the answer to "${q.ask}" is empty`);
  if (q.choices !== undefined && !q.choices.includes(answer)) throw new TrainingRefusal(`"${answer}" is not one of the choices of "${q.ask}" (${q.choices.join(', ')})`);
  const why = typeof args.why === 'string' && args.why.trim() !== '' ? args.why.trim().slice(0, 2000) : undefined;
  const result = await act({ kind: 'answer', exercise: run.exercise.id, question: q.id, answer, who: run.trainee, why: why ?? 'answered in training' });
  const snap = state();
  const doc = { ...snap, stuckOrders: snap.orders.filter((o) => o.stuck) };
  // a number typed is a number too ("15" passes "=15" and "in 15, 16"), and stays text ("0040" passes "in … operations")
  const forms: unknown[] = /^-?\d+(\.\d+)?$/.test(answer) ? [answer, Number(answer)] : [answer];
  const correct = forms.some((form) => evaluateExpectations({ ...doc, answer: form }, [q.correct])[0]!.verdict === 'pass');
  const record: AnswerRecord = { question: q.id, answer, why, atMs: nowMs, eventId: result.actions[0]!, correct };
  run.answers.push(record);
  return record;
}

/** What the trainee may see of the run; `debrief` only once it is scored. */
export function statusOf(run: TraineeRun, nowMs: number, debrief: Debrief | null): TrainingStatus {
  const e = run.exercise;
  const latest = new Map<string, AnswerRecord>();
  for (const a of run.answers) latest.set(a.question, a);
  return {
    exercise: { ...summaryOf(e), briefing: e.briefing, questions: e.questions.map(({ id, ask, choices }) => ({ id, ask, ...(choices ? { choices } : {}) })), hints: e.hints.length, hintCost: e.hintCost },
    trainee: run.trainee,
    session: run.session,
    startMs: run.startMs,
    limitMs: limitOf(run),
    hintsTaken: run.hints.map((h) => ({ n: h.n, text: e.hints[h.n - 1]!, at: rfc3339(h.atMs) })),
    answers: [...latest.values()].map((a) => ({ question: a.question, answer: a.answer, at: rfc3339(a.atMs) })),
    state: debrief !== null ? 'finished' : nowMs > limitOf(run) ? 'timeUp' : 'running',
    debrief,
  };
}
