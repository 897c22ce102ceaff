/**
 * Entry of the engine's utility process (the desktop app, electron/engine-process.ts): the engine
 * served on Electron's `process.parentPort`, so a crash of SQLite or a native module ends this
 * process and not the window. The first message is `init` (what a worker gets as `workerData`);
 * then the worker's protocol (serve-engine.ts). An error nothing caught ends the process with exit
 * code 70, after a `fatal` message that says why. Compiled to dist/engine/api/engine-process.js.
 */
import { serveEngine } from './serve-engine.js';
import type { FromEngineProcess, ToEngineProcess, ToWorker } from './worker-protocol.js';

/** Electron's `process.parentPort` (declared here: the engine does not import electron). */
type ParentPort = {
  on(event: 'message', listener: (event: { readonly data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
};

/** The exit code of a process ended by an error nothing caught (EX_SOFTWARE). */
const FATAL_EXIT_CODE = 70;
/** How long the `fatal` message gets to leave before the process exits. */
const FATAL_GRACE_MS = 100;

const parentPort = (process as { parentPort?: ParentPort | null }).parentPort;
if (!parentPort) throw new Error('engine-process.ts must run as an Electron utility process (process.parentPort)');
const parent = parentPort;
const post = (m: FromEngineProcess) => parent.postMessage(m);

let dying = false;
function die(err: unknown): void {
  if (dying) return;
  dying = true;
  const message = err instanceof Error ? err.message : String(err);
  console.error(`linesight: the engine process failed: ${err instanceof Error ? (err.stack ?? message) : message}`);
  try {
    post({ op: 'fatal', message });
  } catch {
    // the parent is gone: the exit code says it
  }
  process.exitCode = FATAL_EXIT_CODE;
  setTimeout(() => process.exit(FATAL_EXIT_CODE), FATAL_GRACE_MS);
}
// an uncaught error (and so an unhandled rejection) leaves the engine in a state nobody knows: end it, saying why
process.on('uncaughtException', die);

const listeners: ((m: ToWorker) => void)[] = [];
let started = false;
parent.on('message', ({ data }) => {
  const m = data as ToEngineProcess;
  if (dying) return;
  if (m.op !== 'init') {
    for (const l of listeners) l(m);
    return;
  }
  if (started) return;
  started = true;
  try {
    serveEngine({ postMessage: post, onMessage: (l) => void listeners.push(l) }, m.init);
  } catch (err) {
    die(err);
  }
});
