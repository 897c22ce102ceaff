import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MistakeKind } from '../../engine/contract/index.js';
import { bundledExerciseIds, loadExercise } from '../../engine/training/index.js';
import { fixtures, mistakeCases, scripts, trainingCli } from './train-support.js';

/**
 * `linesight exercises` and `linesight train` as a trainer uses them: every bundled exercise played
 * through --actions by a correct trainee (full marks, exit 0), by trainees who make each mistake the
 * exercise is about (exactly that mistake, costing what the exercise says), by one who takes a hint,
 * and by one who does nothing (objectives missed, exit 1). Scripts: test/fixtures/training/<id>.<case>.yaml.
 */
const { dir, journal, linesight, train, runs } = trainingCli();

const ids = bundledExerciseIds();
const MISTAKES: readonly MistakeKind[] = ['double-post', 'lost-posting', 'over-reversal', 'wrong-answer'];
const cases = mistakeCases;

describe('linesight exercises', () => {
  it('lists the bundled exercises, id and title, one a line', () => {
    const r = linesight(['exercises']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(ids);
    expect(lines.length).toBeGreaterThanOrEqual(8);
    for (const [i, l] of lines.entries()) expect(l).toContain(loadExercise(ids[i]!).title);
  });

  it('has a correct script for every bundled exercise, and every kind of mistake played in at least two exercises', () => {
    for (const id of ids) expect(scripts).toContain(`${id}.correct.yaml`);
    for (const kind of MISTAKES) expect(new Set(cases.filter((c) => c.kind === kind).map((c) => c.exercise)).size, kind).toBeGreaterThanOrEqual(2);
  });
});

describe('linesight train', () => {
  it.each(ids)('%s: a correct trainee scores full marks and exits 0', (id) => {
    const r = train(id, join(fixtures, `${id}.correct.yaml`), 'Correct Trainee');
    expect(r.code).toBe(0);
    const d = r.debrief;
    expect(d.score).toBe(d.maxScore);
    expect(r.stdout).toContain(`score     ${d.maxScore} of ${d.maxScore} · every objective met`);
    expect(d).toMatchObject({ passed: true, mistakes: [], hints: [], refused: [] });
    expect(d.objectives.every((o) => o.met)).toBe(true);
    // an objective on an answer points at the answer; one on actions at the actions and what they set off
    for (const o of d.objectives) if (o.checks.some((c) => c.path.startsWith('training.answers.'))) expect(o.evidence.map((e) => e.type), o.id).toContain('operator.answer-given');
    const acted = d.actions.length > 0;
    for (const o of d.objectives) if (acted && !o.checks.some((c) => c.path.startsWith('training.answers.'))) expect(o.evidence.length, o.id).toBeGreaterThan(0);
    expect(d.timeMs).toBeLessThanOrEqual(d.timeLimitMs);
  });

  it('a hint costs what the exercise says', () => {
    const e = loadExercise('missing-receipt');
    const r = train('missing-receipt', join(fixtures, 'missing-receipt.hint.yaml'));
    expect(r.code).toBe(0);
    expect(r.debrief.hints.map((h) => [h.n, h.cost, h.text])).toEqual([[1, e.hintCost, e.hints[0]]]);
    expect(r.debrief.score).toBe(r.debrief.maxScore - e.hintCost);
  });

  it('lists every run for the instructor, as a table and as CSV', () => {
    const table = linesight(['exercises', '--runs', journal]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/run\s+trainee\s+exercise\s+score\s+passed/);
    expect(table.stdout).toContain('Correct Trainee');
    const csv = linesight(['exercises', '--runs', journal, '--csv']);
    const rows = csv.stdout.trimEnd().split('\r\n');
    expect(rows[0]).toBe('run,session,trainee,exercise,title,score,max_score,passed,time_min,mistakes,hints,finished_at');
    expect(rows.length - 1).toBe(runs());
  });

  it('refuses bad input with exit 2, saying where', () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, '- at: 1h\n  hint: yes please\n');
    const r = linesight(['train', 'missing-receipt', '--trainee', 'T', '--actions', bad, '--journal', journal]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:2:9: .*hint: true/);
    expect(linesight(['train', 'no-such', '--trainee', 'T', '--actions', bad]).stderr).toMatch(/a bundled exercise id \(.*missing-receipt/);
    expect(linesight(['train', 'missing-receipt', '--actions', bad]).stderr).toMatch(/needs --trainee NAME/);
    const unknownQuestion = join(dir, 'question.yaml');
    writeFileSync(unknownQuestion, '- at: 1h\n  answer: { question: lot, answer: L1 }\n');
    const q = linesight(['train', 'missing-receipt', '--trainee', 'T', '--actions', unknownQuestion, '--journal', journal]);
    expect(q.code).toBe(2);
    expect(q.stderr).toMatch(/no question "lot" in missing-receipt \(questions: order, root-cause\)/);
  });
});
