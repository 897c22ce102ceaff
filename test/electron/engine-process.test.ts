import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { DispatchError } from '../../engine/api/dispatch.js';
import { ENGINE_SERVICE_NAME, engineProcessScript, startEngineProcess } from '../../electron/engine-process.js';

/** A scripted utility process: records what it is sent; the test plays the engine's side. */
class ScriptedChild extends EventEmitter {
  readonly sent: { op: string; id?: number; [k: string]: unknown }[] = [];
  killed = 0;
  pid = 4242;
  /** what the child does with each message it is sent */
  constructor(private readonly onSent: (child: ScriptedChild, m: { op: string; id?: number }) => void = readyOnInit) {
    super();
  }
  postMessage(m: { op: string; id?: number }) {
    this.sent.push(m);
    this.onSent(this, m);
  }
  kill() {
    this.killed++;
    queueMicrotask(() => this.emit('exit', 15));
    return true;
  }
  /** the engine's side */
  say(m: unknown) {
    this.emit('message', m);
  }
}

function readyOnInit(child: ScriptedChild, m: { op: string }) {
  if (m.op === 'init') queueMicrotask(() => child.say({ op: 'ready' }));
}
/** an engine that answers `close` with `closed` */
function closes(child: ScriptedChild, m: { op: string }) {
  readyOnInit(child, m);
  if (m.op === 'close') queueMicrotask(() => child.say({ op: 'closed' }));
}

function utility(child: ScriptedChild) {
  return { fork: vi.fn((_path: string, _args?: string[], _options?: unknown) => child) };
}

const init = { journalPath: '/data/linesight.db', configDir: '/data' };
const start = (child: ScriptedChild, extra: { closeTimeoutMs?: number } = {}) =>
  startEngineProcess({ utilityProcess: utility(child), init, script: '/app/dist/engine/api/engine-process.js', ...extra });

describe('the engine in a utility process', () => {
  it('forks the entry as the Linesight engine and sends it the journal first; ready means ready', async () => {
    const child = new ScriptedChild();
    const u = utility(child);
    await startEngineProcess({ utilityProcess: u, init: { ...init, trustedPaths: ['/x'] }, script: '/app/e.js' });
    expect(u.fork).toHaveBeenCalledWith('/app/e.js', [], { serviceName: ENGINE_SERVICE_NAME, stdio: 'inherit' });
    expect(child.sent[0]).toEqual({ op: 'init', init: { ...init, exportDir: undefined, exportBaseUrl: undefined, trustedPaths: ['/x'], rulesFile: undefined } });
  });

  it('the default entry is the compiled engine-process.js under dist/', () => {
    expect(engineProcessScript()).toMatch(/[/\\]dist[/\\]engine[/\\]api[/\\]engine-process\.js$/);
  });

  it('answers calls by id, a refusal as a DispatchError and a failure as an Error', async () => {
    const child = new ScriptedChild();
    const engine = await start(child);
    const a = engine.call('query', 'session.status', null);
    const b = engine.call('query', 'nope', null);
    const c = engine.call('command', 'session.step', {});
    const [ca, cb, cc] = child.sent.filter((m) => m.op === 'call');
    expect(ca).toEqual({ op: 'call', id: 1, kind: 'query', name: 'session.status', args: null });
    child.say({ op: 'reply', id: cc!.id, ok: false, error: { code: 'failed', message: 'disk full' } });
    child.say({ op: 'reply', id: cb!.id, ok: false, error: { code: 'unknown-name', message: 'no such call' } });
    child.say({ op: 'reply', id: ca!.id, ok: true, result: { status: 'paused' } });
    await expect(a).resolves.toEqual({ status: 'paused' });
    await expect(b).rejects.toBeInstanceOf(DispatchError);
    await expect(c).rejects.toThrow('disk full');
  });

  it('hands frames to every listener until it unsubscribes', async () => {
    const child = new ScriptedChild();
    const engine = await start(child);
    const seen: unknown[] = [];
    const off = engine.onFrame((f) => seen.push(f));
    child.say({ op: 'frame', frame: { seq: 1 } });
    off();
    child.say({ op: 'frame', frame: { seq: 2 } });
    expect(seen).toEqual([{ seq: 1 }]);
  });

  it('an exit nobody asked for fails the pending calls with the reason, tells onExit once and refuses later calls', async () => {
    const child = new ScriptedChild();
    const engine = await start(child);
    const exits: string[] = [];
    engine.onExit((reason) => exits.push(reason));
    const pending = [engine.call('query', 'session.status', null), engine.call('command', 'session.step', {})];
    child.emit('exit', 9); // SIGKILL on POSIX: Electron reports the signal's number
    const reason = 'its process ended unexpectedly (exit code 9)';
    for (const p of pending) await expect(p).rejects.toThrow(`the engine stopped: ${reason}`);
    expect(exits).toEqual([reason]);
    await expect(engine.call('query', 'session.status', null)).rejects.toThrow(`the engine stopped: ${reason}`);
    // closing a stopped engine has nothing left to do
    await engine.close();
    expect(child.sent.some((m) => m.op === 'close')).toBe(false);
    expect(child.killed).toBe(0);
  });

  it('says what the process said before it died (a fatal message) or what Electron said (a fatal V8 error)', async () => {
    const fatal = new ScriptedChild();
    const a = await start(fatal);
    const whyA = vi.fn();
    a.onExit(whyA);
    fatal.say({ op: 'fatal', message: 'SQLITE_IOERR: disk I/O error' });
    fatal.emit('exit', 70);
    expect(whyA).toHaveBeenCalledWith('SQLITE_IOERR: disk I/O error (exit code 70)');

    const v8 = new ScriptedChild();
    const b = await start(v8);
    const whyB = vi.fn();
    b.onExit(whyB);
    v8.emit('error', 'FatalError', 'v8::HandleScope::CreateHandle()', '{}');
    v8.emit('exit', 133);
    expect(whyB).toHaveBeenCalledWith('a fatal error at v8::HandleScope::CreateHandle() (exit code 133)');
  });

  it('an engine that dies before it is ready fails the start with why', async () => {
    const child = new ScriptedChild((c, m) => {
      if (m.op === 'init')
        queueMicrotask(() => {
          c.say({ op: 'fatal', message: 'journal /data/linesight.db is damaged' });
          c.emit('exit', 70);
        });
    });
    await expect(start(child)).rejects.toThrow('the engine could not start: journal /data/linesight.db is damaged (exit code 70)');
  });

  it('close asks the engine to close its journal, then ends the process; no exit is reported', async () => {
    const child = new ScriptedChild(closes);
    const engine = await start(child);
    const exits = vi.fn();
    engine.onExit(exits);
    await engine.close();
    expect(child.sent.at(-1)).toEqual({ op: 'close' });
    expect(child.killed).toBe(1);
    expect(exits).not.toHaveBeenCalled();
    await expect(engine.call('query', 'session.status', null)).rejects.toThrow('the engine stopped: the engine is closed');
    await engine.close(); // once is enough
    expect(child.killed).toBe(1);
  });

  it('an engine that does not close in time is ended anyway', async () => {
    const child = new ScriptedChild(); // never answers close
    const engine = await start(child, { closeTimeoutMs: 1 });
    await engine.close();
    expect(child.killed).toBe(1);
  });
});
