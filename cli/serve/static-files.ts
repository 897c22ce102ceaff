import { existsSync, realpathSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { sendFile } from './send-file.js';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/** The content type of a file by its extension (`application/octet-stream` when unknown). */
export function contentType(path: string): string {
  return TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

const NOT_BUILT = `<!doctype html>
<meta charset="utf-8">
<title>Linesight — UI not built</title>
<p>UI not built: run npm run build</p>
`;

function plain(res: ServerResponse, status: number, text: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(text);
}

/**
 * Map a request path onto a file under `root`, or null when it would leave `root` (`..`, encoded
 * or not, backslashes, NUL) or cannot be decoded. Containment is checked on the resolved path.
 */
export function resolveUnder(root: string, rawUrl: string): string | null {
  const pathPart = rawUrl.split(/[?#]/, 1)[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathPart);
  } catch {
    return null;
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return null;
  const base = resolve(root);
  const full = resolve(base, `.${decoded}`);
  return full === base || full.startsWith(base + sep) ? full : null;
}

/** Whether `path` (a real path) lies inside `dir` (a real path). */
export function inside(dir: string, path: string): boolean {
  return path.startsWith(dir.endsWith(sep) ? dir : dir + sep);
}

/**
 * Serves the built renderer (`root`, e.g. dist/renderer) read-only: GET/HEAD only, no directory
 * listings, `index.html` for directories, `Cache-Control: no-store` on index.html. While the UI is
 * not built every request gets a plain 503 saying so.
 */
export function createStaticHandler(root: string): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      plain(res, 405, 'method not allowed\n');
      return;
    }
    if (!existsSync(join(root, 'index.html'))) {
      plain(res, 503, NOT_BUILT, 'text/html; charset=utf-8');
      return;
    }
    let file = resolveUnder(root, req.url ?? '/');
    if (file === null) {
      plain(res, 404, 'not found\n');
      return;
    }
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      // a link inside the UI folder must not lead out of it
      if (!inside(realpathSync(root), realpathSync(file))) throw new Error('outside the UI folder');
      const st = statSync(file);
      if (!st.isFile()) throw new Error('not a file');
      const headers: Record<string, string | number> = {
        'Content-Type': contentType(file),
        'Content-Length': st.size,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': file.endsWith(`${sep}index.html`) ? 'no-store' : 'no-cache',
      };
      sendFile(req, res, file, headers);
    } catch {
      plain(res, 404, 'not found\n');
    }
  };
}
