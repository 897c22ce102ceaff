// What the crash harness (parent) and its child (crash-child.ts, the engine to be killed) share.

/** What the parent tells the child (one JSON argument). */
export type ChildConfig = {
  readonly journalPath: string;
  readonly brokerUrl: string;
  readonly clientId: string;
  /** MQTT 5 receiveMaximum: how many QoS 1 messages may wait unacknowledged (and so be redelivered) */
  readonly receiveMaximum: number;
  /** inject one test event this often (ms); 0: no injections */
  readonly injectEveryMs: number;
};

/** Messages on the IPC channel. */
export type ChildMessage = { readonly ready: number | null } | { readonly stopped: true } | { readonly failed: string };
export type ParentMessage = { readonly stop: true };

/** The connection's name: its outbox is kept under it, so every start resumes the same outbox. */
export const CONNECTION = 'crash-plant';
/** Injections go out under this line only (the connection's publish allowlist). */
export const INJECT_PREFIX = 'linesight/v1/US01/L2/';
