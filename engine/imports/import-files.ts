/**
 * Importing files (JSON Lines exports, B2MML documents) into a new journal session: the files are
 * read and checked with the sources' readers, written through the journal's one writer, and judged
 * by a monitor for the session list's counts. It sits above sources/ and journal/ (beside session/).
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { createMonitor } from '../../monitor/index.js';
import { DEFAULT_GRACE_MS, decodeEvent, type AnyEvent } from '../../model/index.js';
import type { ImportWarning } from '../contract/index.js';
import { toEventRow, type AppendResult, type EventRow, type JournalWriter } from '../journal/index.js';
import { takeRetained } from '../journal/retained-attribute.js';
import { B2mmlError, decodeXml, importB2mml, type KnownRequest } from '../sources/b2mml/index.js';

/** An input that cannot be imported: names the file (and line or element); nothing was written. */
export class ImportError extends Error {
  override readonly name = 'ImportError';
}

/** One checked input file. */
export type ImportFile = { readonly path: string; readonly format: 'jsonl' | 'b2mml'; readonly events: number };

export type ImportResult = {
  /** the new session, of kind `import` */
  readonly session: number;
  readonly files: readonly ImportFile[];
  /** events stored (an event whose id an earlier line already used, with the same content, is stored once) */
  readonly inserted: number;
  readonly duplicateIds: number;
  /** events reusing an earlier id with other content: quarantined as `id-conflict` */
  readonly idConflicts: number;
  /** what the import assumed where a B2MML document left something out (files named as they were given) */
  readonly warnings: readonly ImportWarning[];
};

/** What `checkImportFiles` found: pass it to `importFiles` to skip checking again. */
export type CheckedImport = {
  readonly files: readonly ImportFile[];
  readonly xml: ReadonlyMap<string, readonly AnyEvent[]>;
  /** what the B2MML reader assumed, in file and document order: the files were imported all the same */
  readonly warnings: readonly ImportWarning[];
};

/** Where B2MML documents that name no Site or production line are placed. */
export type B2mmlPlacement = { readonly plant?: string; readonly line?: string };

const isXml = (path: string) => extname(path).toLowerCase() === '.xml';

/** The lines of a file as bytes (LF or CRLF), numbered from 1, streamed: a capture may be large. */
async function* lines(path: string): AsyncGenerator<readonly [number, Buffer]> {
  let rest: Buffer = Buffer.alloc(0);
  let n = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    const buf = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
    let start = 0;
    for (let nl = buf.indexOf(10, start); nl !== -1; nl = buf.indexOf(10, start)) {
      yield [++n, buf.subarray(start, nl > start && buf[nl - 1] === 13 ? nl - 1 : nl)];
      start = nl + 1;
    }
    rest = Buffer.from(buf.subarray(start));
  }
  if (rest.length > 0) yield [n + 1, rest[rest.length - 1] === 13 ? rest.subarray(0, -1) : rest];
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const blank = (b: Buffer) => b.every((c) => c === 32 || c === 9);

/** Every event of a JSON Lines file, decoded with the model's one decoder; a bad line is an ImportError naming file:line. */
async function* jsonlEvents(path: string): AsyncGenerator<AnyEvent> {
  for await (const [n, raw] of lines(path)) {
    const bytes = n === 1 && raw.subarray(0, 3).equals(BOM) ? raw.subarray(3) : raw;
    if (blank(bytes)) continue;
    const decoded = decodeEvent(bytes);
    if (!decoded.ok) throw new ImportError(`${path}:${n}: ${decoded.reason}: ${decoded.detail} — nothing was imported`);
    yield decoded.event;
  }
}

/**
 * Check every file before anything is written: each JSON Lines line must decode to a Linesight
 * CloudEvent (`decodeEvent`, the decoder of every other input), each `.xml` file must be a B2MML
 * document the B2MML reader accepts. Returns what each file holds; throws an ImportError at the
 * first problem. B2MML events are kept (documents are small); JSON Lines are read again to write.
 */
