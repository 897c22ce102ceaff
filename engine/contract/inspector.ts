/**
 * The raw topic inspector of a watch (`inspector.topics`, `inspector.messages`): every topic a
 * watched connection received under its subscriptions — mapped or not — with its counts and its
 * last few payloads, each with what Linesight made of it. Kept in memory, bounded.
 */

/** How much the inspector keeps: payloads per topic, and bytes in all (topics beyond are evicted, least recently seen first). */
export type InspectorLimits = {
  /** messages kept per topic (default 20) */
  readonly perTopic: number;
  /** bytes kept in all: payloads plus an estimate of the bookkeeping (default 32 MiB) */
  readonly maxBytes: number;
};

/** One topic of one connection, as the inspector saw it. */
export type InspectorTopic = {
  readonly connection: string;
  readonly topic: string;
  /** messages received on it since the watch began (or since it was last evicted) */
  readonly count: number;
  /** messages in the last 60 s */
  readonly ratePerMin: number;
  /** epoch ms of the first and the last message */
  readonly firstAt: number;
  readonly lastAt: number;
  /** whether the last message came as a retained message */
  readonly retained: boolean;
  /** QoS of the last message */
  readonly qos: 0 | 1 | 2;
  /** bytes of the last message's payload */
  readonly lastBytes: number;
  /** bytes the inspector keeps for this topic */
  readonly bytes: number;
  /** what the last message became */
  readonly outcome: InspectorOutcome['kind'];
};

export type InspectorTotals = {
  readonly topics: number;
  /** messages received on the topics kept */
  readonly messages: number;
  /** bytes kept now */
  readonly bytes: number;
  /** topics evicted to stay within `limits.maxBytes`, and the messages they had received */
  readonly evictedTopics: number;
  readonly evictedMessages: number;
  readonly limits: InspectorLimits;
};

/** `inspector.topics`: every topic kept (in no particular order), and the totals. `session`: the watch they belong to (null: no watch). */
export type InspectorTopics = {
  readonly session: number | null;
  readonly topics: readonly InspectorTopic[];
  readonly totals: InspectorTotals;
};

export type InspectorMessagesArgs = { readonly connection: string; readonly topic: string };

/** What Linesight made of one message. */
export type InspectorOutcome =
  /** journaled as a canonical event (the first, when one message made several); `rule`: the mapping that matched */
  | { readonly kind: 'event'; readonly id: string; readonly type: string; readonly rule?: string; readonly events: number }
  /** kept in quarantine with its bytes */
  | { readonly kind: 'quarantined'; readonly reason: string; readonly detail: string; readonly rule?: string }
  /** understood and meaning nothing Linesight shows (a Sparkplug birth, a machine state) */
  | { readonly kind: 'ignored'; readonly why: string; readonly rule?: string };

/** A payload made readable: pretty JSON, a decoded Sparkplug B payload, text, or a hex dump (of the first 4 KiB). */
export type InspectorPayload = {
  readonly kind: 'json' | 'sparkplug' | 'text' | 'hex';
  readonly text: string;
  /** the dump stops before the end of the payload */
  readonly truncated?: true;
};

export type InspectorMessage = {
  readonly at: number;
  readonly qos: 0 | 1 | 2;
  readonly retain: boolean;
  readonly bytes: number;
  readonly payload: InspectorPayload;
  readonly outcome: InspectorOutcome;
};

/** `inspector.messages`: a topic's messages kept, newest first (empty when the topic is not kept). */
export type InspectorMessages = {
  readonly connection: string;
  readonly topic: string;
  readonly count: number;
  readonly messages: readonly InspectorMessage[];
};
