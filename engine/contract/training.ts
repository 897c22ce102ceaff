/**
 * Training: exercises (a scenario with a briefing, questions, hints, objectives and a time limit),
 * a trainee's run of one, its debrief, and the instructor's list of every run in the journal.
 *
 * Everything a trainee does is journaled as an `operator.*` event — actions, hints taken
 * (`operator.hint-taken`) and answers (`operator.answer-given`) — and the score is worked out from
 * those events and what they set off, never from clicks. While an exercise runs, what the API says
 * about it (`TrainingStatus`) never carries whether an answer was right: that is the debrief's.
 */
import type { ExpectationResult } from '../../model/index.js';

/** A bundled exercise as `training.exercises` and `linesight exercises` list it. */
export type ExerciseSummary = {
  readonly id: string;
  readonly title: string;
  /** the bundled scenario it runs */
  readonly scenario: string;
  readonly level: 'beginner' | 'intermediate' | 'advanced';
  /** plant (simulated) time the trainee has, from the scenario's start */
  readonly timeLimitMs: number;
  /** the briefing's first paragraph */
  readonly summary: string;
};

/** A question of an exercise as the trainee sees it (never with its answer). */
export type ExerciseQuestion = {
  readonly id: string;
  readonly ask: string;
  /** when given, the answer is one of these (the console offers a list); otherwise free text */
  readonly choices?: readonly string[];
};

/** `training.start` arguments: which exercise, and who takes it. */
export type TrainingStartArgs = { readonly exercise: string; readonly trainee: string };

/** `training.answer` arguments. */
export type TrainingAnswerArgs = { readonly question: string; readonly answer: string; readonly why?: string };

/** The exercise running in the current session, as the trainee may see it. */
export type TrainingStatus = {
  readonly exercise: ExerciseSummary & { readonly briefing: string; readonly questions: readonly ExerciseQuestion[]; readonly hints: number; readonly hintCost: number };
  readonly trainee: string;
  readonly session: number;
  /** virtual epoch ms: the scenario's start, and the end of the time limit */
  readonly startMs: number;
  readonly limitMs: number;
  /** hints taken so far, in order, with their text */
  readonly hintsTaken: readonly { readonly n: number; readonly text: string; readonly at: string }[];
  /** the latest answer to each question answered so far (never whether it is right) */
  readonly answers: readonly { readonly question: string; readonly answer: string; readonly at: string }[];
  /** `running` until the trainee finishes (or the time limit passes: `timeUp`); then the debrief is there */
  readonly state: 'running' | 'timeUp' | 'finished';
  readonly debrief: Debrief | null;
};

/** The kinds of mistake the debrief recognises in a trainee's events, each with what it costs by default. */
export type MistakeKind = 'double-post' | 'lost-posting' | 'over-reversal' | 'wrong-answer';

/** One event the debrief points at. */
export type EventRef = {
  readonly id: string;
  readonly type: string;
  /** RFC 3339, the event's own time */
  readonly time: string;
  readonly businesskey?: string;
  /** the event in one line */
  readonly text: string;
};

export type DebriefObjective = {
  readonly id: string;
  readonly title: string;
  readonly points: number;
  readonly met: boolean;
  readonly earned: number;
  /** each `expect:` entry with the value found and its verdict */
  readonly checks: readonly ExpectationResult[];
  /** the events that show it met or missed: the trainee's answers and actions it rests on, and what they set off */
  readonly evidence: readonly EventRef[];
};

export type DebriefMistake = {
  readonly kind: MistakeKind;
  readonly cost: number;
  /** RFC 3339: when the trainee did it (a replay of the session from here shows it) */
  readonly at: string;
  /** what it did, in a sentence or two */
  readonly text: string;
  /** the trainee's event, then the events that show the harm */
  readonly events: readonly EventRef[];
};

/** The debrief of one trainee run. */
export type Debrief = {
  readonly exercise: { readonly id: string; readonly title: string; readonly scenario: string; readonly seed: number };
  readonly trainee: string;
  /** the journal session of the run (replay it from a mistake's `at`) */
  readonly session: number;
  readonly score: number;
  readonly maxScore: number;
  /** every objective met */
  readonly passed: boolean;
  /** plant time from the scenario's start to the trainee's last action or answer (0 when none) */
  readonly timeMs: number;
  readonly timeLimitMs: number;
  readonly objectives: readonly DebriefObjective[];
  readonly mistakes: readonly DebriefMistake[];
  readonly hints: readonly { readonly n: number; readonly text: string; readonly cost: number; readonly event: EventRef }[];
  readonly answers: readonly { readonly question: string; readonly ask: string; readonly answer: string; readonly correct: boolean; readonly event: EventRef; readonly why?: string }[];
  /** the trainee's operator actions, in order */
  readonly actions: readonly EventRef[];
  /** actions the session refused (nothing journaled), and actions after the time limit (not played) */
  readonly refused: readonly { readonly at: string; readonly action: string; readonly reason: string }[];
};

/** One trainee run as the instructor's view lists it. */
export type TrainingRunSummary = {
  readonly id: number;
  readonly session: number;
  readonly trainee: string;
  readonly exercise: string;
  readonly title: string;
  readonly score: number;
  readonly maxScore: number;
  readonly passed: boolean;
  readonly timeMs: number;
  readonly mistakes: number;
  readonly hints: number;
  /** RFC 3339 wall-clock time the run was scored */
  readonly finishedAt: string;
};
