// `npm run torture -- --kills N [--seed S] [--rate R] [--keep]`: the crash harness run by hand, for
// hundreds of kills. The seed is random unless given, and printed, so a failing run can be repeated.
import { parseArgs } from 'node:util';
import { runCrashHarness } from './crash-harness.js';

const { values } = parseArgs({
  options: { kills: { type: 'string', default: '100' }, seed: { type: 'string' }, rate: { type: 'string', default: '400' }, keep: { type: 'boolean', default: false } },
});
const whole = (text: string, flag: string): number => {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${flag}: expected a whole number, got "${text}"`);
  return n;
};
const kills = whole(values.kills, '--kills');
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : whole(values.seed, '--seed');
const ratePerSecond = whole(values.rate, '--rate');
process.stdout.write(`torture: seed ${seed} (repeat with --seed ${seed}), ${kills} kills, ${ratePerSecond} msg/s\n`);

// Ctrl-C: the brokers started go with the process (their exit hook), the child with its IPC channel
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

const report = await runCrashHarness({ kills, seed, ratePerSecond, keep: values.keep, log: (line) => process.stdout.write(`${line}\n`) });
const f = report.final;
const integrityFailures = report.kills.filter((k) => k.integrity !== 'ok' && k.integrity !== 'no journal').length + (f.integrity === 'ok' ? 0 : 1);
const summary = [
  ['seed', report.seed],
  ['kills', report.kills.length],
  ['  of them while starting', report.kills.filter((k) => k.duringStartup).length],
  ['  of them while simulating', report.kills.filter((k) => k.mode === 'simulate').length],
  ['messages published (broker PUBACK)', report.published],
  ['acknowledged by Linesight', report.acknowledged],
  ['journaled (events)', f.events],
  ['published, not journaled', f.publishedMissing],
  ['acknowledged, not journaled (any kill)', Math.max(f.ackedMissing, ...report.kills.map((k) => k.ackedMissing))],
  ['duplicates (ids journaled twice)', f.duplicates],
  ['redelivered by the broker', f.redelivered],
  ['sessions interrupted', f.interrupted.length],
  ['integrity failures', integrityFailures],
  ['injection outbox rows / resent / pending', `${f.outbox.rows} / ${f.outbox.heardTotal - f.outbox.heardDistinct} / ${f.outbox.pending}`],
  ['simulation outbox rows / resent / pending', `${f.simOutbox.rows} / ${f.simOutbox.heardTotal - f.simOutbox.heardDistinct} / ${f.simOutbox.pending}`],
  ['time', `${(report.ms / 1000).toFixed(1)} s`],
] as const;
process.stdout.write(`\nsummary\n${summary.map(([k, v]) => `  ${k.padEnd(40)} ${v}`).join('\n')}\n`);
if (values.keep) process.stdout.write(`journal kept at ${report.journalPath}\n`);
if (report.problems.length > 0) {
  process.stdout.write(`\n${report.problems.length} problems:\n${report.problems.map((p) => `  ${p}`).join('\n')}\n`);
  process.exitCode = 1;
} else process.stdout.write('all checks held\n');
