// What the crash harness (parent) and its child (crash-child.ts, the engine to be killed) share.

/** What the parent tells the child (one JSON argument). */
export type ChildConfig = {
  /**
   * `watch`: the engine watches the broker (the publisher's QoS 1 load) and injects through its
   * outbox · `simulate`: it runs a scenario at full speed and publishes the plant's conversation
   * through the outbox of SIM_CONNECTION (the watch's broker session keeps queueing meanwhile)
   */
  readonly mode: 'watch' | 'simulate';
  readonly journalPath: string;
  readonly brokerUrl: string;
  /** simulate: the scenario's seed (a seed of its own per start, so event ids never repeat) */
  readonly simSeed: number;
  /** simulate: the scenario's duration (default its own) */
  readonly simUntil?: string;
  readonly clientId: string;
  /** MQTT 5 receiveMaximum: how many QoS 1 messages may wait unacknowledged (and so be redelivered) */
  readonly receiveMaximum: number;
  /** inject one test event this often (ms); 0: no injections */
  readonly injectEveryMs: number;
};

/** Messages on the IPC channel. */
/** `finished`: a simulation reached the end of its scenario */
export type ChildMessage = { readonly ready: number | null } | { readonly finished: true } | { readonly stopped: true } | { readonly failed: string };
export type ParentMessage = { readonly stop: true };

/** The connection's name: its outbox is kept under it, so every start resumes the same outbox. */
export const CONNECTION = 'crash-plant';
/** Injections go out under this line only (the connection's publish allowlist). */
export const INJECT_PREFIX = 'linesight/v1/US01/L2/';
/** The watch subscribes to the Tulsa plant only: the load and the injections, not the simulation's publishing. */
export const WATCH_FILTER = 'linesight/v1/US01/#';

/** The simulation's publish connection: its outbox, too, is resumed by every start. */
export const SIM_CONNECTION = 'crash-sim';
/** The simulated plant (Kassel: the bundled scenario `baseline`) and its topics. */
export const SIM_SCENARIO = 'baseline';
export const SIM_FILTER = 'linesight/v1/DE01/#';
