/**
 * Broker connections as the API shows them: what a connection is configured with, what a watched
 * or publishing connection is doing, its mappings, and the embedded broker.
 */
import type { JournalState } from './journal.js';

/** Client TLS material, as file paths (PEM) read when connecting; never the material itself in config. */
export type TlsFiles = {
  /** CA bundle to trust instead of the system's */
  readonly ca?: string;
  /** client certificate, for brokers that require one */
  readonly cert?: string;
  /** the client certificate's private key */
  readonly key?: string;
  /** default true; false accepts any server certificate (commissioning a test broker only) */
  readonly rejectUnauthorized?: boolean;
};

/** Publishing to a connection is off unless this names the topic prefixes Linesight may publish under. */
export type PublishPolicy = {
  /** topic prefixes, e.g. `linesight/v1/US01/L9/`; a topic outside every one is refused */
  readonly allow: readonly string[];
};

/** One broker to watch. Secrets never go in config files, the journal or logs. */
export type BrokerConfig = {
  /** mqtt://, mqtts://, ws:// or wss:// */
  readonly url: string;
  /** a short name to show and to find its secret by (default: the URL without user info) */
  readonly name?: string;
  /**
   * The client id: the connection keeps a session on the broker (messages queued while we are away)
   * only under a stable one. Without one, a throwaway id and a clean start: nothing is kept.
   */
  readonly clientId?: string;
  readonly username?: string;
  /** given at connect time (prompt, environment, OS secret store), never stored with the rest */
  readonly password?: string;
  /** topic filters to subscribe to (default Linesight's own namespace, never `#`) */
  readonly subscriptions?: readonly string[];
  /** 4 = MQTT 3.1.1, 5 = MQTT 5 (default) */
  readonly protocolVersion?: 4 | 5;
  /** QoS of the subscriptions (default 1) */
  readonly qos?: 0 | 1;
  /** MQTT 5: how many unacknowledged QoS 1 messages the broker may send (default 500) */
  readonly receiveMaximum?: number;
  /**
   * MQTT 5 session expiry in seconds (default 1 hour): how long the broker keeps the session — and
   * queues QoS 1 messages for it — after we disconnect, so a reconnect finds what was queued
   */
  readonly sessionExpirySeconds?: number;
  /** MQTT 3.1.1: start a clean session each time (default false: the broker keeps what was queued) */
  readonly clean?: boolean;
  /** keepalive in seconds (default 30) */
  readonly keepalive?: number;
  readonly tls?: TlsFiles;
  /** absent: subscribe-only */
  readonly publish?: PublishPolicy;
  /** a mappings file (YAML or JSON) for traffic outside `linesight/v1/…`: generic JSON, UMH, Sparkplug B */
  readonly mappings?: string;
  /**
   * The lines this connection carries, as `PLANT/LINE` (e.g. `US01/L2`): each is on the plant
   * overview from the start of the watch, idle until it works. It filters nothing: a line not named
   * appears with its first event.
   */
  readonly lines?: readonly string[];
  /** the plant's IANA time zone (`America/Chicago`): the console shows the watch's times in it */
  readonly timeZone?: string;
};

/**
 * What a watched connection is doing, for the UI. `in-use`: another client has this client id (the
 * broker took the session over, or another Linesight here holds it); Linesight does not reconnect.
 */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'in-use' | 'closed';

/** A stretch of time in which the broker may have dropped what it held for us. */
export type PossibleGap = { readonly from: number; readonly to: number; readonly why: string };

/**
 * A stretch of time the connection was down: from the moment it dropped to the broker's next
 * CONNACK (`to` null while it is still down). Whether anything was lost meanwhile is a `PossibleGap`'s
 * say: with the session kept, what was published meanwhile arrives late, not never.
 */
export type Outage = { readonly from: number; readonly to: number | null; readonly why: string };

/** What one broker connection is doing (the API's `ConnectionStatus` adds its name, publishing, mappings and journal). */
export type BrokerConnectionStatus = {
  readonly url: string;
  readonly state: ConnectionState;
  /** wall-clock epoch ms of the last state change */
  readonly since: number;
  readonly received: number;
  readonly lastError: string | null;
  readonly possibleGaps: readonly PossibleGap[];
  /** the times this connection dropped and came back, oldest first (the newest 100) */
  readonly outages: readonly Outage[];
  /** the client id it connects with */
  readonly clientId: string;
  /**
   * how long the broker keeps its session after a disconnect: seconds (MQTT 5), `'broker'` (MQTT
   * 3.1.1 persistent session: as long as the broker's own limit says), or null (none kept)
   */
  readonly sessionExpiry: number | 'broker' | null;
};

/** What a publishing connection has done, for the UI. */
export type PublishStatus = {
  /** the topic prefixes Linesight may publish under */
  readonly allow: readonly string[];
  /** messages in the outbox still waiting for this broker's PUBACK */
  readonly pending: number;
  /** acknowledged since this session opened the connection */
  readonly delivered: number;
  readonly lastError: string | null;
};

/**
 * Messages that may never have reached us. `from`/`to` bound the missing sequence numbers
 * (inclusive); both are null when the numbers cannot be known (data before any birth).
 */
export type DataGap = {
  readonly broker: string;
  /** the stream the gap is in: an event source (`/{plant}/{line}/{system}`) or a Sparkplug node (`spBv1.0/{group}/{edgeNode}[/{device}]`) */
  readonly source: string;
  readonly from: string | null;
  readonly to: string | null;
  /** wall-clock epoch ms when the gap was noticed */
  readonly atMs: number;
  readonly why: string;
};

/** What a Sparkplug edge node (or one of its devices) is doing, as its births and deaths say. */
export type SparkplugNodeStatus = {
  readonly group: string;
  readonly edgeNode: string;
  readonly device?: string;
  readonly state: 'online' | 'stale';
  /** wall-clock epoch ms of the last birth or death */
  readonly since: number;
  /** last `seq` seen from the edge node (shared by its devices); null before any */
  readonly lastSeq: number | null;
  /** `bdSeq` of the edge node's current session; null when the birth did not carry one */
  readonly bdSeq: number | null;
};

/** What the embedded broker has done since it started. */
export type EmbeddedBrokerStatus = {
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

/** A watched broker connection as the UI shows it. */
export type ConnectionStatus = BrokerConnectionStatus & {
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
  /** the plant's IANA time zone, as the connection's config says (absent: not given) */
  readonly timeZone?: string;
  /** the lines the connection's config names (`PLANT/LINE`; absent: none named) */
  readonly lines?: readonly string[];
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
