import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';
import type { Debrief, MistakeKind } from '../../engine/contract/index.js';

/** What the `linesight train` tests share: the bin run as a user runs it, one journal per test file, the fixtures. */
const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'linesight.js');
export const fixtures = join(root, 'test', 'fixtures', 'training');

/** The trainee scripts of test/fixtures/training, and those that make one mistake: `<exercise>.<kind>.yaml`. */
export const scripts = readdirSync(fixtures).filter((f) => f.endsWith('.yaml'));
export const mistakeCases = scripts.flatMap((f) => {
  const m = /^(.+)\.(double-post|lost-posting|over-reversal|wrong-answer)\.yaml$/.exec(f);
  return m ? [{ exercise: m[1]!, kind: m[2] as MistakeKind, file: f }] : [];
});

/** A temporary folder and journal for one test file (removed after it), and the bin run in it. */
export function trainingCli() {
  const dir = mkdtempSync(join(tmpdir(), 'linesight-train-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const journal = join(dir, 'training.db');
  let runs = 0;
  const linesight = (args: string[]) => {
    const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  return {
    dir,
    journal,
    linesight,
    /** how many runs `train` has recorded in the journal */
    runs: () => runs,
    /** Play `script` for `exercise` as `trainee`; the exit code, what it printed and the debrief it wrote. */
    train: (exercise: string, script: string, trainee = 'Trainee') => {
      const out = join(dir, `debrief-${++runs}.json`);
      const r = linesight(['train', exercise, '--trainee', trainee, '--actions', script, '--journal', journal, '--debrief', out]);
      expect(r.stderr).toBe('');
      return { ...r, debrief: JSON.parse(readFileSync(out, 'utf8')) as Debrief };
    },
  };
}
