import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledExerciseIds, loadActions, loadExercise } from '../../../engine/training/index.js';

/**
 * Exercise files and trainees' actions files are checked like scenario files: what is wrong is named
 * with file:line:col, and a file that loads is one the engine can play.
 */
const dir = mkdtempSync(join(tmpdir(), 'linesight-exercise-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const GOOD = `id: my-exercise
title: Find it
scenario: period-close
timeLimit: 8h
briefing: |
  Something is missing.

  Find it.
questions:
  - id: order
    ask: Which order?
    correct: "in gaps[kind=receipt][*].order"
objectives:
  - id: name-order
    title: Name the order
    points: 100
    expect:
      training.answers.order.correct: true
`;

describe('exercise files', () => {
  it('bundles at least eight exercises, each loading with objectives worth points and a scenario that exists', () => {
    const ids = bundledExerciseIds();
    expect(ids.length).toBeGreaterThanOrEqual(8);
    for (const id of ids) {
      const e = loadExercise(id);
      expect(e.id).toBe(id);
      expect(e.objectives.length).toBeGreaterThan(0);
      expect(e.objectives.reduce((s, o) => s + o.points, 0)).toBeGreaterThan(0);
      expect(e.briefing.trim().length).toBeGreaterThan(40);
    }
  });

  it('loads a file with defaults (level, scoring) and its comparisons parsed', () => {
    const e = loadExercise(write('my-exercise.yaml', GOOD));
    expect(e).toMatchObject({ id: 'my-exercise', level: 'beginner', timeLimitMs: 8 * 3_600_000, hintCost: 5, mistakeCosts: { 'double-post': 20, 'wrong-answer': 10 } });
    expect(e.questions[0]!.correct.test).toMatchObject({ op: 'in', among: { text: 'gaps[kind=receipt][*].order' } });
  });

  it.each([
    ['a key the schema does not know', GOOD.replace('timeLimit: 8h', 'timeLimit: 8h\ntimelimit: 9h'), /:5:1: .*timelimit/],
    ['an id that is not the file name', GOOD.replace('id: my-exercise', 'id: other'), /:1:5: .*"my-exercise", the file's name/],
    ['a scenario that is not bundled', GOOD.replace('scenario: period-close', 'scenario: period-closed'), /:3:11: .*a bundled scenario id/],
    ['a comparison that does not parse', GOOD.replace('"in gaps[kind=receipt][*].order"', '"in gaps[kind=receipt"'), /:12:14: .*unclosed \[/],
    ['an objective on a question that does not exist', GOOD.replace('training.answers.order.correct', 'training.answers.orders.correct'), /:18:7: .*a question of this exercise \(order\)/],
    ['points that are not a whole number', GOOD.replace('points: 100', 'points: 1.5'), /:16:13: .*an integer between 1 and 1000, got 1.5/],
    ['a YAML syntax error', GOOD.replace('title: Find it', 'title: [Find it'), /my-exercise\.yaml:\d+:\d+: .*valid YAML/],
  ])('names file:line:col for %s', (_what, text, pattern) => {
    expect(() => loadExercise(write('my-exercise.yaml', text))).toThrow(pattern);
  });

  it('refuses an id that is neither bundled nor a file, listing the bundled ones', () => {
    expect(() => loadExercise('nope')).toThrow(/a bundled exercise id \(.*missing-receipt/);
    expect(() => loadExercise('../scenarios/baseline')).toThrow(/a \.yaml, \.yml or \.json exercise file/);
  });
});

describe("trainees' actions files", () => {
  it('reads every kind of action with its plant time and reason', () => {
    const steps = loadActions(
      write(
        'actions.yaml',
        `- at: 90m
  hint: true
- at: 2h
  answer: { question: order, answer: PO-1, why: the gap says so }
- at: 2h
  retry: { category: technical }
  why: ERP is back
- at: 3h
  resend: { messages: [m-1, m-2], changes: { uom: EA } }
- at: 3h
  discard: all
- at: 4h
  reverse: { gaps: duplicate-posting }
- at: 4h
  fault: { fault: wan-outage, line: L1, enabled: false }
- at: 5h
  control: { control: idempotency, enabled: true }
`,
      ),
    );
    expect(steps.map((s) => [s.atMs / 60_000, s.action.kind])).toEqual([
      [90, 'hint'],
      [120, 'answer'],
      [120, 'retry'],
      [180, 'resend'],
      [180, 'discard'],
      [240, 'reverse'],
      [240, 'fault'],
      [300, 'control'],
    ]);
    expect(steps[2]!.action).toEqual({ kind: 'retry', pick: { filter: { category: 'technical' } }, why: 'ERP is back' });
    expect(steps[3]!.action).toMatchObject({ pick: { ids: ['m-1', 'm-2'] }, changes: { uom: 'EA' }, why: 'scripted trainee' });
    expect(steps[4]!.action).toMatchObject({ pick: { filter: {} } });
    expect(steps[5]!.action).toMatchObject({ reverses: { gaps: 'duplicate-posting' } });
  });

  it.each([
    ['no at:', '- hint: true\n', /actions\.yaml:1:3: .*at: a plant time/],
    ['two actions in one entry', '- at: 1h\n  hint: true\n  discard: all\n', /actions\.yaml:1:3: .*exactly one action.*hint and discard/],
    ['an unknown action', '- at: 1h\n  approve: all\n', /actions\.yaml:2:3: .*at, why or one action/],
    ['a filter key that does not exist', '- at: 1h\n  retry: { kind: technical }\n', /actions\.yaml:2:12: .*a filter of open dead letters/],
    ['a category that does not exist', '- at: 1h\n  retry: { category: tech }\n', /actions\.yaml:2:22: .*one of technical, business-rule, data-quality/],
    ['a fault kind that does not exist', '- at: 1h\n  fault: { fault: wan, enabled: true }\n', /actions\.yaml:2:19: .*a fault kind/],
    ['not a list', 'at: 1h\nhint: true\n', /actions\.yaml:1:1: .*a list of actions/],
  ])('names file:line:col for %s', (_what, text, pattern) => {
    expect(() => loadActions(write('actions.yaml', text))).toThrow(pattern);
  });
});
