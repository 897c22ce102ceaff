/**
 * `npm run bench:reopen`: the time from start to a usable console on a journal of about a million
 * events left behind by a crash (a writer killed mid-stream, its -wal and -shm still beside the
 * file). The checks at open (header, schema; `quick_check` only on small files) run while the user
 * waits; the full `integrity_check` runs in the background — printed here too, with what a blocking
 * `quick_check` or `integrity_check` would have cost. Prints figures, one JSON line last; a
 * benchmark, never a timed test.
 *
 *   npm run bench:reopen               # about one million events
 *   npm run bench:reopen -- 200000     # a smaller journal
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { createLocalApi, runSimulation } from '../../engine/index.js';
import { openJournal } from '../../engine/journal/index.js';
import { checkJournalAtOpen } from '../../engine/journal/journal-checks.js';
import { benchScenarioFor } from './bench-scenario.js';

const log = (msg: string) => process.stderr.write(`bench:reopen  ${msg}\n`);
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

/** The crash: a writer that appends copies of the journal's last rows, never checkpoints, and is killed mid-stream. */
function crashWriter(path: string): never {
  const j = openJournal(path);
  j.db.pragma('wal_autocheckpoint = 0');
  const session = j.db.prepare('SELECT max(id) FROM sessions').pluck().get() as number;
  const copy = j.db.prepare(
    `INSERT INTO events (session, id, type, source, plant, line, order_id, lot, businesskey, correlationid, causationid, sequence, time, received_at, data, envelope)
     SELECT session, id || '-crash-' || ?, type, source, plant, line, order_id, lot, businesskey, correlationid, causationid, sequence, time, received_at, data, envelope
     FROM events WHERE session = ? ORDER BY seq DESC LIMIT 1000`,
  );
  for (let i = 0; i < 20; i++) j.db.transaction(() => copy.run(i, session)).immediate();
  // mid-stream: a transaction open, the -wal full of frames never checkpointed
  j.db.exec('BEGIN IMMEDIATE');
  copy.run('open', session);
  process.kill(process.pid, 'SIGKILL');
  throw new Error('not killed');
}

async function main(): Promise<void> {
  if (process.argv[2] === '--crash') crashWriter(process.argv[3]!);
  const target = Number(process.argv[2] ?? 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'linesight-bench-reopen-'));
  try {
    const journalPath = join(dir, 'bench.db');
    const scenario = benchScenarioFor(target);
    log(`building a journal of about ${target.toLocaleString('en-US')} events …`);
    const live = await runSimulation(scenario, { journalPath });
    log(`journal: ${live.events.toLocaleString('en-US')} events in ${(live.wallMs / 1000).toFixed(1)} s, ${mib(statSync(journalPath).size)}`);

    const crash = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--crash', journalPath], { encoding: 'utf8' });
    if (crash.signal !== 'SIGKILL') throw new Error(`the crashing writer was not killed: ${crash.status} ${crash.stderr}`);
    const wal = existsSync(`${journalPath}-wal`) ? statSync(`${journalPath}-wal`).size : 0;
    log(`crash: writer killed mid-transaction; -wal ${mib(wal)} left beside ${mib(statSync(journalPath).size)} of journal`);

    // what the user waits for: the checks at open, then the console's first answers
    const t0 = performance.now();
    const check = checkJournalAtOpen(journalPath);
    const checksMs = performance.now() - t0;
    log(`checks at open: ${check.state}${check.state === 'ok' ? ` (quick_check ${check.quick ? 'ran' : 'left to the background'})` : ''} in ${checksMs.toFixed(0)} ms`);

    const t1 = performance.now();
    const api = createLocalApi({ journalPath, configDir: join(dir, 'config') });
    const status = await api.queries['session.status']();
    const statusMs = performance.now() - t1;
    const sessions = await api.queries['sessions.list']();
    const usableMs = performance.now() - t1;
    log(`usable console: session.status after ${statusMs.toFixed(0)} ms, sessions.list (${sessions.length} sessions) after ${usableMs.toFixed(0)} ms`);
    let integrity = status.journal?.integrity;
    while (integrity === 'checking') {
      await new Promise((r) => setTimeout(r, 100));
      integrity = (await api.queries['session.status']()).journal?.integrity;
    }
    const backgroundMs = performance.now() - t1;
    log(`background integrity_check: ${integrity} after ${(backgroundMs / 1000).toFixed(1)} s (the console answered all along)`);
    await api.close();

    // what blocking checks would have cost instead
    const db = new Database(journalPath, { readonly: true });
    const t2 = performance.now();
    db.pragma('quick_check');
    const quickMs = performance.now() - t2;
    const t3 = performance.now();
    db.pragma('integrity_check');
    const integrityMs = performance.now() - t3;
    db.close();
    log(`had they blocked: quick_check ${(quickMs / 1000).toFixed(1)} s, integrity_check ${(integrityMs / 1000).toFixed(1)} s`);

    process.stdout.write(
      JSON.stringify({
        bench: 'reopen',
        events: live.events,
        journalBytes: statSync(journalPath).size,
        walBytesAfterCrash: wal,
        checksAtOpenMs: Math.round(checksMs),
        statusMs: Math.round(statusMs),
        usableMs: Math.round(usableMs),
        backgroundIntegrityMs: Math.round(backgroundMs),
        integrity,
        blockingQuickCheckMs: Math.round(quickMs),
        blockingIntegrityCheckMs: Math.round(integrityMs),
      }) + '\n',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
