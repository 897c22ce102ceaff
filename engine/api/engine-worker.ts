/**
 * Entry of the engine's worker thread (headless host): the engine served on the thread's
 * `parentPort` (serve-engine.ts). Loaded from `dist/` (a worker cannot load .ts on Node 20) — see
 * worker-host.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { serveEngine } from './serve-engine.js';
import type { EngineWorkerInit, ToWorker } from './worker-protocol.js';

if (!parentPort) throw new Error('engine-worker.ts must run as a worker thread');
const port = parentPort;
serveEngine(
  {
    postMessage: (m) => port.postMessage(m),
    onMessage: (listener) => port.on('message', (m: ToWorker) => listener(m)),
  },
  workerData as EngineWorkerInit,
);
