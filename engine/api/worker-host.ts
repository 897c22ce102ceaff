/**
 * The engine on a `worker_thread`, seen from the parent: calls by name, frames by callback. The
 * headless host (`linesight serve`) runs its engine this way so the HTTP/WebSocket thread stays free.
 */
import { Worker } from 'node:worker_threads';
import { workerScript } from '../worker-script.js';
import type { CallKind, FrameListener } from '../contract/index.js';
import { engineCalls, plainInit } from './engine-calls.js';
import type { EngineWorkerInit, FromWorker, ToWorker } from './worker-protocol.js';

export type EngineWorker = {
  /** Run a command or query by name; rejects with a `DispatchError` (bad call) or the engine's error. */
  call(kind: CallKind, name: string, args: unknown): Promise<unknown>;
  /** Subscribe to frames; returns the function that unsubscribes. */
  onFrame(listener: FrameListener): () => void;
  /** End the session, close the journal and stop the thread. */
  close(): Promise<void>;
};

export type EngineWorkerOptions = EngineWorkerInit;

/** Start the engine thread on the journal at `journalPath`; resolves once it is ready for calls. */
export async function startEngineWorker(opts: EngineWorkerOptions): Promise<EngineWorker> {
  const worker = new Worker(workerScript(import.meta.url, 'engine/api/engine-worker.js', 'engine worker'), { workerData: plainInit(opts) });
  const calls = engineCalls();
  let stopped: Error | undefined;
  let onReady: { resolve(): void; reject(err: Error): void } | undefined;
  let onClosed: (() => void) | undefined;

  const stop = (err: Error) => {
    stopped ??= err;
    calls.rejectAll(new Error(`engine call failed: ${err.message}`));
    onReady?.reject(err);
    onClosed?.();
  };

  const ready = new Promise<void>((resolve, reject) => (onReady = { resolve, reject }));
  worker.on('message', (m: FromWorker) => {
    if (calls.receive(m)) return;
    if (m.op === 'ready') onReady?.resolve();
    else if (m.op === 'closed') onClosed?.();
  });
  worker.on('error', (err) => stop(new Error(`engine thread crashed: ${err.message}`)));
  worker.on('exit', (code) => stop(new Error(`engine thread exited (code ${code})`)));

  try {
    await ready;
  } catch (err) {
    await worker.terminate();
    throw err;
  }

  let closing: Promise<void> | undefined;
  return {
    call(kind, name, args) {
      if (stopped) return Promise.reject(new Error(`engine call refused: ${stopped.message}`));
      return calls.call((m) => worker.postMessage(m), kind, name, args);
    },
    onFrame: calls.onFrame,
    close() {
      closing ??= (async () => {
        if (!stopped) {
          const closed = new Promise<void>((resolve) => (onClosed = resolve));
          worker.postMessage({ op: 'close' } satisfies ToWorker);
          await closed;
        }
        stopped ??= new Error('the engine is closed');
        await worker.terminate();
      })();
      return closing;
    },
  };
}
