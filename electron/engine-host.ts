/**
 * The desktop app's engine across restarts: one handle the IPC handlers, the PDF printing and the
 * window's frames hold for the app's life, in front of whichever engine process runs now
 * (engine-process.ts). When that process ends unasked, calls are refused with its reason and the
 * state turns `stopped`; `restart` starts a new process on the same journal — the engine's journal
 * open checks and recovers it, and the session the old process left open reads as interrupted.
 * Frame listeners carry over to the new process.
 */
import type { CallKind, FrameListener } from '../engine/contract/index.js';
import type { EngineProcess } from './engine-process.js';

/** What the window is told about the engine (the `linesight:engine` channel). */
export type EngineState =
  | { readonly state: 'starting' }
  | { readonly state: 'running' }
  | { readonly state: 'stopped'; readonly reason: string };

export type EngineHost = {
  /** Run a command or query on the running engine; refused with the reason while it is stopped or starting. */
  call(kind: CallKind, name: string, args: unknown): Promise<unknown>;
  /** Frames of the engine, whichever process runs it; returns the function that unsubscribes. */
  onFrame(listener: FrameListener): () => void;
  state(): EngineState;
  /** Called on each change of state; returns the function that unsubscribes. */
  onState(listener: (state: EngineState) => void): () => void;
  /** Start a new engine process if the last one stopped (a running engine is left alone); resolves to the state after. */
  restart(): Promise<EngineState>;
  /** Close the engine cleanly (the session ended, the journal closed); no restart after. */
  close(): Promise<void>;
};

export type EngineHostOptions = {
  /** start one engine process (`startEngineProcess` with its options) */
  readonly start: () => Promise<EngineProcess>;
  /** what each new engine does before it counts as running (the app starts its session paused) */
  readonly prepare?: (engine: EngineProcess) => Promise<void>;
};

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Start the first engine process (rejects if it cannot start) and keep the handle in front of it and its successors. */
export async function startEngineHost(opts: EngineHostOptions): Promise<EngineHost> {
  const frameListeners = new Set<FrameListener>();
  const stateListeners = new Set<(state: EngineState) => void>();
  let state: EngineState = { state: 'starting' };
  let current: EngineProcess | null = null;
  let starting: Promise<EngineState> | null = null;
  let closed = false;

  const setState = (next: EngineState): void => {
    state = next;
    for (const l of stateListeners) {
      try {
        l(next);
      } catch (err) {
        console.error(`linesight: an engine state listener threw: ${message(err)}`);
      }
    }
  };

  /** Start one process, prepare it and make it current; rejects with why it could not. */
  const launch = async (): Promise<void> => {
    const engine = await opts.start();
    if (closed) {
      await engine.close();
      return;
    }
    current = engine;
    engine.onFrame((frame) => {
      if (current !== engine) return;
      for (const l of frameListeners) {
        try {
          l(frame);
        } catch (err) {
          console.error(`linesight: a frame listener threw: ${message(err)}`);
        }
      }
    });
    engine.onExit((reason) => {
      if (current !== engine) return;
      current = null;
      console.error(`linesight: the engine stopped: ${reason}`);
      if (!closed) setState({ state: 'stopped', reason });
    });
    try {
      await opts.prepare?.(engine);
    } catch (err) {
      // an engine that stopped meanwhile said so already; one that refused to prepare is closed
      if (current === engine) {
        current = null;
        await engine.close();
      }
      throw err;
    }
    if (current === engine && !closed) setState({ state: 'running' });
  };

  const begin = (): Promise<EngineState> => {
    setState({ state: 'starting' });
    starting = launch().then(
      () => state,
      (err: unknown) => {
        if (state.state === 'starting' && !closed) setState({ state: 'stopped', reason: message(err) });
        throw err;
      },
    );
    void starting.finally(() => (starting = null)).catch(() => undefined);
    return starting;
  };

  await begin();

  return {
    call(kind, name, args) {
      if (closed) return Promise.reject(new Error('the engine is closed'));
      if (current && state.state === 'running') return current.call(kind, name, args);
      return Promise.reject(new Error(state.state === 'stopped' ? `the engine stopped: ${state.reason}` : 'the engine is starting'));
    },
    onFrame(listener) {
      frameListeners.add(listener);
      return () => void frameListeners.delete(listener);
    },
    state: () => state,
    onState(listener) {
      stateListeners.add(listener);
      return () => void stateListeners.delete(listener);
    },
    restart() {
      if (closed) return Promise.reject(new Error('the engine is closed'));
      if (starting) return starting.catch(() => state);
      if (state.state === 'running') return Promise.resolve(state);
      return begin().catch(() => state);
    },
    async close() {
      closed = true;
      await starting?.catch(() => undefined);
      const engine = current;
      current = null;
      await engine?.close();
    },
  };
}
