import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Frame, SessionInfo } from '../../../engine/contract/index.js';
import { startEngineWorker } from '../../../engine/api/worker-host.js';

/** The engine on a worker thread (compiled worker from dist/: the test run builds first). */
const dir = mkdtempSync(join(tmpdir(), 'linesight-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('startEngineWorker', () => {
  it('runs a session by name on the worker, forwards frames and closes the journal', async () => {
    const engine = await startEngineWorker({ journalPath: join(dir, 'w.db') });
    const frames: Frame[] = [];
    engine.onFrame((f) => frames.push(f));
    const started = (await engine.call('command', 'session.start', { scenario: 'baseline', until: '2h', speed: 'max' })) as SessionInfo;
    expect(started).toMatchObject({ status: 'paused', session: 1, speed: 'max' });
    await expect(engine.call('command', 'session.nope', {})).rejects.toMatchObject({ code: 'unknown-name' });
    await expect(engine.call('command', 'session.setSpeed', { speed: 0 })).rejects.toThrow(/speed/);
    await engine.call('command', 'session.play', undefined);
    const deadline = Date.now() + 30_000;
    while (!frames.some((f) => f.final) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(frames.at(-1)).toMatchObject({ final: true, status: 'finished', session: 1 });
    expect(await engine.call('query', 'session.status', undefined)).toMatchObject({ status: 'finished', events: frames.at(-1)!.events });
    await engine.close();
    await engine.close();
    await expect(engine.call('query', 'session.status', undefined)).rejects.toThrow(/closed|exited/);
  });
});
