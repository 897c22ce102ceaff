import { resolve } from 'node:path';
import { checkImportFiles, ImportError, importFiles, type CheckedImport } from '../../engine/imports/import-files.js';
import { openJournalReader, openJournalWriter } from '../../engine/journal/index.js';
import { sessionSummary } from '../../engine/journal/sessions-admin.js';
import { UsageError } from '../errors.js';
import { parseOptions } from '../parse-options.js';
import { ALLOW_NETWORK_JOURNAL, ALLOW_NETWORK_JOURNAL_USAGE, journalForWriting } from '../journal-option.js';
import { journalRefusalMessage } from '../journal-refusal.js';
import { formatWarning } from '../../engine/sources/b2mml/index.js';

export const IMPORT_USAGE = `linesight import <file…> [--journal FILE] [--plant PLANT] [--line LINE]

  Imports files into one new session of kind "import" per run:
  *.xml           B2MML (ISA-95) documents
  any other file  JSON Lines of Linesight CloudEvents, one per line (what \`linesight export\` writes)
  Every file is checked first: a line or document that is not a valid event is refused, naming the
  file and line, and nothing of the import is written. A JSON Lines export imported again has the
  digest of the session it came from.
  B2MML may leave out what its schema makes optional (a due date, a work center, a lot's material):
  the import takes it from the enclosing element or --plant/--line, or assumes it, and prints a
  warning to stderr per assumption (file: element: what was assumed), kept with the session too.
  Refused as a whole: malformed XML, an unknown document, or an order or lot nothing names.
  --journal FILE  SQLite journal to add the session to (default ./linesight.db)
  --plant PLANT   plant of B2MML documents that name no Site
  --line LINE     production line of B2MML documents that name none
${ALLOW_NETWORK_JOURNAL_USAGE}

  Exit codes: 0 done · 2 bad input (nothing written) · 3 failed`;

/** `linesight import`: returns the process exit code. */
export async function importCommand(
  argv: readonly string[],
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  const { values, positionals } = parseOptions(argv, { journal: { type: 'string' }, plant: { type: 'string' }, line: { type: 'string' }, ...ALLOW_NETWORK_JOURNAL } as const, IMPORT_USAGE);
  if (positionals.length === 0) throw new UsageError(`import needs at least one file\n\n${IMPORT_USAGE}`);
  const files = positionals;
  const asked = resolve(values.journal ?? 'linesight.db');
  let checked: CheckedImport;
  try {
    // Before the journal is even opened: bad input leaves no trace, not even a new empty file.
    checked = await checkImportFiles(files, { ...(values.plant ? { plant: values.plant } : {}), ...(values.line ? { line: values.line } : {}) });
  } catch (e) {
    if (e instanceof ImportError) throw new UsageError(e.message);
    throw e;
  }
  // what the B2MML reader assumed, before anything is written: the files are imported all the same
  for (const w of checked.warnings) err.write(`linesight: warning: ${formatWarning(w)}\n`);
  // a read-only folder or a network share is refused; a damaged journal is set aside for a new one beside it
  const journalPath = journalForWriting(asked, values['allow-network-journal'], err);
  const writer = await openJournalWriter(journalPath).catch((e: unknown) => {
    throw new Error(journalRefusalMessage(e, journalPath, 'the import'));
  });
  let result;
  try {
    result = await importFiles(writer, files, checked);
  } catch (e) {
    if (e instanceof ImportError) throw new UsageError(e.message);
    // a journal that refuses writes (full, locked by another program): say which, why, and that nothing was imported
    throw new Error(journalRefusalMessage(e, journalPath, 'the import'), { cause: e });
  } finally {
    await writer.close();
  }
  const reader = openJournalReader(journalPath);
  const digest = sessionSummary(reader.db, result.session)?.digest ?? '';
  reader.close();
  const n = (x: number) => x.toLocaleString('en-US');
  const extra = [
    result.duplicateIds > 0 ? `${n(result.duplicateIds)} repeated (stored once)` : '',
    result.idConflicts > 0 ? `${n(result.idConflicts)} reusing an id with other content (quarantined as id-conflict)` : '',
  ].filter(Boolean);
  out.write(
    `imported ${n(result.inserted)} events from ${result.files.length} file${result.files.length === 1 ? '' : 's'} ` +
      `into session ${result.session} of ${journalPath}${extra.length > 0 ? ` (${extra.join(', ')})` : ''}\n` +
      (result.warnings.length > 0 ? `warnings ${n(result.warnings.length)} (on stderr, and kept with the session)\n` : '') +
      `digest   ${digest}\n`,
  );
  return 0;
}
