/**
 * The engine behind a message port, whatever carries the messages: a worker thread's `parentPort`
 * (`engine-worker.ts`, the headless host) or an Electron utility process's (`engine-process.ts`, the
 * desktop app). Wraps `createLocalApi`, answers calls by name through `dispatch` and forwards every frame.
 */
import { dispatch, errorReply } from './dispatch.js';
import { createLocalApi } from './local-api.js';
import type { EngineWorkerInit, FromWorker, ToWorker } from './worker-protocol.js';

/** The two ends the engine needs of its host's channel. */
export type EnginePort = {
  postMessage(message: FromWorker): void;
  /** every message from the host, in order */
  onMessage(listener: (message: ToWorker) => void): void;
};

/**
 * Open the engine on `init.journalPath` and serve it on `port`: `ready` once it takes calls, a `reply`
 * per call, a `frame` per frame, `closed` once a `close` has ended the session and closed the journal.
 * Throws if the engine cannot open (the host reports it as the engine's failure to start).
 */
export function serveEngine(port: EnginePort, init: EngineWorkerInit): void {
  const post = (m: FromWorker) => port.postMessage(m);
  const api = createLocalApi({
    journalPath: init.journalPath,
    exportDir: init.exportDir,
    exportBaseUrl: init.exportBaseUrl,
    configDir: init.configDir,
    trustedPaths: init.trustedPaths,
    ...(init.rulesFile === undefined ? {} : { rulesFile: init.rulesFile }),
    ...(init.inspector === undefined ? {} : { inspector: init.inspector }),
  });
  api.onFrame((frame) => post({ op: 'frame', frame }));
  let closing = false;
  port.onMessage((m) => {
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
