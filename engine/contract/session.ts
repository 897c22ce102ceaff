/**
 * The current session as the API shows it: its status and pace, how one is started (a simulation,
 * a watch of brokers, a replay), and its live settings.
 */
import type { Control, FaultKind } from '../../model/index.js';
import type { BrokerConfig, ConnectionStatus } from './connections.js';
import type { JournalHealth } from './journal.js';

/** Where the session host is: nothing started, advancing, held, or run to its end. */
export type SessionStatus = 'idle' | 'running' | 'paused' | 'finished';

/** Virtual milliseconds per wall-clock millisecond; `'max'` runs as fast as the journal commits. */
export type Speed = number | 'max';

/** Arguments of commands and queries that take none (kept an object so every call has one JSON argument). */
export type NoArgs = Record<string, never> | undefined;

/** A plant of a simulation as the overview groups it: its time zone and kind, and the run's lines with what they make. */
export type PlantInfo = {
  readonly id: string;
  readonly name: string;
  /** IANA time zone, e.g. `Europe/Berlin` */
  readonly timeZone: string;
  readonly kind: 'discrete' | 'batch';
  readonly lines: readonly { readonly id: string; readonly name: string; readonly products: readonly string[] }[];
};

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
    /** the plants the run's lines belong to, in plant-model order (absent for a replay) */
    readonly plants?: readonly PlantInfo[];
  } | null;
  /** the session's virtual clock, epoch ms (null while idle) */
  readonly simTime: number | null;
  readonly speed: Speed;
  /** canonical events journaled in this session so far */
  readonly events: number;
  /** why the session stopped advancing on its own (e.g. the journal failed); null while all is well */
  readonly error: string | null;
  /** the brokers a watch session listens to (null for a simulation) */
  readonly watching: readonly ConnectionStatus[] | null;
  /** a simulation publishing its conversation: that connection (absent otherwise) */
  readonly publishing?: ConnectionStatus;
  /** a replay of a recorded session: which, and how many events it holds (absent otherwise) */
  readonly replay?: { readonly of: number; readonly events: number };
  /** the host's journal file: where it is, whether it was found damaged at start, its integrity check */
  readonly journal?: JournalHealth;
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
  /**
   * publish the simulated conversation to this broker, on `linesight/v1/…` topics under its
   * publish allowlist, so real middleware or a real MES under test can consume it
   */
  readonly publish?: BrokerConfig;
};

/** `session.watch` arguments. */
export type WatchArgs = { readonly brokers: readonly BrokerConfig[] };

/** A bundled scenario as listed for the user to pick; `lookFor` is one line on what it shows (may be empty). */
export type ScenarioSummary = { readonly id: string; readonly name: string; readonly description: string; readonly lookFor: string };

/** `session.replay`: replay a journaled session (see the command for what is journaled). */
export type ReplayArgs = {
  readonly session: number;
  /** default 60 (like a simulation): 1, 10, 100 … virtual ms per wall ms, or 'max' */
  readonly speed?: Speed;
  /**
   * what-if: a fragment of a scenario's `integration` section (e.g. `{ idempotency: { enabled: true } }`);
   * the events that entered the integration layer are fed through it again and ERP posts anew
   */
  readonly rules?: Readonly<Record<string, unknown>>;
  /** republish the replay to this broker through the outbox (publish allowlist required), ids and orders rewritten */
  readonly publish?: BrokerConfig;
};

/** `session.seek`: move a replay to a virtual instant (epoch ms), forwards or backwards. */
export type SeekArgs = { readonly time: number };

/** An integration control's state and an operator fault that is on. */
export type LiveSettings = {
  /** null while no session runs */
  readonly controls: Readonly<Record<Control, boolean>> | null;
  /** faults switched on by an operator and not yet off */
  readonly faults: readonly { readonly fault: FaultKind; readonly line: string | null; readonly since: string }[];
  /** the user operator actions are recorded as, unless a call names someone else */
  readonly operator: string;
  /** fault kinds an operator may switch */
  readonly faultKinds: readonly FaultKind[];
  /** controls that cannot be switched while a session runs, each with the one-line reason */
  readonly fixedControls: Readonly<Partial<Record<Control, string>>>;
};
