/**
 * The API's calls: `API_CALLS` is the one list of their names, each marked a command (changes the
 * session; resolves once the change has taken effect) or a query (read-only), with its argument and
 * result types. `Commands` and `Queries` are derived from it, and so is every other list of names:
 * the engine's handler registry checks it covers exactly these calls, and the renderer's and
 * Electron's forwarding tables are built by iterating it. Adding a call: an entry here and its handler.
 *
 * The one runtime value of the contract (the markers below are `{ kind }` objects); everything else
 * in `engine/contract/` is types.
 */
import type { EventTemplate, InjectDraft } from '../../model/index.js';
import type { ExceptionView, Gap, Reconciliation } from '../../monitor/index.js';
import type { BrokerStartArgs, EmbeddedBrokerInfo, MappingsCheck, MappingsText } from './connections.js';
import type { Frame, FrameListener } from './frames.js';
import type { EventsPage, EventsPageArgs, ExportArgs, ExportResult } from './journal.js';
import type { GenealogyArgs, LineageArgs, LineageCompareArgs, LineageDiff, LineageSearchArgs, LineageSearchResult, LotGenealogy, OrderLineage } from './lineage.js';
import type {
  ExceptionsArgs,
  ExceptionsListArgs,
  GapsListArgs,
  InjectArgs,
  OperatorResult,
  PreviewArgs,
  ResendArgs,
  ResendPreview,
  ReversalCheck,
  ReversalPreviewArgs,
  ReversalResult,
  ReverseArgs,
  SetControlArgs,
  ToggleFaultArgs,
  ValidateResult,
} from './operator.js';
import type { ProfileStatus, SetPinArgs, SwitchRoleArgs } from './profile.js';
import type { LiveSettings, NoArgs, ReplayArgs, ScenarioSummary, SeekArgs, SessionInfo, Speed, StartArgs, WatchArgs } from './session.js';
import type { DeleteResult, LabelArgs, ReportArgs, SessionComparison, SessionSummary } from './sessions.js';
import type { ProfilesExport, ProfilesExportArgs, ProfilesImport, ProfilesImportArgs, Settings, SettingsPatch, SettingsState } from './settings.js';
import type { Debrief, ExerciseSummary, TrainingAnswerArgs, TrainingRunSummary, TrainingStartArgs, TrainingStatus } from './training.js';

/** Whether a call changes the session (`command`) or only reads (`query`). */
export type CallKind = 'command' | 'query';

/** Where a call's argument and result types are kept: a key no value ever has. */
declare const signature: unique symbol;

/**
 * One entry of `API_CALLS`: at runtime only its kind; its argument type `A` and result type `R`
 * ride along in the type (an argument type that admits `undefined` makes the argument optional).
 */
export type Call<K extends CallKind, A, R> = { readonly kind: K; readonly [signature]?: (args: A) => R };

const command = <A, R>(): Call<'command', A, R> => ({ kind: 'command' });
const query = <A, R>(): Call<'query', A, R> => ({ kind: 'query' });

