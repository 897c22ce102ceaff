import { ConnectionsError, MappingError, ScenarioError, listBundledScenarios } from '../engine/index.js';
import { AUDIT_USAGE, auditCommand } from './commands/audit.js';
import { BROKER_USAGE, brokerCommand } from './commands/broker.js';
import { RECONCILE_USAGE, reconcileCommand } from './commands/reconcile.js';
import { REPLAY_USAGE, replayCommand } from './commands/replay.js';
import { RUN_USAGE, runCommand } from './commands/run.js';
import { SERVE_USAGE, serveCommand } from './commands/serve.js';
import { SESSIONS_USAGE, sessionsCommand } from './commands/sessions.js';
import { EXPORT_USAGE, exportCommand } from './commands/export.js';
import { IMPORT_USAGE, importCommand } from './commands/import.js';
import { FORGET_USAGE, forgetCommand } from './commands/forget.js';
import { GENEALOGY_USAGE, genealogyCommand } from './commands/genealogy.js';
import { CHECK_USAGE, checkCommand } from './commands/check.js';
import { EVIDENCE_USAGE, evidenceCommand } from './commands/evidence.js';
import { PIN_USAGE, pinCommand } from './commands/pin.js';
import { EXERCISES_USAGE, TRAIN_USAGE, exercisesCommand, trainCommand } from './commands/train.js';
import { UsageError } from './errors.js';
import { version } from './version.js';
import { renderTable } from './table.js';

const USAGE = `Linesight — see where ERP and MES disagree.

Usage:
  linesight run <scenario-id|file> [options]   run a scenario into the journal and print a per-line summary
  linesight replay <journal> [options]         replay a recorded session: again, what-if with changed rules, or to a broker
  linesight reconcile <journal> --report FILE  write a session's reconciliation report (.html, .csv or .json)
  linesight check <journal|scenario> [options] check the integration contract rules; JUnit XML for CI
  linesight evidence <journal> --out FILE.html an evidence pack: checks, reconciliation, samples, digest and audit head
  linesight serve [options]                    serve the console UI on http://127.0.0.1:4780 (engine on a worker thread)
  linesight broker [options]                   run an MQTT broker on this PC for a line's gateway (no plant network needed)
  linesight forget [options]                   end the session a watched connection keeps on its broker
  linesight scenarios                          list the bundled scenarios
  linesight sessions <journal> [options]       list, rename, annotate or delete the sessions of a journal
  linesight export <journal> [options]         write a session's events as JSON Lines or CSV (stdout by default)
  linesight import <file…> [--journal FILE]    import JSON Lines of CloudEvents or B2MML as a new session
  linesight genealogy <journal> <lot> [options] a lot's genealogy: what went into it, what it went into
  linesight audit verify <journal> [--head HASH] check the journal's hash-chained audit log (audit list: its entries)
  linesight pin status|set|clear                the engineer PIN that guards publishing, resends, discards, mappings, deletes
  linesight exercises [--runs JOURNAL]          list the bundled training exercises (or the trainee runs of a journal)
  linesight train <exercise> --trainee NAME --actions FILE  play a scripted trainee and print the scored debrief
  linesight help [command]                     show help
  linesight --version

${RUN_USAGE}

${REPLAY_USAGE}

${RECONCILE_USAGE}

${CHECK_USAGE}

${EVIDENCE_USAGE}

${SERVE_USAGE}

${BROKER_USAGE}

${FORGET_USAGE}

${SESSIONS_USAGE}

${EXPORT_USAGE}

${IMPORT_USAGE}

${GENEALOGY_USAGE}

${AUDIT_USAGE}

${PIN_USAGE}

${EXERCISES_USAGE}

${TRAIN_USAGE}`;

/** Entry point of the `linesight` bin; returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  // `linesight run … | head` closes the pipe early: that is the reader's choice, not a failure.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  const [command, ...rest] = argv;
  // `linesight run --help` (or `help run`) shows that command's usage, like any command line tool
  const usageOf: Readonly<Record<string, string>> = { run: RUN_USAGE, replay: REPLAY_USAGE, reconcile: RECONCILE_USAGE, check: CHECK_USAGE, evidence: EVIDENCE_USAGE, serve: SERVE_USAGE, broker: BROKER_USAGE, forget: FORGET_USAGE, sessions: SESSIONS_USAGE, export: EXPORT_USAGE, import: IMPORT_USAGE, genealogy: GENEALOGY_USAGE, audit: AUDIT_USAGE, pin: PIN_USAGE, exercises: EXERCISES_USAGE, train: TRAIN_USAGE };
  const asked = command === 'help' ? rest[0] : rest.includes('--help') || rest.includes('-h') ? command : undefined;
  if (asked !== undefined && usageOf[asked] !== undefined) {
    process.stdout.write(`${usageOf[asked]}\n`);
    return 0;
  }
  try {
    switch (command) {
      case 'run':
        return await runCommand(rest);
      case 'replay':
        return await replayCommand(rest);
      case 'reconcile':
        return await reconcileCommand(rest);
      case 'check':
        return await checkCommand(rest);
      case 'evidence':
        return evidenceCommand(rest);
      case 'serve':
        return await serveCommand(rest);
      case 'broker':
        return await brokerCommand(rest);
      case 'forget':
        return await forgetCommand(rest);
      case 'sessions':
        return await sessionsCommand(rest);
      case 'export':
        return await exportCommand(rest);
      case 'import':
        return await importCommand(rest);
      case 'genealogy':
        return genealogyCommand(rest);
      case 'audit':
        return auditCommand(rest);
      case 'pin':
        return await pinCommand(rest);
      case 'exercises':
        return exercisesCommand(rest);
      case 'train':
        return await trainCommand(rest);
      case 'scenarios': {
        const list = listBundledScenarios();
        // on a terminal the description is cut to its width (piped, it is whole: grep finds every word)
        const room = process.stdout.isTTY ? (process.stdout.columns || 100) - 4 - Math.max(...list.map((s) => s.id.length)) - Math.max(...list.map((s) => s.name.length)) : Infinity;
        const fit = (text: string) => (text.length <= room || room < 20 ? text : `${text.slice(0, room - 1).trimEnd()}…`);
        process.stdout.write(renderTable(['id', 'name', 'description'], list.map((s) => [s.id, s.name, fit(firstSentence(s.description))])) + '\n');
        return 0;
      }
      case '--version':
      case '-v':
        process.stdout.write(`${version()}\n`);
        return 0;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(`${USAGE}\n`);
        return 0;
      default:
        throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);
    }
  } catch (err) {
    if (err instanceof UsageError || err instanceof ScenarioError || err instanceof ConnectionsError || err instanceof MappingError) {
      process.stderr.write(`linesight: ${err.message}\n`);
      return 2;
    }
    process.stderr.write(`linesight: ${command === 'run' || command === 'train' ? 'the run' : command === 'check' ? 'the check' : command} failed: ${(err as Error).message}\n`);
    if (process.env.LINESIGHT_DEBUG) process.stderr.write(`${(err as Error).stack}\n`);
    return 3;
  }
}

function firstSentence(text: string): string {
  const s = text.replace(/\s+/g, ' ').trim();
  const end = s.indexOf('. ');
  return end > 0 ? s.slice(0, end + 1) : s;
}

