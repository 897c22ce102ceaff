import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveLocally } from './local-http.js';
import { contentType, createStaticHandler, resolveUnder } from '../../../cli/serve/static-files.js';

const dir = mkdtempSync(join(tmpdir(), 'linesight-static-'));
const ui = join(dir, 'renderer');
let local: Awaited<ReturnType<typeof serveLocally>>;

beforeAll(async () => {
  mkdirSync(join(ui, 'assets'), { recursive: true });
  writeFileSync(join(ui, 'index.html'), '<!doctype html><title>ui</title>');
  writeFileSync(join(ui, 'assets', 'app-1a2b.js'), 'console.log(1)');
  writeFileSync(join(ui, 'assets', 'app-1a2b.css'), 'body{}');
  writeFileSync(join(dir, 'secret.txt'), 'secret');
  // links inside the UI folder that lead out of it: a file, and a folder
  symlinkSync(join(dir, 'secret.txt'), join(ui, 'assets', 'linked.txt'));
  symlinkSync(dir, join(ui, 'outside'));
  local = await serveLocally(createStaticHandler(ui));
});
afterAll(async () => {
  await local.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (path: string, method?: string) => local.get(path, method);

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
    for (const path of ['/assets/linked.txt', '/outside/secret.txt', '/outside/']) {
      const r = await get(path);
      expect(r.status, path).toBe(404);
      expect(r.body, path).not.toContain('secret');
    }
    expect(resolveUnder(ui, '/../secret.txt')).toBeNull();
    expect(resolveUnder(ui, '/..%2f..%2fetc/passwd')).toBeNull();
    expect(resolveUnder(ui, '/assets/app-1a2b.js')).toBe(join(ui, 'assets', 'app-1a2b.js'));
  });

  it('says the UI is not built (503) while the folder is missing', async () => {
    const missing = await serveLocally(createStaticHandler(join(dir, 'missing')));
    const r = await missing.get('/');
    await missing.close();
    expect(r.status).toBe(503);
    expect(r.body).toContain('UI not built: run npm run build');
  });
});