/** Every call of the API by name, grouped by domain. */
export const API_CALLS = Object.freeze({
  // the current session
  /** Load a scenario and open a new journal session, paused at its start (a running session is ended first). */
  'session.start': command<StartArgs, SessionInfo>(),
  /**
   * Watch live brokers instead of simulating: a new journal session of kind `live`, running in
   * real time (a running session is ended first). A connection is subscribe-only unless its
   * config names a publish allowlist; answers once each broker has subscribed or failed its first attempt.
   */
  'session.watch': command<WatchArgs, SessionInfo>(),
  /**
   * Replay a journaled session as the current session, paused at its start. A plain replay journals
   * nothing: the views read the recorded session (and `session.seek` moves it). A what-if (`rules`)
   * or a replay to a broker (`publish`) journals a new session of kind `replay`.
   */
  'session.replay': command<ReplayArgs, SessionInfo>(),
  /** Advance virtual time against wall time at the current speed. */
  'session.play': command<NoArgs, SessionInfo>(),
  /** Stop virtual time; resolves once everything released so far is journaled and applied to the monitor. */
  'session.pause': command<NoArgs, SessionInfo>(),
  /** While paused: release exactly `events` more canonical events (default 1), journal and apply them. */
  'session.step': command<{ readonly events?: number } | undefined, SessionInfo>(),
  /** Change the pace; takes effect from now without a jump in virtual time. */
  'session.setSpeed': command<{ readonly speed: Speed }, SessionInfo>(),
  /** Move the current replay to a virtual instant. */
  'session.seek': command<SeekArgs, SessionInfo>(),
  'session.status': query<NoArgs, SessionInfo>(),
  /** The latest frame of the current session (null before its first): what a client that just connected shows. */
  'session.frame': query<NoArgs, Frame | null>(),
  /** Controls and operator faults as they are now. */
  'session.settings': query<NoArgs, LiveSettings>(),
  'scenarios.list': query<NoArgs, readonly ScenarioSummary[]>(),

  // operator actions
  /** Switch a fault on or off from the session's current instant; journaled as `operator.fault-toggled`. */
  'operator.toggleFault': command<ToggleFaultArgs, OperatorResult>(),
  /** Switch an integration control; journaled as `operator.control-changed`. */
  'operator.setControl': command<SetControlArgs, OperatorResult>(),
  /** Send composed events into the integration layer; journaled as `operator.event-injected`. */
  'operator.inject': command<InjectArgs, OperatorResult>(),
  /** The event types an operator may inject, with their payload fields. */
  'events.templates': query<NoArgs, readonly EventTemplate[]>(),
  /** Check a draft against the event schema without sending it. */
  'events.validate': query<{ readonly event: InjectDraft }, ValidateResult>(),

  // what went wrong: dead letters, sync gaps, reconciliation
  /** Deliver dead letters again as they are; journaled as `operator.exception-retried`. */
  'exceptions.retry': command<ExceptionsArgs, OperatorResult>(),
  /** Send a corrected copy of a dead letter (new id, same business key); journaled as `operator.exception-resent`. */
  'exceptions.resend': command<ResendArgs, OperatorResult>(),
  /** Close dead letters without delivering them (`why` is required); journaled as `operator.exception-discarded`. */
  'exceptions.discard': command<ExceptionsArgs, OperatorResult>(),
  /** Open dead letters of the current session, oldest first. */
  'exceptions.list': query<ExceptionsListArgs | undefined, readonly ExceptionView[]>(),
  /** What a resend with these changes would send, and whether it would double-post. */
  'exceptions.preview': query<PreviewArgs, ResendPreview>(),
  /** Open sync gaps of the current session, oldest first, optionally of one kind or line (`PLANT/LINE`). */
  'gaps.list': query<GapsListArgs | undefined, readonly Gap[]>(),
  /** Compare MES and ERP for every order the monitor holds, now. */
  'reconciliation.run': query<NoArgs, Reconciliation>(),

  // reversals
  /**
   * Ask ERP to reverse one posting of a business key (`why` is required); journaled as
   * `operator.reversal-requested`. A session that cannot (a replay, a watch that may not publish)
   * answers with the reason in `refused` and journals nothing.
   */
  'reversals.request': command<ReverseArgs, ReversalResult>(),
  /** Which posting a reversal of the key would net, what it nets to and which gap it closes — or why it is refused. */
  'reversals.preview': query<ReversalPreviewArgs, ReversalCheck>(),

  // journaled events
  'events.page': query<EventsPageArgs, EventsPage>(),
  /** Write the filtered events of a session to a CSV or JSON Lines file. */
  'events.export': command<ExportArgs, ExportResult>(),

  // lineage and genealogy
  'lineage.forOrder': query<LineageArgs, OrderLineage>(),
  /** Which orders an order id, lot, business key or event id leads to. */
  'lineage.search': query<LineageSearchArgs, LineageSearchResult>(),
  /** A lot's genealogy: its producing order and inputs up, the orders that consumed it and their lots down. */
  'genealogy.forLot': query<GenealogyArgs, LotGenealogy>(),
  /** Two orders' lineages hop by hop: missing, extra, reordered and slower hops. */
  'lineage.compare': query<LineageCompareArgs, LineageDiff>(),

  // brokers: the embedded one, watched connections, their mappings
  /** Start the embedded MQTT broker (on its own thread) for a line's gateway to connect to; watch it with `session.watch`. */
  'broker.start': command<BrokerStartArgs, EmbeddedBrokerInfo>(),
  /** Stop the embedded broker; its clients are disconnected. */
  'broker.stop': command<NoArgs, null>(),
  /** The embedded broker, or null when it is not running. */
  'broker.status': query<NoArgs, EmbeddedBrokerInfo | null>(),
  /**
   * Forget a connection of the running watch: stop watching it and end the session it keeps on its
   * broker (connect with a clean start, disconnect), dropping what the broker queued for it.
   */
  'connections.forget': command<{ readonly connection: string }, SessionInfo>(),
  /**
   * Replace the mappings file of a watched connection, if the text is valid (otherwise nothing is
   * written and the answer says why); messages arriving from then on are mapped with it.
   */
  'mappings.save': command<MappingsText, MappingsCheck>(),
  /** The mappings file of a watched connection, as text (empty when it does not exist yet). */
  'mappings.load': query<{ readonly connection: string }, MappingsText>(),
  /** Check a mappings text without saving it. */
  'mappings.check': query<{ readonly text: string }, MappingsCheck>(),

  // the journal's sessions
  /** Every session of the journal, newest first (deleted ones are gone). */
  'sessions.list': query<NoArgs, readonly SessionSummary[]>(),
  /** Rename or annotate a session. */
  'sessions.label': command<LabelArgs, SessionSummary>(),
  /** Delete a session that is not running: gone from every list at once; the journal is compacted into a new file. */
  'sessions.delete': command<{ readonly session: number }, DeleteResult>(),
  /** Two sessions' gaps and exceptions side by side. */
  'sessions.compare': query<{ readonly a: number; readonly b: number }, SessionComparison>(),
  /** Write a reconciliation report (self-contained HTML with inline SVG charts, CSV or JSON). */
  'reports.reconcile': command<ReportArgs, ExportResult>(),
  /**
   * Write an evidence pack of a session (default the current one): one self-contained HTML page (no
   * script, nothing fetched; printable to PDF) with the contract checks, the reconciliation, timings,
   * settings, samples, the tool version, the session's digest and the journal's audit head.
   */
  'reports.evidence': command<{ readonly session?: number }, ExportResult>(),

  // roles on a shared PC
  /** The host's role and whether an engineer PIN is set. */
  'profile.status': query<NoArgs, ProfileStatus>(),
  /** Switch role; to engineer with the PIN when one is set (wrong PINs are slowed down). */
  'profile.switch': command<SwitchRoleArgs, ProfileStatus>(),
  /** Set the first engineer PIN, change it or clear it (with the current one). */
  'profile.setPin': command<SetPinArgs, ProfileStatus>(),

  // settings kept between runs (settings.json in the config directory; never a password)
  /** The settings, and a notice to show once (a file set aside, upgraded, or too new to touch). */
  'settings.get': query<NoArgs, SettingsState>(),
  /** Change some settings (connection profiles, last scenario, view preferences, window); the rest stays. */
  'settings.save': command<SettingsPatch, Settings>(),
  /** The notice was shown: stop saying it. */
  'settings.dismissNotice': command<NoArgs, SettingsState>(),
  /** Write connection profiles as a connections file (YAML) into the exports folder, for a team to share. */
  'settings.exportProfiles': command<ProfilesExportArgs | undefined, ProfilesExport>(),
  /** Add the connections of a connections file as profiles (same name: replaced); passwords are dropped and said so. */
  'settings.importProfiles': command<ProfilesImportArgs, ProfilesImport>(),

  // the raw topic inspector of a watch (in memory, bounded; see inspector.ts)
  /** Every topic the current watch received under its subscriptions, mapped or not: counts, rate, last message; and the totals with what was evicted. */
  'inspector.topics': query<NoArgs, import('./inspector.js').InspectorTopics>(),
  /** A topic's last messages kept, newest first: the payload made readable and what Linesight made of each. */
  'inspector.messages': query<import('./inspector.js').InspectorMessagesArgs, import('./inspector.js').InspectorMessages>(),

  // training
  /** The bundled exercises, sorted by id. */
  'training.exercises': query<NoArgs, readonly ExerciseSummary[]>(),
  /** Start an exercise for a trainee: a new simulation session of its scenario, paused at its start (a running session is ended first). */
  'training.start': command<TrainingStartArgs, SessionInfo>(),
  /** The exercise of the current session as the trainee may see it (never whether an answer is right until the debrief); null when none runs. */
  'training.status': query<NoArgs, TrainingStatus | null>(),
  /** Take the next hint: journaled as `operator.hint-taken`; it costs points. */
  'training.hint': command<NoArgs, TrainingStatus>(),
  /** Answer a question: journaled as `operator.answer-given` (a later answer replaces it; a wrong one costs points). */
  'training.answer': command<TrainingAnswerArgs, TrainingStatus>(),
  /** Finish: the rest of the scenario runs at full speed, the run is scored from its events, recorded in the journal, and the debrief is in the status. */
  'training.finish': command<NoArgs, TrainingStatus>(),
  /** Every scored trainee run of the journal, newest first (the instructor's view). */
  'training.runs': query<NoArgs, readonly TrainingRunSummary[]>(),
  /** The same as CSV (RFC 4180, a header row; opens in Excel): trainee, exercise, score, time, mistakes… */
  'training.runsCsv': query<NoArgs, string>(),
  /** A recorded run's debrief. */
  'training.debrief': query<{ readonly run: number }, Debrief>(),
});

type ApiCalls = typeof API_CALLS;

/** Every call name, commands and queries. */
export type CallName = keyof ApiCalls;

/**
 * A call's function type, as a method's (so its argument is checked bivariantly, as the hand-written
 * `Commands` and `Queries` maps did); optional when its argument type admits `undefined`.
 */
type Signature<C> =
  C extends Call<CallKind, infer A, infer R>
    ? undefined extends A
      ? { call(args?: A): Promise<R> }['call']
      : { call(args: A): Promise<R> }['call']
    : never;

/** The calls of one kind, `name → (args) => Promise<result>`. */
type CallsOf<K extends CallKind> = {
  -readonly [N in CallName as ApiCalls[N]['kind'] extends K ? N : never]: Signature<ApiCalls[N]>;
};

/** Requests that change the session. Each resolves once the change has taken effect. */
export type Commands = CallsOf<'command'>;

/** Read-only requests. */
export type Queries = CallsOf<'query'>;

/** Every call by name, whatever its kind: what the engine's handlers implement between them. */
export type AllCalls = Commands & Queries;

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
