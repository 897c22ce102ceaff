/**
 * The engine on a `worker_thread`, seen from the parent: calls by name, frames by callback. The
 * headless host (`linesight serve`) runs its engine this way so the HTTP/WebSocket thread stays free.
 */
import { Worker } from 'node:worker_threads';
import { workerScript } from '../worker-script.js';
import type { CallKind, FrameListener } from '../contract/index.js';
import { DispatchError } from './dispatch.js';
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

type Pending = { resolve(v: unknown): void; reject(err: Error): void };

/** Start the engine thread on the journal at `journalPath`; resolves once it is ready for calls. */
export async function startEngineWorker(opts: EngineWorkerOptions): Promise<EngineWorker> {
  // Copy the known fields only: workerData is cloned and must stay plain data.
  const init: EngineWorkerInit = {
    journalPath: opts.journalPath,
    exportDir: opts.exportDir,
    exportBaseUrl: opts.exportBaseUrl,
    configDir: opts.configDir,
    trustedPaths: opts.trustedPaths === undefined ? undefined : [...opts.trustedPaths],
  };
  const worker = new Worker(workerScript(import.meta.url, 'engine/api/engine-worker.js', 'engine worker'), { workerData: init });
  const pending = new Map<number, Pending>();
  const listeners = new Set<FrameListener>();
  let nextId = 1;
  let stopped: Error | undefined;
  let onReady: { resolve(): void; reject(err: Error): void } | undefined;
  let onClosed: (() => void) | undefined;

  const stop = (err: Error) => {
    stopped ??= err;
    for (const p of pending.values()) p.reject(new Error(`engine call failed: ${err.message}`));
    pending.clear();
    onReady?.reject(err);
    onClosed?.();
  };

  const ready = new Promise<void>((resolve, reject) => (onReady = { resolve, reject }));
  worker.on('message', (m: FromWorker) => {
    switch (m.op) {
      case 'ready':
        onReady?.resolve();
        return;
      case 'frame':
        for (const l of listeners) {
          try {
            l(m.frame);
          } catch (err) {
            console.error(`linesight: a frame listener threw: ${(err as Error).message}`);
          }
        }
        return;
      case 'reply': {
        const p = pending.get(m.id);
        if (!p) return;
        pending.delete(m.id);
        if (m.ok) p.resolve(m.result);
        else p.reject(m.error.code === 'failed' ? new Error(m.error.message) : new DispatchError(m.error.code, m.error.message));
        return;
      }
      case 'closed':
        onClosed?.();
        return;
    }
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
      return new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        try {
          worker.postMessage({ op: 'call', id, kind, name, args } satisfies ToWorker);
        } catch (err) {
          pending.delete(id);
          reject(new Error(`engine call failed: ${(err as Error).message}`));
        }
      });
    },
    onFrame(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
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
