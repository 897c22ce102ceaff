/**
 * Entry of the engine's worker thread (headless host): wraps `createLocalApi`, answers calls by
 * name through `dispatch` and forwards every frame. Loaded from `dist/` (a worker cannot load .ts
 * on Node 20) — see worker-host.ts.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { dispatch, errorReply } from './dispatch.js';
import { createLocalApi } from './local-api.js';
import type { EngineWorkerInit, FromWorker, ToWorker } from './worker-protocol.js';

function serve(port: MessagePort, init: EngineWorkerInit): void {
  const post = (m: FromWorker) => port.postMessage(m);
  const api = createLocalApi({
    journalPath: init.journalPath,
    exportDir: init.exportDir,
    exportBaseUrl: init.exportBaseUrl,
    configDir: init.configDir,
    trustedPaths: init.trustedPaths,
  });
  api.onFrame((frame) => post({ op: 'frame', frame }));
  let closing = false;
  port.on('message', (m: ToWorker) => {
    if (m.op === 'close') {
      if (closing) return;
      closing = true;
      void api.close().then(
        () => post({ op: 'closed' }),
        (err: unknown) => {
          console.error(`linesight: closing the engine failed: ${(err as Error).message}`);
          post({ op: 'closed' });
        },
      );
      return;
    }
    if (closing) {
      post({ op: 'reply', id: m.id, ok: false, error: { code: 'failed', message: 'the engine is closing' } });
      return;
    }
    dispatch(api, m.kind, m.name, m.args).then(
      (result) => post({ op: 'reply', id: m.id, ok: true, result }),
      (err: unknown) => {
        const r = errorReply(m.id, err);
        if (!r.ok) post({ op: 'reply', id: m.id, ok: false, error: r.error });
      },
    );
  });
  post({ op: 'ready' });
}

if (!parentPort) throw new Error('engine-worker.ts must run as a worker thread');
serve(parentPort, workerData as EngineWorkerInit);
