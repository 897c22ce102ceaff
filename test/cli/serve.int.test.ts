import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { Frame, ReplyMessage, ServerMessage, SessionInfo } from '../../engine/index.js';

/** `linesight serve` as a user runs it: a separate process on the compiled build, talked to over HTTP and WebSocket. */
const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'linesight.js');
const dir = mkdtempSync(join(tmpdir(), 'linesight-serve-'));
const journal = join(dir, 'serve.db');

let child: ChildProcessWithoutNullStreams;
let base: URL;
let stderr = '';

beforeAll(async () => {
  child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--scenario', 'baseline', '--journal', journal], { cwd: dir });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(out.slice(0, nl));
    });
    child.once('exit', (code) => reject(new Error(`serve exited early (${code}): ${stderr}`)));
  });
  const m = /^Linesight is serving on (http:\/\/127\.0\.0\.1:(\d+)) \(journal (.+)\)$/.exec(line);
  expect(m, line).not.toBeNull();
  expect(Number(m![2])).toBeGreaterThan(0);
  expect(m![3]).toBe(journal);
  base = new URL(m![1]!);
});

afterAll(async () => {
  if (child.exitCode === null) {
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }
  rmSync(dir, { recursive: true, force: true });
});

type Client = {
  ws: WebSocket;
  frames: { frame: Frame; at: number }[];
  call(kind: string, name: string, args?: unknown): Promise<ReplyMessage>;
  sendRaw(text: string): Promise<ReplyMessage>;
};

async function connect(headers: Record<string, string> = {}): Promise<Client> {
  const ws = new WebSocket(new URL('/api', base).href.replace(/^http/, 'ws'), { headers });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const frames: Client['frames'] = [];
  const waiting: ((r: ReplyMessage) => void)[] = [];
  ws.on('message', (data: Buffer) => {
    const msg = JSON.parse(data.toString()) as ServerMessage;
    if ('kind' in msg) frames.push({ frame: msg.frame, at: Date.now() });
    else waiting.shift()?.(msg);
  });
  let next = 1;
  const sendRaw = (text: string) =>
    new Promise<ReplyMessage>((resolve) => {
      waiting.push(resolve);
      ws.send(text);
    });
  return { ws, frames, sendRaw, call: (kind, name, args) => sendRaw(JSON.stringify({ id: next++, kind, name, args })) };
}

function get(path: string): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return getWith(path, {});
}

