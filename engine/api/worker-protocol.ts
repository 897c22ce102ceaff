/** Messages between `worker-host.ts` (the parent) and `engine-worker.ts` (the engine's thread). */
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