export async function checkImportFiles(paths: readonly string[], b2mml: B2mmlPlacement = {}): Promise<CheckedImport> {
  if (paths.length === 0) throw new ImportError('name at least one file to import');
  const files: ImportFile[] = [];
  const xml = new Map<string, AnyEvent[]>();
  const warnings: ImportWarning[] = [];
  // one sequence counter per source across the documents of an import, so sequences stay contiguous
  const counters = new Map<string, bigint>();
  // requests the documents of an import released, so a later document's other quantity or end time is a change of one
  const requests = new Map<string, KnownRequest>();
  const receivedAt = Date.now();
  for (const path of paths) {
    let events = 0;
    try {
      if (isXml(path)) {
        // XML says its own encoding (a byte-order mark, UTF-16, an 8-bit declaration): read as bytes
        const text = decodeXml(await readFile(path), path);
        const decoded = importB2mml(text, path, { ...b2mml, receivedAt, counters, requests });
        xml.set(path, decoded.events);
        warnings.push(...decoded.warnings);
        events = decoded.events.length;
      } else {
        for await (const event of jsonlEvents(path)) if (event) events++;
      }
    } catch (err) {
      if (err instanceof ImportError) throw err;
      if (err instanceof B2mmlError) throw new ImportError(`${err.message} — nothing was imported`);
      const code = (err as { code?: unknown }).code;
      const why = code === 'ENOENT' ? 'no such file' : (err as Error).message;
      throw new ImportError(`${path}: ${why} — nothing was imported`);
    }
    files.push({ path, format: isXml(path) ? 'b2mml' : 'jsonl', events });
  }
  // A document may rightly hold no events (a B2MML MaterialDefinition), and then a warning says why;
  // an import of nothing that nothing explains is a mistake.
  if (files.every((f) => f.events === 0) && warnings.length === 0) throw new ImportError(`no events in ${paths.join(', ')} — nothing was imported`);
  return { files, xml, warnings };
}

/** Batches as the simulator sends them: one commit per ~1,000 rows, a few in flight. */
const BATCH_ROWS = 1000;
const IN_FLIGHT = 4;

/**
 * Import files into one new session of kind `import`: everything is checked first
 * (`checkImportFiles`), then written through the journal's one writer in file and line order, and
 * the session's outcome recorded (its digest cached). Events keep their envelopes byte for byte, so
 * a JSON Lines export imported again has the digest of the session it came from. Should writing
 * fail half-way (a full disk), the half-written session is marked deleted: nothing of it stays.
 */
export async function importFiles(writer: JournalWriter, paths: readonly string[], checked?: CheckedImport): Promise<ImportResult> {
  const { files, xml, warnings } = checked ?? (await checkImportFiles(paths));
  const names = files.map((f) => basename(f.path));
  const session = await writer.startSession({
    scenario: names.join(', ').slice(0, 200),
    seed: null,
    kind: 'import',
    meta: { files: files.map((f) => ({ name: basename(f.path), format: f.format, events: f.events })) },
    // kept with the session, its files named as the session's meta names them
    warnings: warnings.map((w) => ({ ...w, file: basename(w.file) })),
  });
  const totals = { inserted: 0, duplicateIds: 0, idConflicts: 0 };
  const inFlight: Promise<AppendResult>[] = [];
  const add = (r: AppendResult) => {
    totals.inserted += r.inserted;
    totals.duplicateIds += r.duplicateIds;
    totals.idConflicts += r.idConflicts;
  };
  let batch: EventRow[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    inFlight.push(writer.append(session, { events: batch, quarantine: [], ledger: [] }));
    batch = [];
    if (inFlight.length >= IN_FLIGHT) add(await inFlight.shift()!);
  };
  // the monitor's view of what was imported, for the session list's gap and exception counts
  const monitor = createMonitor({ gracePeriods: DEFAULT_GRACE_MS });
  let lastMs = Number.NEGATIVE_INFINITY;
  try {
    for (const file of files) {
      const events = xml.get(file.path) ?? jsonlEvents(file.path);
      for await (const read of events) {
        // an export marks a retained delivery with an attribute that is not part of the event
        const { event: e, retained } = takeRetained(read);
        batch.push(toEventRow(e, Date.now(), retained));
        monitor.apply(e, retained);
        lastMs = Math.max(lastMs, Date.parse(e.time));
        if (batch.length >= BATCH_ROWS) await flush();
      }
    }
    await flush();
    for (const r of await Promise.all(inFlight.splice(0))) add(r);
    // judged once every grace period after the last event has run out, like a finished run
    if (Number.isFinite(lastMs)) monitor.advance(lastMs + Math.max(...Object.values(DEFAULT_GRACE_MS)) + 1);
    const snap = monitor.snapshot();
    await writer.recordOutcome(session, { gaps: snap.gaps.length, exceptions: snap.exceptions.length });
  } catch (err) {
    await Promise.allSettled(inFlight);
    await writer.markDeleted(session).catch(() => undefined);
    if (err instanceof ImportError) throw err;
    throw new Error(`import failed: ${(err as Error).message} — the partly written session ${session} was deleted`, { cause: err });
  }
  return { session, files, ...totals, warnings };
}
