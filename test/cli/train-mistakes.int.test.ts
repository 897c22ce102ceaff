import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Debrief, MistakeKind } from '../../engine/contract/index.js';
import { bundledExerciseIds, loadExercise } from '../../engine/training/index.js';

/**
 * `linesight train` with trainees who get it wrong: each mistake an exercise is about, played through
 * --actions (exactly that mistake, costing what the exercise says, explained with its events), and a
 * trainee who does nothing (objectives missed, exit 1). Scripts: test/fixtures/training/<id>.<kind>.yaml.
 * (The correct trainees, the hint, the instructor's list and bad input: train.int.test.ts.)
 */
const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'linesight.js');
const fixtures = join(root, 'test', 'fixtures', 'training');
const dir = mkdtempSync(join(tmpdir(), 'linesight-train-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function linesight(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const journal = join(dir, 'training.db');
let runs = 0;

/** Play `script` for `exercise` as `trainee`; the exit code, what it printed and the debrief it wrote. */
function train(exercise: string, script: string, trainee = 'Trainee') {
  const out = join(dir, `debrief-${++runs}.json`);
  const r = linesight(['train', exercise, '--trainee', trainee, '--actions', script, '--journal', journal, '--debrief', out]);
  expect(r.stderr).toBe('');
  return { ...r, debrief: JSON.parse(readFileSync(out, 'utf8')) as Debrief };
}

const ids = bundledExerciseIds();
const scripts = readdirSync(fixtures).filter((f) => f.endsWith('.yaml'));
const cases = scripts.flatMap((f) => {
  const m = /^(.+)\.(double-post|lost-posting|over-reversal|wrong-answer)\.yaml$/.exec(f);
  return m ? [{ exercise: m[1]!, kind: m[2] as MistakeKind, file: f }] : [];
});

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
