import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledExerciseIds, loadExercise } from '../../engine/training/index.js';
import { fixtures, mistakeCases, trainingCli } from './train-support.js';

/**
 * `linesight train` with trainees who get it wrong: each mistake an exercise is about, played through
 * --actions (exactly that mistake, costing what the exercise says, explained with its events), and a
 * trainee who does nothing (objectives missed, exit 1). Scripts: test/fixtures/training/<id>.<kind>.yaml.
 * (The correct trainees, the hint, the instructor's list and bad input: train.int.test.ts.)
 */
const { dir, train } = trainingCli();

const ids = bundledExerciseIds();
const cases = mistakeCases;

describe('linesight train, trainees who get it wrong', () => {
  it.each(cases)('$exercise: a $kind costs what the exercise says, and is explained with its events', ({ exercise, kind, file }) => {
    const e = loadExercise(exercise);
    const r = train(exercise, join(fixtures, file), 'Careless Trainee');
    const d = r.debrief;
    expect(d.mistakes.map((m) => m.kind)).toEqual([kind]);
    const m = d.mistakes[0]!;
    expect(m.cost).toBe(e.mistakeCosts[kind]);
    expect(m.events.length).toBeGreaterThan(0);
    expect(m.events[0]!.type).toMatch(/^operator\./);
    expect(r.stdout).toContain(`−${m.cost}  ${kind} at `);
    const missed = d.objectives.filter((o) => !o.met).reduce((s, o) => s + o.points, 0);
    expect(d.score).toBe(Math.max(0, d.maxScore - missed - m.cost));
    expect(r.code).toBe(missed > 0 ? 1 : 0);
  });

  it.each(ids)('%s: a trainee who does nothing misses objectives and exits 1', (id) => {
    const empty = join(dir, 'nothing.yaml');
    writeFileSync(empty, '[]\n');
    const r = train(id, empty, 'Idle Trainee');
    expect(r.code).toBe(1);
    expect(r.debrief.score).toBeLessThan(r.debrief.maxScore);
    expect(r.stdout).toMatch(/missed/);
  });

});
