/** What a connection to a broker is configured with (a connections file, `--broker`, the console's form). */

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
};
