import { createServer, request, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Reply = { status: number; body: string; headers: Record<string, unknown> };

/** `handler` on a free 127.0.0.1 port, with a `get` that reads whole replies. */
export async function serveLocally(handler: RequestListener): Promise<{ get(path: string, method?: string): Promise<Reply>; close(): Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    get: (path, method = 'GET') =>
      new Promise<Reply>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += d.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
        });
        req.on('error', reject);
        req.end();
      }),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
