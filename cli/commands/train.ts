import { resolve } from 'node:path';
import { formatDuration, listExercises, loadActions, loadExercise, playExercise, trainingRunsCsv, TrainingRefusal, type Debrief } from '../../engine/index.js';
import { listTrainingRuns, openJournal } from '../../engine/journal/index.js';
import { UsageError } from '../errors.js';
import { parseOptions } from '../parse-options.js';
import { createProgressBar } from '../progress.js';
import { ALLOW_NETWORK_JOURNAL, ALLOW_NETWORK_JOURNAL_USAGE, journalForWriting } from '../journal-option.js';
import { renderTable } from '../table.js';
import { writeFileSync } from 'node:fs';

export const EXERCISES_USAGE = `linesight exercises [--runs JOURNAL [--csv]]

  Lists the bundled training exercises: id and title, one a line.
  --runs JOURNAL      instead, every scored trainee run in the journal (the instructor's view), newest first
  --csv               with --runs: as CSV (a header row; opens in Excel)`;

export const TRAIN_USAGE = `linesight train <exercise-id|file> --trainee NAME --actions FILE [--journal FILE] [--seed N] [--debrief FILE]

  Plays a scripted trainee headless: the exercise's scenario runs at full speed, each action of FILE
  (a YAML list of timed operator actions and answers, see docs/training.md) is carried out at its
  plant time and journaled, then the run is scored from its events and the debrief printed. The run
  is recorded in the journal, so the console's instructor view lists it.
  --trainee NAME      who takes the exercise (journaled with every action)
  --actions FILE      the trainee's actions
  --journal FILE      SQLite journal to append the session to (default ./linesight.db)
  --seed N            run the scenario on another seed than the exercise's
  --debrief FILE      also write the debrief as JSON
${ALLOW_NETWORK_JOURNAL_USAGE}

  Exit codes: 0 every objective met · 1 an objective missed · 2 bad input · 3 the run failed`;

/** \`linesight exercises\`: the bundled exercises, or the trainee runs of a journal. */
export function exercisesCommand(argv: readonly string[], out: NodeJS.WritableStream = process.stdout): number {
  const { values, positionals } = parseOptions(argv, { runs: { type: 'string' }, csv: { type: 'boolean' } } as const, EXERCISES_USAGE);
  if (positionals.length > 0) throw new UsageError(`exercises takes no arguments\n\n${EXERCISES_USAGE}`);
  if (values.csv && values.runs === undefined) throw new UsageError(`--csv goes with --runs JOURNAL\n\n${EXERCISES_USAGE}`);
  if (values.runs === undefined) {
    const list = listExercises();
    const width = Math.max(...list.map((e) => e.id.length));
    out.write(list.map((e) => `${e.id.padEnd(width)}  ${e.title}`).join('\n') + '\n');
    return 0;
  }
  const journal = openJournal(resolve(values.runs), { readonly: true });
  try {
    const runs = listTrainingRuns(journal.db).map((r) => ({ ...r, finishedAt: new Date(r.finishedAt).toISOString() }));
    if (values.csv) {
      out.write(trainingRunsCsv(runs));
      return 0;
    }
    if (runs.length === 0) {
      out.write('no trainee runs in this journal yet (linesight train, or the console\'s Training view)\n');
      return 0;
    }
    out.write(
      renderTable(
        ['run', 'trainee', 'exercise', 'score', 'passed', 'time', 'mistakes', 'hints', 'finished'],
        runs.map((r) => [r.id, r.trainee, r.exercise, `${r.score}/${r.maxScore}`, r.passed ? 'yes' : 'no', formatDuration(r.timeMs), r.mistakes, r.hints, r.finishedAt.slice(0, 16).replace('T', ' ') + 'Z']),
      ) + '\n',
    );
    return 0;
  } finally {
    journal.close();
  }
}