function getWith(path: string, headers: Record<string, string>): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: base.hostname, port: base.port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('linesight serve', () => {
  it('answers queries and runs the started session to its final frame, at most ~10 frames a second', async () => {
    const c = await connect();
    const list = await c.call('query', 'scenarios.list');
    expect(list.ok).toBe(true);
    if (!list.ok) return;
    expect((list.result as { id: string }[]).map((s) => s.id)).toContain('baseline');

    const status = await c.call('query', 'session.status');
    expect(status).toMatchObject({ id: 2, ok: true, result: { status: 'paused', session: 1, scenario: { id: 'baseline' } } });

    expect(await c.call('command', 'session.setSpeed', { speed: 'max' })).toMatchObject({ ok: true, result: { speed: 'max' } });
    const started = Date.now();
    expect(await c.call('command', 'session.play')).toMatchObject({ ok: true });
    const deadline = Date.now() + 60_000;
    while (!c.frames.some((f) => f.frame.final) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));

    const last = c.frames.at(-1)!;
    expect(last.frame.final).toBe(true);
    expect(last.frame.status).toBe('finished');
    expect(last.frame.session).toBe(1);
    expect(last.frame.events).toBeGreaterThan(0);
    expect(c.frames.filter((f) => f.frame.final)).toHaveLength(1);
    // frame numbers increase; in any one-second window at most ~10 frames (+1 for the final one)
    const seqs = c.frames.map((f) => f.frame.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    for (const f of c.frames) expect(c.frames.filter((g) => g.at >= f.at && g.at < f.at + 1000).length).toBeLessThanOrEqual(11);
    expect(c.frames.length).toBeLessThanOrEqual(Math.ceil((last.at - started) / 100) + 2);

    const after = await c.call('query', 'session.status');
    expect(after).toMatchObject({ ok: true, result: { status: 'finished', events: last.frame.events } });
    expect((after as { result: SessionInfo }).result.error).toBeNull();
    c.ws.close();
  });

  it('answers unknown names, bad args and bad JSON with ok:false and keeps the connection open', async () => {
    const c = await connect();
    const unknown = await c.call('command', 'session.explode', {});
    expect(unknown).toMatchObject({ id: 1, ok: false, error: { code: 'unknown-name' } });
    expect(!unknown.ok && unknown.error.message).toMatch(/session\.explode/);
    expect(await c.call('query', 'toString')).toMatchObject({ ok: false, error: { code: 'unknown-name' } });
    expect(await c.call('query', '__proto__')).toMatchObject({ ok: false, error: { code: 'unknown-name' } });
    expect(await c.call('command', 'session.play', 'now')).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await c.call('command', 'session.play', [1])).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await c.call('event', 'session.play')).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await c.call('command', 'session.setSpeed', { speed: -1 })).toMatchObject({ ok: false, error: { code: 'failed', message: expect.stringMatching(/speed/) } });

    const bad = await c.sendRaw('{not json');
    expect(bad).toMatchObject({ id: null, ok: false, error: { code: 'bad-request', message: expect.stringMatching(/JSON/) } });
    expect(await c.sendRaw('[1,2]')).toMatchObject({ id: null, ok: false });
    expect(await c.sendRaw('{"kind":"query","name":"session.status"}')).toMatchObject({ id: null, ok: false });

    expect(c.ws.readyState).toBe(WebSocket.OPEN);
    expect(await c.call('query', 'session.status')).toMatchObject({ ok: true });
    c.ws.close();
  });

  it('refuses a WebSocket from a page of another origin, accepts its own', async () => {
    await expect(connect({ Origin: 'http://evil.example' })).rejects.toThrow(/403|Unexpected server response/);
    const own = await connect({ Origin: base.origin });
    expect(await own.call('query', 'session.status')).toMatchObject({ ok: true });
    own.ws.close();
  });

  it('refuses a page on a rebound name (DNS rebinding): HTTP and WebSocket with a foreign Host get 403, even with a matching Origin', async () => {
    const foreign = `attacker.example:${base.port}`;
    const page = await getWith('/', { Host: foreign });
    expect(page.status).toBe(403);
    expect(page.body).not.toContain('<');
    expect((await getWith('/exports/x.csv', { Host: foreign })).status).toBe(403);
    // the rebound page's Origin names the same host as its Host: that alone must prove nothing
    await expect(connect({ Host: foreign, Origin: `http://${foreign}` })).rejects.toThrow(/403/);
    await expect(connect({ Host: `127.0.0.1:${Number(base.port) + 1}`, Origin: `http://127.0.0.1:${Number(base.port) + 1}` })).rejects.toThrow(/403/);
    // our own names, with or without a browser's Origin
    for (const name of ['127.0.0.1', 'localhost']) {
      const own = `${name}:${base.port}`;
      expect((await getWith('/', { Host: own })).status).not.toBe(403);
      const c = await connect({ Host: own, Origin: `http://${own}` });
      expect(await c.call('query', 'session.status')).toMatchObject({ ok: true });
      c.ws.close();
    }
    // a loopback Host with a foreign Origin is still another site's page
    await expect(connect({ Origin: 'http://attacker.example' })).rejects.toThrow(/403/);
  });

  it('serves nothing outside the UI folder', async () => {
    for (const path of ['/../package.json', '/../../package.json', '/%2e%2e/%2e%2e/package.json', '/..%2f..%2fpackage.json', '/..\\..\\package.json']) {
      const r = await get(path);
      expect(r.status, path).not.toBe(200);
      expect(r.body, path).not.toContain('"name": "linesight"');
    }
    const index = await get('/');
    expect([200, 503]).toContain(index.status);
    if (index.status === 503) expect(index.body).toContain('UI not built: run npm run build');
    else {
      expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(index.headers['cache-control']).toBe('no-store');
    }
  });

  it('refuses to bind beyond loopback with exit 2 and a one-line reason', () => {
    const r = spawnSync(process.execPath, [bin, 'serve', '--port', '0', '--host', '0.0.0.0', '--journal', join(dir, 'x.db')], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/loopback/);
  });

  it('says a port in use is in use, with exit 2, instead of crashing', () => {
    const r = spawnSync(process.execPath, [bin, 'serve', '--port', base.port, '--journal', join(dir, 'busy.db')], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(`linesight: port ${base.port} on 127.0.0.1 is in use; pick another with --port (0 picks a free one)`);
  });

  it('shuts down cleanly when signalled the moment it announces its URL', async () => {
    // the reader of the URL line may signal before serve's next statement runs (seen under load)
    const results = await Promise.all(
      [0, 1, 2].map(
        (i) =>
          new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
            const c = spawn(process.execPath, [bin, 'serve', '--port', '0', '--journal', join(dir, `race-${i}.db`)], { cwd: dir });
            let out = '';
            c.stdout.on('data', (d: Buffer) => {
              out += d.toString();
              if (out.includes('serving on')) c.kill('SIGTERM');
            });
            c.once('exit', (code, signal) => resolve({ code, signal }));
          }),
      ),
    );
    expect(results).toEqual([0, 1, 2].map(() => ({ code: 0, signal: null })));
  });
});
