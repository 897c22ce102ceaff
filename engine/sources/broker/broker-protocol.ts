/** Messages between `embedded-broker.ts` (the parent) and `broker-worker.ts` (the broker's thread). */
import type { BrokerSettings } from './broker-options.js';

/** `workerData` of the broker worker. */
export type BrokerWorkerInit = BrokerSettings;

/** What the broker has done since it started. */
export type BrokerStatus = {
  /** clients connected now */
  readonly clients: number;
  /** PUBLISH packets received from clients */
  readonly published: number;
  /** QoS 1/2 messages dropped because a persistent session's queue was full */
  readonly dropped: number;
  /** connections closed for a message above `maxMessageBytes` */
  readonly oversize: number;
  /** connections closed because more than `maxOutgoingBytes` waited unread on them (a client that stopped reading) */
  readonly slow: number;
  /** when it started listening (ms since the epoch) */
  readonly since: number;
};

export type ToBrokerWorker = { readonly op: 'status'; readonly id: number } | { readonly op: 'close' };

export type FromBrokerWorker =
  | { readonly op: 'listening'; readonly port: number }
  | { readonly op: 'failed'; readonly code: 'in-use' | 'unavailable' | 'denied' | 'failed'; readonly message: string }
  | { readonly op: 'status'; readonly id: number; readonly status: BrokerStatus }
  | { readonly op: 'closed' };
