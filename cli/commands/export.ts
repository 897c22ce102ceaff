import { randomUUID } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { CSV_VARIANTS, latestSession, writeEvents, type CsvOptions, type CsvVariant, type ExportFormat } from '../../engine/journal/index.js';
import { UsageError } from '../errors.js';
import { parseOptions } from '../parse-options.js';
import { checkListed, openReader, parseSessionId } from './sessions.js';

export const EXPORT_USAGE = `linesight export <journal> [--session ID] [--format jsonl|csv] [--bom] [--excel-eu] [--out FILE]

  Writes a session's events, in journal order, to stdout or a file.
  --session ID      the session (default: the latest one; see \`linesight sessions\`)
  --format FORMAT   jsonl: one CloudEvent per line, exactly as journaled (\`linesight import\` reads it
                    back with the same digest) · csv: a header row, then one row per event.
                    Default: csv when --out ends in .csv, else jsonl
  --out FILE        write to FILE (replaced only once complete) instead of stdout
  --bom             csv: start with a UTF-8 byte-order mark (Excel then reads the file as UTF-8)
  --csv-variant V   csv: rfc4180 (default: \`,\` and a decimal point) or excel-eu (\`;\` and a
                    decimal comma, for Excel with a European locale); --excel-eu says the same.
                    Cells starting with = + - @ tab or CR get a leading ' in every variant

  Exit codes: 0 done · 2 bad input (no such journal or session) · 3 failed`;

/** `linesight export`: returns the process exit code. */
export async function exportCommand(argv: readonly string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const { values, positionals } = parseOptions(
    argv,
    { session: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, bom: { type: 'boolean' }, 'csv-variant': { type: 'string' }, 'excel-eu': { type: 'boolean' } } as const,
    EXPORT_USAGE,
  );
  if (positionals.length !== 1) throw new UsageError(`export needs exactly one journal file\n\n${EXPORT_USAGE}`);
  const format = parseFormat(values.format, values.out);
  const csv = parseCsvOptions(format, values.bom, values['csv-variant'], values['excel-eu']);
  const reader = openReader(resolve(positionals[0]!));
  try {
    let session: number;
    if (values.session !== undefined) {
      session = parseSessionId(values.session, '--session');
      checkListed(reader, session);
    } else {
      const latest = latestSession(reader.db);
      if (latest === undefined) throw new UsageError(`${reader.path} has no sessions to export`);
      session = latest;
    }
    if (values.out === undefined) {
      await writeEvents(reader.db, session, {}, format, (text) => writeTo(out, text), { csv });
      return 0;
    }
    const target = resolve(values.out);
    const rows = await toFile(target, (write) => writeEvents(reader.db, session, {}, format, write, { csv }));
    process.stderr.write(`exported ${rows.toLocaleString('en-US')} events of session ${session} to ${target}\n`);
    return 0;
  } finally {
    reader.close();
  }
}

function parseFormat(format: string | undefined, outFile: string | undefined): ExportFormat {
  if (format === undefined) return outFile !== undefined && extname(outFile).toLowerCase() === '.csv' ? 'csv' : 'jsonl';
  if (format === 'jsonl' || format === 'csv') return format;
  throw new UsageError(`--format: expected jsonl or csv, got "${format}"`);
}

function parseCsvOptions(format: ExportFormat, bom: boolean | undefined, variant: string | undefined, excelEu: boolean | undefined): CsvOptions {
  if (format !== 'csv' && (bom || variant !== undefined || excelEu)) throw new UsageError('--bom, --csv-variant and --excel-eu apply to --format csv only');
  if (variant !== undefined && !CSV_VARIANTS.includes(variant as CsvVariant)) throw new UsageError(`--csv-variant: expected ${CSV_VARIANTS.join(' or ')}, got "${variant}"`);
  if (excelEu && variant === 'rfc4180') throw new UsageError('--excel-eu and --csv-variant rfc4180 contradict each other');
  return { bom: bom === true, variant: excelEu ? 'excel-eu' : ((variant as CsvVariant | undefined) ?? 'rfc4180') };
}

/** Write and wait while the stream's buffer is full, so a large session streams in bounded memory. */
function writeTo(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((done, fail) => {
    const onError = (err: Error) => fail(err);
    stream.once('error', onError);
    const finish = () => {
      stream.off('error', onError);
      done();
    };
    if (stream.write(text)) finish();
    else stream.once('drain', finish);
  });
}

/** Write a file under a temporary name beside it and rename it into place once complete. */
async function toFile(target: string, fill: (write: (text: string) => Promise<void>) => Promise<number>): Promise<number> {
  const temp = join(dirname(target), `.${basename(target)}.${randomUUID()}.part`);
  const file = await open(temp, 'wx');
  try {
    const rows = await fill(async (text) => {
      await file.writeFile(text);
    });
    await file.sync();
    await file.close();
    await rename(temp, target);
    return rows;
  } catch (err) {
    await file.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw err;
  }
}
