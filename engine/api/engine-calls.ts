/**
 * What a parent of the engine does with its messages, whether the engine runs on a worker thread
 * (`worker-host.ts`) or in the desktop app's utility process (`electron/engine-process.ts`): number
 * the calls, match each reply to its call, fan frames out to the listeners.
 */
import type { CallKind, FrameListener } from '../contract/index.js';
import { DispatchError } from './dispatch.js';
import type { EngineWorkerInit, FromWorker, ToWorker } from './worker-protocol.js';

export type EngineCalls = {
  /** send a call with `send`; resolves with the engine's reply (rejects with a `DispatchError` for a bad call, the engine's error otherwise) */
  readonly call: (send: (m: ToWorker) => void, kind: CallKind, name: string, args: unknown) => Promise<unknown>;
  /** take a reply or a frame; false for any other message (the caller's to handle) */
  readonly receive: (m: FromWorker) => boolean;
  /** reject every call still waiting */
  readonly rejectAll: (err: Error) => void;
  readonly onFrame: (listener: FrameListener) => () => void;
};

type Pending = { resolve(v: unknown): void; reject(err: Error): void };

export function engineCalls(): EngineCalls {
  const pending = new Map<number, Pending>();
  const listeners = new Set<FrameListener>();
  let nextId = 1;
  return {
    call(send, kind, name, args) {
      return new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        try {
          send({ op: 'call', id, kind, name, args });
        } catch (err) {
          pending.delete(id);
          reject(new Error(`engine call failed: ${(err as Error).message}`));
        }
      });
    },
    receive(m) {
      if (m.op === 'frame') {
        for (const l of listeners) {
          try {
            l(m.frame);
          } catch (err) {
            console.error(`linesight: a frame listener threw: ${(err as Error).message}`);
          }
        }
        return true;
      }
      if (m.op !== 'reply') return false;
      const p = pending.get(m.id);
      if (!p) return true;
      pending.delete(m.id);
      if (m.ok) p.resolve(m.result);
      else p.reject(m.error.code === 'failed' ? new Error(m.error.message) : new DispatchError(m.error.code, m.error.message));
      return true;
    },
    rejectAll(err) {
      for (const p of pending.values()) p.reject(err);
      pending.clear();
    },
    onFrame(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

/** The known fields of an engine's init, copied: it is cloned into the thread or process and must stay plain data. */
export const plainInit = (o: EngineWorkerInit): EngineWorkerInit => ({
  journalPath: o.journalPath,
  exportDir: o.exportDir,
  exportBaseUrl: o.exportBaseUrl,
  configDir: o.configDir,
  trustedPaths: o.trustedPaths === undefined ? undefined : [...o.trustedPaths],
  rulesFile: o.rulesFile,
  inspector: o.inspector === undefined ? undefined : { perTopic: o.inspector.perTopic, maxBytes: o.inspector.maxBytes },
});
