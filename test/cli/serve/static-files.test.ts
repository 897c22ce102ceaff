import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentType, createStaticHandler, resolveUnder } from '../../../cli/serve/static-files.js';

const dir = mkdtempSync(join(tmpdir(), 'linesight-static-'));
const ui = join(dir, 'renderer');
let server: Server;
let port = 0;

beforeAll(async () => {
  mkdirSync(join(ui, 'assets'), { recursive: true });
  writeFileSync(join(ui, 'index.html'), '<!doctype html><title>ui</title>');
  writeFileSync(join(ui, 'assets', 'app-1a2b.js'), 'console.log(1)');
  writeFileSync(join(ui, 'assets', 'app-1a2b.css'), 'body{}');
  writeFileSync(join(dir, 'secret.txt'), 'secret');
  server = createServer(createStaticHandler(ui));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

function get(path: string, method = 'GET') {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static files of the built UI', () => {
  it('serves index.html with no-store and assets with their content types', async () => {
    const index = await get('/');
    expect(index).toMatchObject({ status: 200, body: '<!doctype html><title>ui</title>' });
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['cache-control']).toBe('no-store');
    expect((await get('/index.html?x=1')).headers['cache-control']).toBe('no-store');
    const js = await get('/assets/app-1a2b.js');
    expect(js).toMatchObject({ status: 200, body: 'console.log(1)' });
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).not.toBe('no-store');
    expect((await get('/assets/app-1a2b.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    expect(contentType('x.svg')).toBe('image/svg+xml');
    expect(contentType('x.woff2')).toBe('font/woff2');
    expect(contentType('x.unknown')).toBe('application/octet-stream');
  });

  it('answers 404 for missing files and directories without an index, 405 for other methods', async () => {
    expect((await get('/nope.js')).status).toBe(404);
    expect((await get('/assets/')).status).toBe(404);
    expect((await get('/', 'POST')).status).toBe(405);
    expect(await get('/', 'HEAD')).toMatchObject({ status: 200, body: '' });
  });

  it('never leaves the UI folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/../../secret.txt', '/..\\secret.txt', '/%00', '/%E0%A4%A']) {
      const r = await get(path);
      expect(r.status, path).toBe(404);
      expect(r.body, path).not.toContain('secret');
    }
    expect(resolveUnder(ui, '/../secret.txt')).toBeNull();
    expect(resolveUnder(ui, '/..%2f..%2fetc/passwd')).toBeNull();
    expect(resolveUnder(ui, '/assets/app-1a2b.js')).toBe(join(ui, 'assets', 'app-1a2b.js'));
  });

  it('says the UI is not built (503) while the folder is missing', async () => {
    const handler = createStaticHandler(join(dir, 'missing'));
    const s = createServer(handler);
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
    const p = (s.address() as AddressInfo).port;
    const r = await new Promise<{ status: number; body: string }>((resolve) => {
      request({ host: '127.0.0.1', port: p, path: '/' }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      }).end();
    });
    await new Promise((res) => s.close(res));
    expect(r.status).toBe(503);
    expect(r.body).toContain('UI not built: run npm run build');
  });
});
