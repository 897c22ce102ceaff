import { resolve } from 'node:path';
import { checkImportFiles, ImportError, importFiles, openJournalReader, openJournalWriter, type CheckedImport } from '../../engine/journal/index.js';
import { sessionSummary } from '../../engine/journal/sessions-admin.js';
import { UsageError } from '../errors.js';
import { parseOptions } from '../parse-options.js';

export const IMPORT_USAGE = `linesight import <file…> [--journal FILE] [--plant PLANT] [--line LINE]

  Imports files into one new session of kind "import" per run:
  *.xml           B2MML (ISA-95) documents
  any other file  JSON Lines of Linesight CloudEvents, one per line (what \`linesight export\` writes)
  Every file is checked first: a line or document that is not a valid event is refused, naming the
  file and line, and nothing of the import is written. A JSON Lines export imported again has the
  digest of the session it came from.
  --journal FILE  SQLite journal to add the session to (default ./linesight.db)
  --plant PLANT   plant of B2MML documents that name no Site
  --line LINE     production line of B2MML documents that name none

  Exit codes: 0 done · 2 bad input (nothing written) · 3 failed`;

/** `linesight import`: returns the process exit code. */
export async function importCommand(argv: readonly string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const { values, positionals } = parseOptions(argv, { journal: { type: 'string' }, plant: { type: 'string' }, line: { type: 'string' } } as const, IMPORT_USAGE);
  if (positionals.length === 0) throw new UsageError(`import needs at least one file\n\n${IMPORT_USAGE}`);
  const files = positionals;
  const journalPath = resolve(values.journal ?? 'linesight.db');
  let checked: CheckedImport;
  try {
    // Before the journal is even opened: bad input leaves no trace, not even a new empty file.
    checked = await checkImportFiles(files, { ...(values.plant ? { plant: values.plant } : {}), ...(values.line ? { line: values.line } : {}) });
  } catch (err) {
    if (err instanceof ImportError) throw new UsageError(err.message);
    throw err;
  }
  const writer = await openJournalWriter(journalPath);
  let result;
  try {
    result = await importFiles(writer, files, checked);
  } catch (err) {
    if (err instanceof ImportError) throw new UsageError(err.message);
    throw err;
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
      `digest   ${digest}\n`,
  );
  return 0;
}
