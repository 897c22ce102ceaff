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
import type { AnyEvent, Control, EventTemplate, EventType, ExceptionCategory, FaultKind } from '../../model/index.js';
import type { ExceptionView, OrderView, Reconciliation, ReversalPreview } from '../../monitor/index.js';
import type { ImportWarning, StoredEvent } from '../journal/types.js';
import type { Genealogy } from '../journal/genealogy.js';

export type { Lineage, LineageEdge, LineageLane, LineageNode } from '../../monitor/index.js';
export type { Conservation, ControlCounts, ExceptionCounts, Gap, LineStats } from '../../monitor/index.js';
export type { ExceptionView, OrderView, Reconciliation, ReconciliationMismatch, ReversalPreview } from '../../monitor/index.js';
export type { AnyEvent, Control, EventTemplate, EventType, ExceptionCategory, FaultKind, Interface, PayloadField } from '../../model/index.js';
export type { ImportWarning, StoredEvent } from '../journal/types.js';
export type { ConnectionState, PossibleGap } from '../sources/mqtt/broker-connection.js';
export type { Outage } from '../sources/mqtt/broker-connection.js';
export type { PublishStatus } from '../sources/mqtt/outbox-relay.js';
import type { ConnectionStatus as BrokerStatus } from '../sources/mqtt/broker-connection.js';
import type { PublishStatus } from '../sources/mqtt/outbox-relay.js';
export type { DataGap, SparkplugNodeStatus } from '../sources/mappings/index.js';
import type { DataGap, SparkplugNodeStatus } from '../sources/mappings/index.js';
export type { BrokerStatus as EmbeddedBrokerStatus } from '../sources/broker/broker-protocol.js';
import type { BrokerStatus as EmbeddedBrokerStatus } from '../sources/broker/broker-protocol.js';

/** A watched broker connection as the UI shows it. */
export type ConnectionStatus = BrokerStatus & {
  /** the connection's name (its outbox, secret and mappings are kept under it) */
  readonly name: string;
  /** null: subscribe-only */
  readonly publish: PublishStatus | null;
  /** the mappings file for traffic outside `linesight/v1/…` (null: none) */
  readonly mappings: string | null;
  /** "possible data gap": jumps in a source's `sequence` or a Sparkplug node's `seq`, newest last (at most 100) */
  readonly dataGaps: readonly DataGap[];
  /** Sparkplug B edge nodes and devices seen, as their births and deaths say */
  readonly nodes: readonly SparkplugNodeStatus[];
  /** the journal this connection's acknowledgements wait for (a watch session's; absent where nothing is journaled from it) */
  readonly journal?: JournalState;
};

/**
 * Whether the journal takes what a watch session receives. While it refuses writes (a full disk,
 * a locked or read-only file) the refused batch is retried with backoff and nothing more is
 * acknowledged to the broker; past the session's limit the watch stops.
 */
export type JournalState =
  | { readonly state: 'ok' }
  | {
      readonly state: 'unavailable';
      /** the journal's last refusal, e.g. "database or disk is full (SQLITE_FULL)" */
      readonly reason: string;
      /** wall-clock epoch ms of the first refusal of this outage */
      readonly since: number;
      /** attempts refused so far in this outage */
      readonly retries: number;
      /** what kind of refusal: the disk is full, another program holds the write lock, … */
      readonly cause?: JournalRefusal;
      /** the journal file that refuses writes */
      readonly path?: string;
      /** bytes free for this user in the journal's folder at the last refusal (null: unknown) */
      readonly freeBytes?: number | null;
    }
  /** refused writes past the limit: the watch stopped (the session's `error` says so) */
  | {
      readonly state: 'failed';
      readonly reason: string;
      readonly since: number;
      readonly cause?: JournalRefusal;
      readonly path?: string;
      readonly freeBytes?: number | null;
    };

/**
 * Why the journal refuses writes, from SQLite's error code: `full` (SQLITE_FULL: the disk, a quota
 * or the file's page limit), `busy` (SQLITE_BUSY: another program holds its write lock),
 * `read-only` (SQLITE_READONLY), `io` (SQLITE_IOERR), `damaged` (SQLITE_CORRUPT), `other`.
 */
export type JournalRefusal = 'full' | 'busy' | 'read-only' | 'io' | 'damaged' | 'other';

/**
 * The journal file a host writes to, as the checks at open and the background integrity check
 * found it. The header and schema are checked before the journal is used (and `quick_check` when
 * it is small); the full `integrity_check` runs afterwards on its own thread.
 */
