/**
 * The one interface the UI talks to. Commands change the session, queries read it (answered from the
 * journal with indexes), and live state arrives as coalesced frames — never one message per event.
 *
 * Everything that crosses this interface is plain JSON (arguments, results, frames), so the same
 * contract can be implemented in-process (`createLocalApi`), over Electron IPC or over a WebSocket.
 * Transports check themselves with `satisfies LinesightApi`.
 */
import type { Lineage } from '../../monitor/index.js';
import type { Conservation, ControlCounts, ExceptionCounts, Gap, LineStats } from '../../monitor/index.js';
import type { AnyEvent } from '../../model/index.js';
import type { StoredEvent } from '../journal/types.js';

export type { Lineage, LineageEdge, LineageLane, LineageNode } from '../../monitor/index.js';
export type { Conservation, ControlCounts, ExceptionCounts, Gap, LineStats } from '../../monitor/index.js';
export type { StoredEvent } from '../journal/types.js';

/** Where the session host is: nothing started, advancing, held, or run to its end. */
export type SessionStatus = 'idle' | 'running' | 'paused' | 'finished';

/** Virtual milliseconds per wall-clock millisecond; `'max'` runs as fast as the journal commits. */
export type Speed = number | 'max';

/** Arguments of commands and queries that take none (kept an object so every call has one JSON argument). */
export type NoArgs = Record<string, never> | undefined;

/** What `session.status` and every session command answer. */
export type SessionInfo = {
  readonly status: SessionStatus;
  /** journal session id; null before the first `session.start` */
  readonly session: number | null;
  /** the running scenario, null while idle */
  readonly scenario: {
    readonly id: string;
    readonly name: string;
    readonly seed: number;
    /** virtual epoch ms of the scenario start */
    readonly startMs: number;
    /** virtual epoch ms after which no new orders are created (work in flight still drains) */
    readonly endMs: number;
  } | null;
  /** the session's virtual clock, epoch ms (null while idle) */
  readonly simTime: number | null;
  readonly speed: Speed;
  /** canonical events journaled in this session so far */
  readonly events: number;
  /** why the session stopped advancing on its own (e.g. the journal failed); null while all is well */
  readonly error: string | null;
};

/** `session.start` arguments. */
export type StartArgs = {
  /** a bundled scenario id (see `scenarios.list`) or a path to a .yaml/.yml/.json scenario file */
  readonly scenario: string;
  /** overrides the scenario's seed (unsigned 32-bit integer) */
  readonly seed?: number;
  /** overrides the scenario's duration, e.g. `'2h'` */
  readonly until?: string;
  /** initial speed (default 60: one virtual minute per wall second) */
  readonly speed?: Speed;
};

/** A bundled scenario as listed for the user to pick. */
export type ScenarioSummary = { readonly id: string; readonly name: string; readonly description: string };

/** `events.page` arguments: one page of a session's journaled events. */
export type EventsPageArgs = {
  /** return events after this journal position (omit for the first page; then pass `nextAfterSeq`) */
  readonly afterSeq?: number;
  /** page size (capped by the journal at 10 000) */
  readonly limit: number;
  readonly line?: string;
  readonly type?: string;
  /** production order id (the event's `subject`) */
  readonly order?: string;
  /** journal session id; default the current session */
  readonly session?: number;
};

/** One page of events, in journal (`seq`) order. */
export type EventsPage = {
  readonly session: number;
  readonly events: readonly StoredEvent[];
  /** pass as `afterSeq` for the next page; null when this page was the last */
  readonly nextAfterSeq: number | null;
};

/** `lineage.forOrder` arguments. */
export type LineageArgs = {
  readonly order: string;
  /** journal session id; default the current session */
  readonly session?: number;
};

/** An order's business transaction across ERP, MES, WMS, QMS and the integration layer. */
export type OrderLineage = {
  readonly session: number;
  readonly order: string;
  /** the order's journaled events in journal order */
  readonly events: readonly StoredEvent[];
  /** nodes per event, edges with hop latencies, lanes per system */
  readonly lineage: Lineage;
};

/** Requests that change the session. Each resolves once the change has taken effect. */
export type Commands = {
  /** Load a scenario and open a new journal session, paused at its start (a running session is ended first). */
  'session.start'(args: StartArgs): Promise<SessionInfo>;
  /** Advance virtual time against wall time at the current speed. */
  'session.play'(args?: NoArgs): Promise<SessionInfo>;
  /** Stop virtual time; resolves once everything released so far is journaled and applied to the monitor. */
  'session.pause'(args?: NoArgs): Promise<SessionInfo>;
  /** While paused: release exactly `events` more canonical events (default 1), journal and apply them. */
  'session.step'(args?: { readonly events?: number }): Promise<SessionInfo>;
  /** Change the pace; takes effect from now without a jump in virtual time. */
  'session.setSpeed'(args: { readonly speed: Speed }): Promise<SessionInfo>;
};

/** Read-only requests. */
export type Queries = {
  'scenarios.list'(args?: NoArgs): Promise<readonly ScenarioSummary[]>;
  'session.status'(args?: NoArgs): Promise<SessionInfo>;
  'events.page'(args: EventsPageArgs): Promise<EventsPage>;
  'lineage.forOrder'(args: LineageArgs): Promise<OrderLineage>;
};

/** Open dead letters, in total and by category. */
export type FrameExceptions = { readonly total: number; readonly byCategory: ExceptionCounts };

/**
 * Live state, coalesced from the monitor at most ~10 times a second (plus one final frame when the
 * run ends). Reflects exactly what the journal has committed.
 */
export type Frame = {
  /** frame number, from 1, increasing per host */
  readonly seq: number;
  /** journal session id (null while idle) */
  readonly session: number | null;
  readonly status: SessionStatus;
  /** the session's virtual clock, epoch ms */
  readonly simTime: number;
  readonly speed: Speed;
  /** canonical events journaled and applied so far */
  readonly events: number;
  readonly lines: readonly LineStats[];
  /** open sync gaps */
  readonly gaps: readonly Gap[];
  readonly gapsClosed: number;
  readonly exceptions: FrameExceptions;
  readonly controls: ControlCounts;
  readonly conservation: Conservation;
  /** the last ≤ 50 applied events (full envelopes), oldest first */
  readonly tail: readonly AnyEvent[];
  /** true on the frame that closes a finished run */
  readonly final: boolean;
};

/** Receives frames; must not throw. */
export type FrameListener = (frame: Frame) => void;

/** The API of a Linesight engine host, whatever the transport. */
export type LinesightApi = {
  readonly commands: Commands;
  readonly queries: Queries;
  /** Subscribe to frames; returns the function that unsubscribes. */
  onFrame(listener: FrameListener): () => void;
};

/** Command names, for transports that dispatch by name. */
export type CommandName = keyof Commands;
/** Query names, for transports that dispatch by name. */
export type QueryName = keyof Queries;
/** The argument type of a command or query. */
export type ArgsOf<F> = F extends (args: infer A) => Promise<unknown> ? A : never;
/** The result type of a command or query. */
export type ResultOf<F> = F extends (...args: never[]) => Promise<infer R> ? R : never;
