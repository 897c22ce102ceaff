/** Messages between the engine and its host: `worker-host.ts` ↔ `engine-worker.ts` (a thread), and the desktop app ↔ `engine-process.ts` (a utility process). */
import type { Frame } from '../contract/index.js';
import type { WireError } from './wire.js';

/** `workerData` of the engine worker: what `createLocalApi` needs (see `LocalApiOptions`). */
export type EngineWorkerInit = {
  readonly journalPath: string;
  /** where `events.export` writes (default `exports/` beside the journal) */
  readonly exportDir?: string;
  /** URL prefix under which the host serves exported files, e.g. `/exports/` */
  readonly exportBaseUrl?: string;
  /** where the installation remembers things (default `defaultConfigDir()`) */
  readonly configDir?: string;
  /** files named on the command line or in a connections file, usable wherever they are */
  readonly trustedPaths?: readonly string[];
  /** a rules file every session checks live, beside the bundled rules (`LocalApiOptions.rulesFile`) */
  readonly rulesFile?: string;
  /** the topic inspector's bounds (`LocalApiOptions.inspector`) */
  readonly inspector?: { readonly perTopic?: number; readonly maxBytes?: number };
};

export type ToWorker =
  | { readonly op: 'call'; readonly id: number; readonly kind: unknown; readonly name: unknown; readonly args: unknown }
  | { readonly op: 'close' };

export type FromWorker =
  | { readonly op: 'ready' }
  | { readonly op: 'reply'; readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly op: 'reply'; readonly id: number; readonly ok: false; readonly error: WireError }
  | { readonly op: 'frame'; readonly frame: Frame }
  | { readonly op: 'closed' };

/**
 * To the engine's utility process (`engine-process.ts`, the desktop app): the worker's messages, after
 * one `init` that carries what a worker gets as `workerData`.
 */
export type ToEngineProcess = { readonly op: 'init'; readonly init: EngineWorkerInit } | ToWorker;

/**
 * From the engine's utility process: the worker's messages, and `fatal` — the error that ends the
 * process (sent just before it exits, so the desktop app can say why the engine stopped).
 */
export type FromEngineProcess = FromWorker | { readonly op: 'fatal'; readonly message: string };