export type JournalHealth = {
  /** the journal this host's sessions are appended to */
  readonly path: string;
  /**
   * the background integrity check: `checking` while it runs, `ok`, `damaged` (see `problems`),
   * `unknown` (it could not run: `problems[0]` says why), `new` (a journal started empty: nothing to check)
   */
  readonly integrity: 'checking' | 'ok' | 'damaged' | 'unknown' | 'new';
  /** what the integrity check found (at most 20), or why it could not run */
  readonly problems?: readonly string[];
  /**
   * The journal named at start was damaged: it was left exactly as it was (readable for export,
   * e.g. `linesight export PATH`), and this host's sessions go to `path`, a new journal beside it.
   */
  readonly replaced?: { readonly path: string; readonly problem: string };
  /**
   * The running simulation's writes while the journal refuses them (a full disk, a lock held by
   * another program): the run holds still and resumes by itself; `failed` once it gave up. Absent
   * while the journal takes them — and for a watch, which says it per connection (`watching[].journal`).
   */
  readonly writes?: Exclude<JournalState, { readonly state: 'ok' }>;
};

/** `broker.start` arguments: where the embedded broker listens, and who may connect. */
export type BrokerStartArgs = {
  /** default 1883; 0 picks a free port */
  readonly port?: number;
  /** default 127.0.0.1; any other address needs username and password */
  readonly host?: string;
  readonly username?: string;
  /** given each time it starts; never stored */
  readonly password?: string;
};

/** The embedded broker, running. */
export type EmbeddedBrokerInfo = EmbeddedBrokerStatus & {
  /** mqtt://HOST:PORT, what a line's gateway connects to */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** whether clients must log in */
  readonly auth: boolean;
};

/** A connection's mappings file as text (`mappings.load`), or the text to check or save. */
export type MappingsText = { readonly connection: string; readonly text: string };

/** What a check of a mappings text found: the rules it declares, or the one-line problem (`file:line: …`). */
export type MappingsCheck = { readonly ok: boolean; readonly rules: number; readonly problems: readonly string[] };

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
export type { BrokerConfig } from '../sources/mqtt/broker-connection.js';
import type { BrokerConfig } from '../sources/mqtt/broker-connection.js';

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
  readonly lot?: string;
  readonly businesskey?: string;
  /** events at or after this instant (RFC 3339) */
  readonly from?: string;
  /** events before this instant (RFC 3339) */
  readonly to?: string;
  /** journal session id; default the current session */
  readonly session?: number;
};

/** The filters of `events.page`, without paging: what `events.export` writes. */
export type EventFilter = Omit<EventsPageArgs, 'afterSeq' | 'limit'>;

/** `events.export` arguments. */
export type ExportArgs = EventFilter & { readonly format: 'csv' | 'jsonl' };

