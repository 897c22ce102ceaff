/** Messages between `embedded-broker.ts` (the parent) and `broker-worker.ts` (the broker's thread). */
import type { EmbeddedBrokerStatus as BrokerStatus } from '../../contract/index.js';
import type { BrokerSettings } from './broker-options.js';

/** `workerData` of the broker worker. */
export type BrokerWorkerInit = BrokerSettings;

/** What the broker has done since it started (the contract's `EmbeddedBrokerStatus`). */
export type { BrokerStatus };

export type ToBrokerWorker = { readonly op: 'status'; readonly id: number } | { readonly op: 'close' };

export type FromBrokerWorker =
  | { readonly op: 'listening'; readonly port: number }
  | { readonly op: 'failed'; readonly code: 'in-use' | 'unavailable' | 'denied' | 'failed'; readonly message: string }
  | { readonly op: 'status'; readonly id: number; readonly status: BrokerStatus }
  | { readonly op: 'closed' };
