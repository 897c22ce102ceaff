import { Worker } from 'node:worker_threads';
import { workerScript } from '../worker-script.js';

/** The worker's answer: `ok` true (sound), false (`problems` found) or null (the check could not run: `problems[0]` says why). */
export type IntegrityReply = { readonly ok: boolean | null; readonly problems: readonly string[]; readonly ms: number };

/** A running background integrity check. */
export type IntegrityCheck = {
  /** resolves when the check ends; never rejects */
  readonly done: Promise<IntegrityReply>;
  /** stop waiting for it (the thread is let go; it never keeps the process alive) */
  readonly stop: () => void;
};

/**
 * Run `PRAGMA integrity_check` on the journal at `path` on its own thread and read-only
 * connection, so a large journal is usable while it runs. The file is never changed.
 */
export function startIntegrityCheck(path: string): IntegrityCheck {
  let worker: Worker;
  try {
    worker = new Worker(workerScript(import.meta.url, 'engine/journal/integrity-worker.js', 'journal integrity check worker'), { workerData: { path } });
  } catch (err) {
    return { done: Promise.resolve({ ok: null, problems: [(err as Error).message], ms: 0 }), stop: () => undefined };
  }
  // a check of a large journal may outlive the host: it must not keep the process alive
  worker.unref();
  let stopped = false;
  const done = new Promise<IntegrityReply>((resolve) => {
    worker.once('message', (r: IntegrityReply) => resolve(r));
    worker.once('error', (err) => resolve({ ok: null, problems: [`the integrity check failed: ${err.message}`], ms: 0 }));
    worker.once('exit', () => resolve({ ok: null, problems: [stopped ? 'the integrity check was stopped' : 'the integrity check ended without an answer'], ms: 0 }));
  });
  return {
    done,
    stop() {
      stopped = true;
      void worker.terminate();
    },
  };
}