/** Where an export went. */
export type ExportResult = {
  /** absolute path of the written file, on the machine running the engine */
  readonly path: string;
  readonly rows: number;
  readonly bytes: number;
  /** a URL the UI can offer as a download, when the host serves exports (the browser host does) */
  readonly href: string | null;
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

/** `lineage.search` arguments: an order, lot, business key or event id (exact, case-sensitive). */
export type LineageSearchArgs = { readonly query: string; readonly session?: number };

/** The orders a search term leads to, and what it matched. */
export type LineageSearchResult = {
  readonly session: number;
  readonly query: string;
  readonly matches: readonly { readonly order: string; readonly matchedBy: 'order' | 'lot' | 'businesskey' | 'event' }[];
};

/** `genealogy.forLot` arguments: a lot (exact), how many orders up and down to follow (1 … 3, default 2). */
export type GenealogyArgs = { readonly lot: string; readonly depth?: number; readonly session?: number };

/** A lot's genealogy: lots and orders, linked by consumption, production and splits. */
export type LotGenealogy = Genealogy & { readonly session: number };

/**
 * Who did it and why: required context of every operator action, journaled with it as an
 * `operator.*` event. `who` defaults to the user the engine runs as.
 */
export type OperatorContext = { readonly who?: string; readonly why: string };

/** `operator.toggleFault`: switch a fault on (from now, until switched off) or off. */
export type ToggleFaultArgs = OperatorContext & {
  readonly fault: FaultKind;
  /** `PLANT/LINE` or a bare line id; omit for every line (ERP faults are plant-wide anyway) */
  readonly line?: string;
  readonly enabled: boolean;
  /** fault parameters (defaults as in a scenario file) */
  readonly params?: Readonly<Record<string, number | string>>;
};

/** `operator.setControl`: switch an integration-layer control on or off from now. */
export type SetControlArgs = OperatorContext & { readonly control: Control; readonly enabled: boolean };

export type { InjectDraft } from '../../model/index.js';
import type { InjectDraft } from '../../model/index.js';

/** `operator.inject` arguments. */
export type InjectArgs = OperatorContext & {
  readonly event: InjectDraft;
  /** watching a broker: the connection to publish on (default the one connection that may publish) */
  readonly connection?: string;
  /** watching a broker: `PLANT/LINE` of an order not seen on it yet */
  readonly line?: string;
  /** how many copies (default 1, at most 1000), each a new message */
  readonly count?: number;
  /** virtual ms between copies (default 0) */
  readonly spacingMs?: number;
  /**
   * virtual ms the (first) copy is held back on its way to the integration layer, so messages sent
   * after it overtake it: "send out of order" (default 0)
   */
  readonly delayMs?: number;
  /** the template or journaled event id it was made from, for the record */
  readonly template?: string;
};

/** `exceptions.retry` / `exceptions.discard` arguments: one or many open dead letters. */
export type ExceptionsArgs = OperatorContext & { readonly messageIds: readonly string[] };

/** `exceptions.resend` / `exceptions.preview` arguments: a dead letter and the data fields to change. */
export type ResendArgs = OperatorContext & {
  readonly messageId: string;
  /** data fields to replace, e.g. `{ uom: 'EA', qty: 120 }` */
  readonly changes: Readonly<Record<string, unknown>>;
};

/** `exceptions.preview` arguments: a resend without sending it (so no reason is needed). */
export type PreviewArgs = Omit<ResendArgs, keyof OperatorContext>;

/** What an operator action did. */
export type OperatorResult = {
  /** ids of the journaled `operator.*` events */
  readonly actions: readonly string[];
  /** ids of the messages the action sent (injected copies, resends, retried messages) */
  readonly messages: readonly string[];
  /** message ids the action could not apply to, with why (bulk actions apply to the rest) */
  readonly refused: readonly { readonly messageId: string; readonly reason: string }[];
  readonly info: SessionInfo;
};

/** Whether a resend of a dead letter would post a business key ERP has already posted. */
export type ResendPreview = {
  readonly messageId: string;
  readonly businesskey: string;
  /** the dead-lettered message, as journaled */
  readonly original: AnyEvent;
  /** the message the resend would send (new id and sequence given when sent) */
  readonly resend: { readonly type: EventType; readonly data: Readonly<Record<string, unknown>> };
  /** postings of the business key ERP has made so far (from the business-key ledger) */
  readonly postings: number;
  readonly wouldDoublePost: boolean;
  /** one sentence for the operator */
  readonly verdict: string;
  /** problems with the changes (unknown field, wrong type); empty when the resend may go */
  readonly problems: readonly string[];
};

/**
 * `reversals.request`: ask ERP to reverse one posting of a business key ERP has posted (a double
 * posting, a wrong quantity). The reversal is a message of its own (`{key}/REV/{n}`) that ERP posts
 * like any other; journaled as `operator.reversal-requested`.
 */
export type ReverseArgs = OperatorContext & {
  /** the business key whose posting is reversed, e.g. `PO-1/CONF/0010/1` */
  readonly reverses: string;
  /** watching a broker: the connection to publish on (default the one connection that may publish) */
  readonly connection?: string;
};

/** `reversals.preview`: what a reversal of `reverses` would net, without sending it. */
export type ReversalPreviewArgs = { readonly reverses: string };

/**
 * What `reversals.preview` answers: the monitor's preview, and the reversals of the key already sent
 * that ERP has not posted (in flight, dead-lettered or lost) — another one now would net it twice
 * once they are posted.
 */
export type ReversalCheck = ReversalPreview & {
  /** reversal keys (`{key}/REV/{n}`) whose message the journal holds without ERP's posting of it */
  readonly unposted: readonly string[];
};

/** What a reversal request did: the message it sent, or why nothing was sent (nothing journaled then). */
export type ReversalResult = {
  readonly reverses: string;
  /** ids of the journaled `operator.reversal-requested` events (empty when refused) */
  readonly actions: readonly string[];
  /** the reversal message sent (empty when refused) */
  readonly messages: readonly string[];
  /** why the session did not send it, in one sentence; null when it was sent */
  readonly refused: string | null;
  /** what it nets, as previewed just before it was sent (or why it is refused) */
  readonly preview: ReversalCheck;
  readonly info: SessionInfo;
};

/** `gaps.list` arguments (all optional filters). */
export type GapsListArgs = { readonly kind?: string; readonly line?: string };

/** `exceptions.list` arguments (all optional filters). */
export type ExceptionsListArgs = {
  readonly category?: ExceptionCategory;
  readonly line?: string;
  readonly messageType?: string;
};

/** `events.validate` arguments and answer: check a draft before sending it. */
export type ValidateResult = { readonly ok: boolean; readonly problems: readonly string[] };

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

/** A journal session as the session list shows it. */
export type SessionSummary = {
  readonly id: number;
  readonly kind: 'simulation' | 'live' | 'replay' | 'import';
  /** the name an engineer gave it (null: none yet) */
  readonly name: string | null;
  /** a free-text note (null: none) */
  readonly note: string | null;
  /** scenario id, or what was watched, replayed or imported */
  readonly scenario: string;
  readonly seed: number | null;
  /** RFC 3339 wall-clock start and end (end null while it runs) */
  readonly startedAt: string;
  readonly endedAt: string | null;
  readonly events: number;
  /** open sync gaps and open exceptions when it ended (null: not recorded, e.g. still running) */
  readonly gaps: number | null;
  readonly exceptions: number | null;
  /** SHA-256 over the session's events in canonical JSON (same events ⇒ same digest) */
  readonly digest: string;
  /** how many assumptions its import made (0 for every other kind of session) */
  readonly warningCount: number;
  /** the first of them (at most 100), in file and document order */
  readonly warnings: readonly ImportWarning[];
  /**
   * present when the session was interrupted: its process died (a crash, a kill, a power cut)
   * before ending it, so `endedAt` stays null; it can still be replayed and reported up to its
   * last committed event
   */
  readonly interrupted?: SessionInterruption;
};

/** What an interrupted session left: its last committed event (null: it had committed none). */
export type SessionInterruption = {
  readonly lastEvent: {
    /** its position in the journal */
    readonly seq: number;
    readonly id: string;
    readonly type: string;
    /** the event's own time (RFC 3339) */
    readonly time: string;
    /** RFC 3339 wall-clock time it was received at */
    readonly receivedAt: string;
  } | null;
};


/** `sessions.label`: rename and/or annotate a session (an empty string clears). */
export type LabelArgs = { readonly session: number; readonly name?: string; readonly note?: string };

/** What deleting a session did: it is gone from lists at once; its space is reclaimed by compacting into a new file. */
export type DeleteResult = { readonly session: number; readonly bytesBefore: number; readonly bytesAfter: number };

/** `reports.reconcile`: a reconciliation report of a session (default the current one, else the latest). */
export type ReportArgs = { readonly session?: number; readonly format: 'html' | 'csv' | 'json' };

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

/** `sessions.compare`: two sessions' gaps and exceptions side by side (a what-if against its original). */
export type SessionComparison = {
  readonly a: number;
  readonly b: number;
  /** gaps by `kind order` key: only in a (closed by b's rules), only in b (new), in both */
  readonly gaps: { readonly onlyA: readonly Gap[]; readonly onlyB: readonly Gap[]; readonly both: number };
  readonly exceptions: { readonly a: number; readonly b: number; readonly byCategory: Readonly<Record<string, { readonly a: number; readonly b: number }>> };
  /** the lineage diff of every order both sessions hold (up to `ordersCompared`), those that differ, most differing hops first */
  readonly orders: {
    readonly inBoth: number;
    readonly onlyA: number;
    readonly onlyB: number;
    /** how many of the orders in both were compared hop by hop */
    readonly compared: number;
    readonly differing: readonly { readonly order: string; readonly hops: number; readonly statuses: Readonly<Partial<Record<HopDiff['status'], number>>> }[];
  };
};

/** `lineage.compare`: two orders, of the same or different sessions. */
export type LineageCompareArgs = { readonly a: LineageArgs; readonly b: LineageArgs };

/** One hop of an order's lineage compared with the other order's (matched by event type and system). */
export type HopDiff = {
  /** `missing`: in a, not in b · `extra`: in b, not in a · `reordered`: in both, in another order · `slower` / `faster`: in both, latency differs by > 20 % and 1 s · `same` */
  readonly status: 'same' | 'missing' | 'extra' | 'reordered' | 'slower' | 'faster';
  readonly type: string;
  readonly system: string;
  /** ms from the order's first event, in a and in b (null where absent) */
  readonly atA: number | null;
  readonly atB: number | null;
  /** the hop's latency from its cause, in a and in b */
  readonly latencyA: number | null;
  readonly latencyB: number | null;
};

export type LineageDiff = { readonly a: { readonly session: number; readonly order: string }; readonly b: { readonly session: number; readonly order: string }; readonly hops: readonly HopDiff[] };

/** Requests that change the session. Each resolves once the change has taken effect. */
export type Commands = {
  /** Load a scenario and open a new journal session, paused at its start (a running session is ended first). */
  'session.start'(args: StartArgs): Promise<SessionInfo>;
  /**
   * Watch live brokers instead of simulating: a new journal session of kind `live`, running in
   * real time (a running session is ended first). A connection is subscribe-only unless its
   * config names a publish allowlist; answers once each broker has subscribed or failed its first attempt.
   */
  'session.watch'(args: WatchArgs): Promise<SessionInfo>;
  /** Advance virtual time against wall time at the current speed. */
  'session.play'(args?: NoArgs): Promise<SessionInfo>;
  /** Stop virtual time; resolves once everything released so far is journaled and applied to the monitor. */
  'session.pause'(args?: NoArgs): Promise<SessionInfo>;
  /** While paused: release exactly `events` more canonical events (default 1), journal and apply them. */
  'session.step'(args?: { readonly events?: number }): Promise<SessionInfo>;
  /** Change the pace; takes effect from now without a jump in virtual time. */
  'session.setSpeed'(args: { readonly speed: Speed }): Promise<SessionInfo>;
  /** Switch a fault on or off from the session's current instant; journaled as `operator.fault-toggled`. */
  'operator.toggleFault'(args: ToggleFaultArgs): Promise<OperatorResult>;
  /** Switch an integration control; journaled as `operator.control-changed`. */
  'operator.setControl'(args: SetControlArgs): Promise<OperatorResult>;
  /** Send composed events into the integration layer; journaled as `operator.event-injected`. */
  'operator.inject'(args: InjectArgs): Promise<OperatorResult>;
  /** Deliver dead letters again as they are; journaled as `operator.exception-retried`. */
  'exceptions.retry'(args: ExceptionsArgs): Promise<OperatorResult>;
  /** Send a corrected copy of a dead letter (new id, same business key); journaled as `operator.exception-resent`. */
  'exceptions.resend'(args: ResendArgs): Promise<OperatorResult>;
  /** Close dead letters without delivering them (`why` is required); journaled as `operator.exception-discarded`. */
  'exceptions.discard'(args: ExceptionsArgs): Promise<OperatorResult>;
  /**
   * Ask ERP to reverse one posting of a business key (`why` is required); journaled as
   * `operator.reversal-requested`. A session that cannot (a replay, a watch that may not publish)
   * answers with the reason in `refused` and journals nothing.
   */
  'reversals.request'(args: ReverseArgs): Promise<ReversalResult>;
  /** Write the filtered events of a session to a CSV or JSON Lines file. */
  'events.export'(args: ExportArgs): Promise<ExportResult>;
  /** Start the embedded MQTT broker (on its own thread) for a line's gateway to connect to; watch it with `session.watch`. */
  'broker.start'(args: BrokerStartArgs): Promise<EmbeddedBrokerInfo>;
  /** Stop the embedded broker; its clients are disconnected. */
  'broker.stop'(args?: NoArgs): Promise<null>;
  /**
   * Forget a connection of the running watch: stop watching it and end the session it keeps on its
   * broker (connect with a clean start, disconnect), dropping what the broker queued for it.
   */
  'connections.forget'(args: { readonly connection: string }): Promise<SessionInfo>;
  /**
   * Replace the mappings file of a watched connection, if the text is valid (otherwise nothing is
   * written and the answer says why); messages arriving from then on are mapped with it.
   */
  'mappings.save'(args: MappingsText): Promise<MappingsCheck>;
  /** Rename or annotate a session. */
  'sessions.label'(args: LabelArgs): Promise<SessionSummary>;
  /** Delete a session that is not running: gone from every list at once; the journal is compacted into a new file. */
  'sessions.delete'(args: { readonly session: number }): Promise<DeleteResult>;
  /** Write a reconciliation report (self-contained HTML with inline SVG charts, CSV or JSON). */
  'reports.reconcile'(args: ReportArgs): Promise<ExportResult>;
  /**
   * Replay a journaled session as the current session, paused at its start. A plain replay journals
   * nothing: the views read the recorded session (and `session.seek` moves it). A what-if (`rules`)
   * or a replay to a broker (`publish`) journals a new session of kind `replay`.
   */
  'session.replay'(args: ReplayArgs): Promise<SessionInfo>;
  /** Move the current replay to a virtual instant. */
  'session.seek'(args: SeekArgs): Promise<SessionInfo>;
};

/** Read-only requests. */
export type Queries = {
  'scenarios.list'(args?: NoArgs): Promise<readonly ScenarioSummary[]>;
  'session.status'(args?: NoArgs): Promise<SessionInfo>;
  /** The latest frame of the current session (null before its first): what a client that just connected shows. */
  'session.frame'(args?: NoArgs): Promise<Frame | null>;
  'events.page'(args: EventsPageArgs): Promise<EventsPage>;
  'lineage.forOrder'(args: LineageArgs): Promise<OrderLineage>;
  /** Which orders an order id, lot, business key or event id leads to. */
  'lineage.search'(args: LineageSearchArgs): Promise<LineageSearchResult>;
  /** A lot's genealogy: its producing order and inputs up, the orders that consumed it and their lots down. */
  'genealogy.forLot'(args: GenealogyArgs): Promise<LotGenealogy>;
  /** Open dead letters of the current session, oldest first. */
  'exceptions.list'(args?: ExceptionsListArgs): Promise<readonly ExceptionView[]>;
  /** What a resend with these changes would send, and whether it would double-post. */
  'exceptions.preview'(args: PreviewArgs): Promise<ResendPreview>;
  /** Which posting a reversal of the key would net, what it nets to and which gap it closes — or why it is refused. */
  'reversals.preview'(args: ReversalPreviewArgs): Promise<ReversalCheck>;
  /** Open sync gaps of the current session, oldest first, optionally of one kind or line (`PLANT/LINE`). */
  'gaps.list'(args?: GapsListArgs): Promise<readonly Gap[]>;
  /** Compare MES and ERP for every order the monitor holds, now. */
  'reconciliation.run'(args?: NoArgs): Promise<Reconciliation>;
  /** The event types an operator may inject, with their payload fields. */
  'events.templates'(args?: NoArgs): Promise<readonly EventTemplate[]>;
  /** Check a draft against the event schema without sending it. */
  'events.validate'(args: { readonly event: InjectDraft }): Promise<ValidateResult>;
  /** Controls and operator faults as they are now. */
  'session.settings'(args?: NoArgs): Promise<LiveSettings>;
  /** The embedded broker, or null when it is not running. */
  'broker.status'(args?: NoArgs): Promise<EmbeddedBrokerInfo | null>;
  /** The mappings file of a watched connection, as text (empty when it does not exist yet). */
  'mappings.load'(args: { readonly connection: string }): Promise<MappingsText>;
  /** Check a mappings text without saving it. */
  'mappings.check'(args: { readonly text: string }): Promise<MappingsCheck>;
  /** Every session of the journal, newest first (deleted ones are gone). */
  'sessions.list'(args?: NoArgs): Promise<readonly SessionSummary[]>;
  /** Two sessions' gaps and exceptions side by side. */
  'sessions.compare'(args: { readonly a: number; readonly b: number }): Promise<SessionComparison>;
  /** Two orders' lineages hop by hop: missing, extra, reordered and slower hops. */
  'lineage.compare'(args: LineageCompareArgs): Promise<LineageDiff>;
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
  /** the oldest ≤ 100 open sync gaps (all of them: `gaps.list`) */
  readonly gaps: readonly Gap[];
  /** open sync gaps in all */
  readonly gapsOpen: number;
  readonly gapsClosed: number;
  readonly exceptions: FrameExceptions;
  readonly controls: ControlCounts;
  readonly conservation: Conservation;
  /** orders not yet closed (at most 500, stuck ones first) with their lifecycle state */
  readonly orders: readonly OrderView[];
  /** the last ≤ 50 applied events (full envelopes), oldest first */
  readonly tail: readonly AnyEvent[];
  /** true on the frame that closes a finished run */
  readonly final: boolean;
  /** the brokers a watch session listens to (null for a simulation) */
  readonly watching: readonly ConnectionStatus[] | null;
  /** the host's journal file (see `SessionInfo.journal`) */
  readonly journal?: JournalHealth;
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
