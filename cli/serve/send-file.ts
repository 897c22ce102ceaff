import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Answer 200 with `headers` and, unless the request is HEAD, the file's bytes (a read error ends the response). */
export function sendFile(req: IncomingMessage, res: ServerResponse, file: string, headers: Record<string, string | number>): void {
  res.writeHead(200, headers);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
