/**
 * The engine's utility-process entry (dist/engine/api/engine-process.js) run for real, in a Node child
 * given Electron's `process.parentPort` (support/fake-utility-process.ts): it serves calls, and an
 * error nothing catches ends its process with exit code 70 after saying why, which the main-process
 * side reports as the reason.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startEngineProcess } from '../../electron/engine-process.js';
import { fakeUtilityProcess } from './support/fake-utility-process.js';

const dir = mkdtempSync(join(tmpdir(), 'linesight-engine-process-'));
const utility = fakeUtilityProcess();
afterAll(async () => {
  await utility.killAll();
  rmSync(dir, { recursive: true, force: true });
});

it('serves calls; an uncaught error ends the process with exit code 70 and the error as the reason', async () => {
  const engine = await startEngineProcess({ utilityProcess: utility, init: { journalPath: join(dir, 'linesight.db'), configDir: dir } });
  expect(await engine.call('command', 'session.start', { scenario: 'baseline' })).toMatchObject({ status: 'paused' });
  const stopped = new Promise<string>((resolve) => engine.onExit(resolve));
  // a message the entry cannot read throws in its message handler, where nothing catches it
  utility.children[0]!.postMessage(null);
  expect(await stopped).toMatch(/^Cannot read properties of null .* \(exit code 70\)$/);
  expect(await utility.children[0]!.exited).toBe(70);
  expect(utility.children[0]!.stderr).toContain('linesight: the engine process failed:');
  await expect(engine.call('query', 'session.status', null)).rejects.toThrow(/^the engine stopped: Cannot read properties of null/);
});
