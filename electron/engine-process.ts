/**
 * The engine in an Electron utility process, seen from the main process: calls by name, frames by
 * callback, like the headless host's worker (engine/api/worker-host.ts), plus `onExit` — a crash of
 * SQLite or a native module ends that process, not the window. Electron's `utilityProcess` is a
 * parameter, so tests hand in a fake (one that starts the same entry with Node's child_process).
 * The main process itself keeps no SQLite handle: the journal is opened, checked and recovered by
 * the engine process, and reopened by the next one after a crash (WAL, synchronous=FULL).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ForkOptions } from 'electron';
import type { CallKind } from '../engine/contract/index.js';
import { engineCalls, plainInit } from '../engine/api/engine-calls.js';
import type { EngineWorker } from '../engine/api/worker-host.js';
import type { EngineWorkerInit, FromEngineProcess, ToEngineProcess } from '../engine/api/worker-protocol.js';

/** The part of a utility process the engine's host uses (Electron's `UtilityProcess` has it). */
export type EngineChild = {
  readonly pid?: number | undefined;
  postMessage(message: unknown): void;
  kill(): boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  /** `code`: the exit code, or on POSIX the signal that ended the process */
  on(event: 'exit', listener: (code: number) => void): unknown;
  /** a fatal V8 error (Electron then emits `exit` too) */
  on(event: 'error', listener: (type: string, location: string) => void): unknown;
};

/** Electron's `utilityProcess` module, or a fake of it. */
export type UtilityProcessApi = {
  fork(modulePath: string, args?: string[], options?: ForkOptions): EngineChild;
};

export type EngineProcessOptions = {
  readonly utilityProcess: UtilityProcessApi;
  /** what the engine opens: the journal and the config folder (the worker's `workerData`) */
  readonly init: EngineWorkerInit;
  /** the compiled entry; default `engineProcessScript()` */
  readonly script?: string;
  /** how long `close` waits for the engine to close its journal before it kills the process */
  readonly closeTimeoutMs?: number;
};

/** The engine in its process: the worker's interface, and `onExit` for an exit nobody asked for. */
export type EngineProcess = EngineWorker & {
  /** Called once if the process ends unasked (crash, kill): `reason` in words. Returns the function that unsubscribes. */
  onExit(listener: (reason: string) => void): () => void;
};

/** The name of the process in Electron's metrics and `child-process-gone` events. */
export const ENGINE_SERVICE_NAME = 'Linesight engine';

const DEFAULT_CLOSE_TIMEOUT_MS = 10_000;

/**
 * dist/engine/api/engine-process.js, the entry of the engine's utility process. From dist/electron/
 * it sits at ../engine/api/; run from sources (vitest), the compiled one under dist/ is used: a
 * utility process cannot load TypeScript, so build first.
 */
export function engineProcessScript(): string {
  const beside = new URL('../engine/api/engine-process.js', import.meta.url);
  const url = import.meta.url.endsWith('.ts') ? new URL('dist/engine/api/engine-process.js', new URL('../', import.meta.url)) : beside;
  const path = fileURLToPath(url);
  if (!existsSync(path)) throw new Error(`the engine process's entry was not found at ${path}; run \`npm run build\` first`);
  return path;
}

/** Start the engine's utility process on `init.journalPath`; resolves once it takes calls, rejects with why it could not start. */
export async function startEngineProcess(opts: EngineProcessOptions): Promise<EngineProcess> {
  const script = opts.script ?? engineProcessScript();
  const init = plainInit(opts.init);
  const child = opts.utilityProcess.fork(script, [], { serviceName: ENGINE_SERVICE_NAME, stdio: 'inherit' });
  const calls = engineCalls();
  const exitListeners = new Set<(reason: string) => void>();
  /** why calls are refused: set once the process ends or is closed */
  let stopped: string | undefined;
  /** set by close: the exit that follows was asked for */
  let closing = false;
  /** what the process said (a `fatal` message) or Electron said (an `error` event) before it ended */
  let cause: string | undefined;
  let onReady: { resolve(): void; reject(err: Error): void } | undefined;
  let onClosed: (() => void) | undefined;
  let onExited: (() => void) | undefined;
  let exited = false;

  const send = (m: ToEngineProcess) => child.postMessage(m);
  const ready = new Promise<void>((resolve, reject) => (onReady = { resolve, reject }));

  child.on('message', (message) => {
    const m = message as FromEngineProcess;
    if (m.op !== 'fatal' && calls.receive(m)) return;
    switch (m.op) {
      case 'ready':
        onReady?.resolve();
        return;
      case 'closed':
        onClosed?.();
        return;
      case 'fatal':
        cause ??= m.message;
        return;
    }
  });
  child.on('error', (type, location) => {
    cause ??= `${type === 'FatalError' ? 'a fatal error' : type} at ${location}`;
  });
  child.on('exit', (code) => {
    exited = true;
    onExited?.();
    if (stopped !== undefined) return;
    const reason = `${cause ?? (closing ? 'it was closed' : 'its process ended unexpectedly')} (exit code ${code})`;
    stopped = reason;
    calls.rejectAll(new Error(`the engine stopped: ${reason}`));
    onReady?.reject(new Error(`the engine could not start: ${reason}`));
    onClosed?.();
    if (closing) return;
    for (const l of exitListeners) {
      try {
        l(reason);
      } catch (err) {
        console.error(`linesight: an engine exit listener threw: ${(err as Error).message}`);
      }
    }
  });

  send({ op: 'init', init });
  try {
    await ready;
  } catch (err) {
    child.kill();
    throw err;
  }

  const exit = new Promise<void>((resolve) => (exited ? resolve() : (onExited = resolve)));
  let closed: Promise<void> | undefined;
  return {
    call(kind: CallKind, name: string, args: unknown) {
      if (stopped !== undefined) return Promise.reject(new Error(`the engine stopped: ${stopped}`));
      return calls.call(send, kind, name, args);
    },
    onFrame: calls.onFrame,
    onExit(listener) {
      exitListeners.add(listener);
      return () => void exitListeners.delete(listener);
    },
    close() {
      closed ??= (async () => {
        if (stopped === undefined) {
          closing = true;
          // the engine ends its session and closes the journal, then says `closed`; one that hangs is killed
          const done = new Promise<void>((resolve) => (onClosed = resolve));
          let timer: NodeJS.Timeout | undefined;
          const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, opts.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS)));
          send({ op: 'close' });
          await Promise.race([done, late]);
          clearTimeout(timer);
          stopped ??= 'the engine is closed';
        }
        if (!exited && child.kill()) await exit;
      })();
      return closed;
    },
  };
}
