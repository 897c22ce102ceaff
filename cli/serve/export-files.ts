import { realpathSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { EXPORT_FILE_NAME } from '../../engine/journal/index.js';
import { EVIDENCE_FILE_NAME } from '../../engine/report/evidence.js';
import { REPORT_FILE_NAME } from '../../engine/report/reconciliation-report.js';
import { PROFILES_FILE_NAME } from '../../engine/api/settings-handlers.js';
import { sendFile } from './send-file.js';
import { inside } from './static-files.js';

/** The URL prefix exports are served under; the engine builds `href`s with it. */
export const EXPORTS_PATH = '/exports/';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const TYPES: Readonly<Record<string, string>> = {
  csv: 'text/csv; charset=utf-8',
  // JSON Lines has no registered type yet; this is the one jsonlines.org proposes.
  jsonl: 'application/jsonl; charset=utf-8',
  // reconciliation reports and evidence packs (always sent as attachments, with nosniff)
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
  // exported connection profiles: a connections file
  yaml: 'application/yaml; charset=utf-8',
};

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end('not found\n');
}

/**
 * The export file a request path names, or null. Only a plain name of a finished export,
 * reconciliation report or evidence pack is accepted (`EXPORT_FILE_NAME`, `REPORT_FILE_NAME`,
 * `EVIDENCE_FILE_NAME`): no separators, no `..`, no half-written `.part` files — so
 * nothing outside `dir`, nor anything else in it, can be fetched.
 */
export function exportFileName(rawUrl: string): string | null {
  const pathPart = rawUrl.split(/[?#]/, 1)[0] ?? '';
  if (!pathPart.startsWith(EXPORTS_PATH)) return null;
  let name: string;
  try {
    name = decodeURIComponent(pathPart.slice(EXPORTS_PATH.length));
  } catch {
    return null;
  }
  return EXPORT_FILE_NAME.test(name) || REPORT_FILE_NAME.test(name) || EVIDENCE_FILE_NAME.test(name) || PROFILES_FILE_NAME.test(name) ? name : null;
}

/** Serves finished exports from `dir` as downloads (GET/HEAD). */
export function createExportHandler(dir: string): Handler {
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('method not allowed\n');
      return;
    }
    const name = exportFileName(req.url ?? '');
    const file = name === null ? null : join(dir, name);
    const size = file === null ? null : fileSize(dir, file);
    if (name === null || file === null || size === null) {
      notFound(res);
      return;
    }
    sendFile(req, res, file, {
      'Content-Type': TYPES[name.slice(name.lastIndexOf('.') + 1)] ?? 'application/octet-stream',
      'Content-Length': size,
      // The name is plain ASCII (the pattern allows nothing else), so it needs no encoding here.
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
  };
}

/** The size of a plain file really inside `dir` (a link out of it counts as missing), or null. */
function fileSize(dir: string, file: string): number | null {
  try {
    if (!inside(realpathSync(dir), realpathSync(file))) return null;
    const st = statSync(file);
    return st.isFile() ? st.size : null;
  } catch {
    return null;
  }
}

/** Route `/exports/…` to the export handler and everything else to `fallback`. */
export function withExports(dir: string, fallback: Handler): Handler {
  const exports = createExportHandler(dir);
  return (req, res) => ((req.url ?? '').startsWith(EXPORTS_PATH) ? exports : fallback)(req, res);
}
