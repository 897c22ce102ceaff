import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { basename, extname, join, resolve as resolvePath } from 'node:path';
import { Ajv2020, type AnySchemaObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { parseDuration, parseExpectation, type Expectation } from '../../model/index.js';
import type { ExerciseQuestion, ExerciseSummary, MistakeKind } from '../contract/index.js';
import { listBundledScenarios, resourcesDir } from '../scenario/index.js';
import { describeError, pickError } from '../scenario/describe-error.js';
import { BUNDLED_ID, schemaPath } from '../scenario/resources.js';
import { readSource, type Source } from '../scenario/source.js';
import { ScenarioError } from '../scenario/scenario-error.js';

/** A question with its check: `correct` holds of the answer (at path `answer`) against the monitor's state when given. */
export type Question = ExerciseQuestion & { readonly correct: Expectation };

export type Objective = { readonly id: string; readonly title: string; readonly points: number; readonly expect: readonly Expectation[] };

/** An exercise file, checked and resolved. */
export type Exercise = {
  readonly id: string;
  readonly title: string;
  readonly level: ExerciseSummary['level'];
  readonly scenario: string;
  readonly seed: number | undefined;
  readonly until: string | undefined;
  readonly timeLimitMs: number;
  readonly briefing: string;
  readonly questions: readonly Question[];
  readonly hints: readonly string[];
  readonly objectives: readonly Objective[];
  readonly hintCost: number;
  readonly mistakeCosts: Readonly<Record<MistakeKind, number>>;
  /** the file it came from */
  readonly file: string;
};

/** What a mistake costs unless the exercise says otherwise. */
export const DEFAULT_MISTAKE_COSTS: Readonly<Record<MistakeKind, number>> = { 'double-post': 20, 'lost-posting': 20, 'over-reversal': 20, 'wrong-answer': 10 };
export const DEFAULT_HINT_COST = 5;

type ExerciseFile = {
  id: string;
  title: string;
  level?: ExerciseSummary['level'];
  scenario: string;
  seed?: number;
  until?: string;
  timeLimit: string;
  briefing: string;
  questions?: { id: string; ask: string; choices?: string[]; correct: string }[];
  hints?: string[];
  objectives: { id: string; title: string; points: number; expect: Record<string, unknown> }[];
  scoring?: { hint?: number; mistakes?: Partial<Record<MistakeKind, number>> };
};

const FILE_EXT = /\.(ya?ml|json)$/i;

export function exercisesDir(): string {
  return join(resourcesDir(), 'exercises');
}

/** Ids of the bundled exercises, sorted. */
export function bundledExerciseIds(): string[] {
  const dir = exercisesDir();
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

/**
 * Load an exercise: a bundled id (`resources/exercises/<id>.yaml`) or a `.yaml`/`.yml`/`.json`
 * file, checked against `resources/schema/exercise.schema.json`, its comparisons parsed and its
 * scenario checked to be bundled. Anything wrong throws a ScenarioError naming file:line:col.
 */
export function loadExercise(ref: string): Exercise {
  const looksLikeFile = FILE_EXT.test(ref) || /[\\/]/.test(ref);
  let src: Source;
  let id: string;
  if (looksLikeFile) {
    if (!FILE_EXT.test(ref)) throw new ScenarioError({ file: ref, path: '', expected: 'a .yaml, .yml or .json exercise file' });
    id = basename(ref, extname(ref));
    src = readSource(ref, resolvePath(ref));
  } else {
    const ids = bundledExerciseIds();
    if (!BUNDLED_ID.test(ref) || !ids.includes(ref)) throw new ScenarioError({ file: ref, path: '', expected: `a bundled exercise id (${ids.join(', ')}) or a .yaml, .yml or .json file` });
    id = ref;
    const path = join(exercisesDir(), `${ref}.yaml`);
    src = readSource(path, path);
  }
  check(src);
  return resolveExercise(id, src);
}

/** Every bundled exercise, sorted by id. */
export function listExercises(): ExerciseSummary[] {
  return bundledExerciseIds().map((id) => summaryOf(loadExercise(id)));
}

export function summaryOf(e: Exercise): ExerciseSummary {
  return { id: e.id, title: e.title, scenario: e.scenario, level: e.level, timeLimitMs: e.timeLimitMs, summary: e.briefing.trim().split(/\n\s*\n/)[0]!.replace(/\s+/g, ' ').trim() };
}

function resolveExercise(fileId: string, src: Source): Exercise {
  const f = src.data as ExerciseFile;
  if (f.id !== fileId) src.fail(['id'], `"${fileId}", the file's name`, JSON.stringify(f.id));
  const scenarios = listBundledScenarios().map((s) => s.id);
  if (!scenarios.includes(f.scenario)) src.fail(['scenario'], `a bundled scenario id (${scenarios.join(', ')})`, JSON.stringify(f.scenario));
  const timeLimitMs = parseDuration(f.timeLimit);
  if (timeLimitMs === undefined || timeLimitMs <= 0) src.fail(['timeLimit'], 'a duration longer than 0 (e.g. 8h)', JSON.stringify(f.timeLimit));
  const seen = new Set<string>();
  const questions = (f.questions ?? []).map((q, i): Question => {
    if (seen.has(q.id)) src.fail(['questions', i, 'id'], 'a question id used once', JSON.stringify(q.id));
    seen.add(q.id);
    const correct = parseExpectation('answer', q.correct);
    if (typeof correct === 'string') src.fail(['questions', i, 'correct'], 'a comparison such as "in gaps[kind=receipt][*].order" or "=business-rule"', `${JSON.stringify(q.correct)} (${correct.replace(/^answer: /, '')})`);
    return { id: q.id, ask: q.ask, ...(q.choices ? { choices: q.choices } : {}), correct };
  });
  const objectiveIds = new Set<string>();
  const objectives = f.objectives.map((o, i): Objective => {
    if (objectiveIds.has(o.id)) src.fail(['objectives', i, 'id'], 'an objective id used once', JSON.stringify(o.id));
    objectiveIds.add(o.id);
    const expect = Object.entries(o.expect).map(([path, value]) => {
      const e = parseExpectation(path, value);
      if (typeof e === 'string') src.fail(['objectives', i, 'expect', path], 'a report path and a number, true/false or a comparison', e);
      const answered = /^training\.answers\.([A-Za-z_][A-Za-z0-9_-]*)/.exec(path);
      if (answered && !seen.has(answered[1]!)) src.fail(['objectives', i, 'expect', path], `a question of this exercise (${[...seen].join(', ') || 'none'})`, answered[1], { key: true });
      return e;
    });
    return { id: o.id, title: o.title, points: o.points, expect };
  });
  return {
    id: f.id,
    title: f.title,
    level: f.level ?? 'beginner',
    scenario: f.scenario,
    seed: f.seed,
    until: f.until,
    timeLimitMs,
    briefing: f.briefing,
    questions,
    hints: f.hints ?? [],
    objectives,
    hintCost: f.scoring?.hint ?? DEFAULT_HINT_COST,
    mistakeCosts: { ...DEFAULT_MISTAKE_COSTS, ...(f.scoring?.mistakes ?? {}) },
    file: src.file,
  };
}

let validator: ValidateFunction | undefined;

function check(src: Source): void {
  if (validator === undefined) {
    const schema = JSON.parse(readFileSync(schemaPath('exercise.schema.json'), 'utf8')) as AnySchemaObject;
    const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true, strictRequired: false });
    validator = ajv.compile(schema);
  }
  if (validator(src.data)) return;
  const errors = validator.errors ?? [];
  const err = pickError(errors) ?? errors[0];
  if (!err) src.fail([], 'a value the schema accepts');
  const d = describeError(err);
  src.fail(d.path, d.expected, d.got, { key: d.key });
}