/** \`linesight train\`: returns the exit code (0 all objectives met, 1 not). */
export async function trainCommand(argv: readonly string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  const { values, positionals } = parseOptions(
    argv,
    { trainee: { type: 'string' }, actions: { type: 'string' }, journal: { type: 'string' }, seed: { type: 'string' }, debrief: { type: 'string' }, ...ALLOW_NETWORK_JOURNAL } as const,
    TRAIN_USAGE,
  );
  if (positionals.length !== 1) throw new UsageError(`train needs exactly one exercise id or file\n\n${TRAIN_USAGE}`);
  if (values.trainee === undefined || values.trainee.trim() === '') throw new UsageError(`train needs --trainee NAME\n\n${TRAIN_USAGE}`);
  if (values.actions === undefined) throw new UsageError(`train needs --actions FILE\n\n${TRAIN_USAGE}`);
  const seed = values.seed === undefined ? undefined : parseSeed(values.seed);
  const exercise = loadExercise(positionals[0]!);
  const steps = loadActions(values.actions);
  const journalPath = journalForWriting(resolve(values.journal ?? 'linesight.db'), values['allow-network-journal'], err);
  const bar = createProgressBar();
  const played = await playExercise(exercise, { trainee: values.trainee, steps, journalPath, seed, onProgress: (p) => bar.update(p) })
    .catch((e: unknown) => {
      // a script that asks what the exercise does not (checked before anything runs) is bad input
      throw e instanceof TrainingRefusal ? new UsageError(e.message) : e;
    })
    .finally(() => bar.done());
  if (values.debrief) writeFileSync(resolve(values.debrief), JSON.stringify(played.debrief, null, 2) + '\n');
  out.write(debriefText(played.debrief, journalPath) + '\n');
  return played.debrief.passed ? 0 : 1;
}

function parseSeed(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n > 0xffff_ffff) throw new UsageError(`--seed: expected an unsigned 32-bit integer (0 … 4294967295), got "${text}"`);
  return n;
}

/** The debrief as a terminal reads it: score, objectives with the events behind them, mistakes, hints, answers. */
export function debriefText(d: Debrief, journalPath: string): string {
  const hhmm = (iso: string) => iso.slice(11, 19) + 'Z';
  const parts = [
    `${d.exercise.title} (${d.exercise.id}, scenario ${d.exercise.scenario}, seed ${d.exercise.seed}) — trainee ${d.trainee}`,
    `score     ${d.score} of ${d.maxScore}${d.passed ? ' · every objective met' : ` · ${d.objectives.filter((o) => !o.met).length} objective${d.objectives.filter((o) => !o.met).length === 1 ? '' : 's'} missed`}`,
    `time      ${formatDuration(d.timeMs)} of plant time (limit ${formatDuration(d.timeLimitMs)})`,
    '',
    'objectives',
  ];
  for (const o of d.objectives) {
    parts.push(`  ${o.met ? 'met   ' : 'missed'} +${o.earned}/${o.points}  ${o.title}`);
    for (const c of o.checks) if (c.verdict === 'fail') parts.push(`           ${c.path} ${c.expected}: ${c.why ?? ''}`);
    const shown = o.met ? 5 : 3;
    for (const e of o.evidence.slice(0, shown)) parts.push(`           ${hhmm(e.time)} ${e.text} [${e.id}]`);
    if (o.evidence.length > shown) parts.push(`           … and ${o.evidence.length - shown} more events (--debrief FILE)`);
  }
  if (d.mistakes.length > 0) {
    parts.push('', 'mistakes');
    for (const m of d.mistakes) {
      parts.push(`  −${m.cost}  ${m.kind} at ${hhmm(m.at)}: ${m.text}`);
      for (const e of m.events.slice(0, 4)) parts.push(`         ${hhmm(e.time)} ${e.text} [${e.id}]`);
      parts.push(`         replay from here: session ${d.session} at ${m.at} (linesight serve --journal ${journalPath}, Training → runs → Replay from here)`);
    }
  }
  if (d.hints.length > 0) parts.push('', 'hints', ...d.hints.map((h) => `  −${h.cost}  ${hhmm(h.event.time)} hint ${h.n}: ${h.text}`));
  if (d.answers.length > 0) parts.push('', 'answers', ...d.answers.map((a) => `  ${a.correct ? 'right' : 'wrong'}  ${hhmm(a.event.time)} ${a.ask} → ${a.answer}`));
  if (d.refused.length > 0) parts.push('', 'not carried out', ...d.refused.map((r) => `  ${hhmm(r.at)} ${r.action}: ${r.reason}`));
  parts.push('', `journal   ${journalPath} session ${d.session}`);
  return parts.join('\n');
}
