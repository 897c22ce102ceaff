import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { ConnectionStatus, MappingsCheck } from '../contract/index.js';
import type { JournalWriter } from '../journal/index.js';
import { createMapper, createSequenceWatch, loadMappings, MappingError, parseMappings, type DataGap, type Mapper, type Mapping, type MappingSet } from '../sources/mappings/index.js';
import { connectBroker, displayUrl, type Arrived, type BrokerConfig, type BrokerConnection, type ConnectionStatus as BrokerStatus } from '../sources/mqtt/broker-connection.js';
import type { JournalInput } from '../journal/journal-input.js';
import { createOutboxRelay, publishRefusal, type OutboxRelay } from '../sources/mqtt/outbox-relay.js';
import type { ClientIdClaim } from '../sources/mqtt/client-identity.js';

/** Data gaps kept per connection for the UI (the journal keeps every message; this is a notice board). */
const MAX_DATA_GAPS = 100;

/** One broker of a watch session: its connection, the mappings of its traffic, its outbox and its data gaps. */
export type WatchedConnection = {
  readonly name: string;
  readonly config: BrokerConfig;
  /**
   * the canonical events and quarantine records of one message (none: understood, and means nothing
   * to us); `retained`: the broker sent it as a retained message, whose sequence says nothing of loss
   */
  map(topic: string, payload: Uint8Array, nowMs: number, retained?: boolean): JournalInput[];
  /** the mapping the last message `map` was given took (null: none, or Linesight's own namespace) */
  lastMapping(): Mapping | null;
  status(): ConnectionStatus;
  /** why `topic` may not be published here, or null */
  publishRefusal(topic: string): string | null;
  /** publish what waits in the outbox */
  kickOutbox(): void;
  mappingsText(): string;
  /** check `text` and, when valid, write it as this connection's mappings file and map with it from now on */
  saveMappings(text: string): MappingsCheck;
  close(): Promise<void>;
};

export type WatchedConnectionOptions = {
  readonly writer: JournalWriter;
  readonly maxBytes: number;
  /** every message, as it arrives (its return value paces reading, see connectBroker) */
  readonly arrived: (c: WatchedConnection, m: Arrived) => void | Promise<void>;
  readonly changed: (c: WatchedConnection, s: BrokerStatus) => void;
  /** claims a connection's client id on this machine before it connects (see `claimClientId`) */
  readonly claim?: (clientId: string) => ClientIdClaim;
};

/**
 * Open one connection of a watch session. Its mappings file is read first, so a broken one stops
 * the watch with its `file:line` before anything connects.
 */
export function openWatchedConnection(cfg: BrokerConfig, opts: WatchedConnectionOptions): WatchedConnection {
  const name = cfg.name ?? displayUrl(cfg.url);
  // a mappings file named but not written yet is empty: the UI's editor creates it
  let set: MappingSet | null = cfg.mappings !== undefined && existsSync(cfg.mappings) ? loadMappings(cfg.mappings) : null;
  const mapper: Mapper = createMapper(set, name, opts.maxBytes);
  const sequences = createSequenceWatch();
  const gaps: DataGap[] = [];
  const noteGap = (g: DataGap) => {
    gaps.push(g);
    if (gaps.length > MAX_DATA_GAPS) gaps.shift();
  };
  let relay: OutboxRelay | undefined;

  const self: WatchedConnection = {
    name,
    config: cfg,
    map(topic, payload, nowMs, retained = false) {
      const out = mapper.map(topic, payload, nowMs);
      // one retained message per topic, kept from whenever: a jump between them is no data gap
      if (retained) return out;
      for (const o of out) {
        // only what the plant itself says has a sequence of its own: injections and replays reuse a source's
        if (o.kind !== 'event' || o.event.origin !== 'live') continue;
        const g = sequences.observe(name, o.event.source, o.event.sequence, nowMs);
        if (g !== null) noteGap(g);
      }
      return out;
    },
    lastMapping: () => mapper.lastMapping(),
    status() {
      const fromMapper = mapper.dataGaps();
      const dataGaps = fromMapper.length === 0 ? [...gaps] : [...gaps, ...fromMapper].sort((a, b) => a.atMs - b.atMs).slice(-MAX_DATA_GAPS);
      return {
        ...conn.status(),
        name,
        publish: relay?.status() ?? null,
        mappings: cfg.mappings ?? null,
        dataGaps,
        nodes: mapper.nodes(),
        ...(cfg.timeZone === undefined ? {} : { timeZone: cfg.timeZone }),
        ...(cfg.lines === undefined ? {} : { lines: cfg.lines }),
      };
    },
    publishRefusal: (topic) => publishRefusal(name, cfg.publish, topic),
    kickOutbox: () => relay?.kick(),
    mappingsText() {
      if (cfg.mappings === undefined) throw new Error(`connection ${name} has no mappings file: name one in its connection settings`);
      return existsSync(cfg.mappings) ? readFileSync(cfg.mappings, 'utf8') : '';
    },
    saveMappings(text) {
      if (cfg.mappings === undefined) throw new Error(`connection ${name} has no mappings file: name one in its connection settings`);
      const check = checkMappings(text, cfg.mappings);
      if (!check.ok) return check;
      const next = parseMappings(text, cfg.mappings);
      // written whole or not at all: a crash mid-write must not leave half a mappings file
      const tmp = `${cfg.mappings}.${process.pid}.tmp`;
      writeFileSync(tmp, text);
      renameSync(tmp, cfg.mappings);
      set = next;
      mapper.replaceMappings(set);
      return check;
    },
    async close() {
      await relay?.stop();
      await conn.close();
    },
  };
  const conn: BrokerConnection = connectBroker(
    cfg,
    (m) => opts.arrived(self, m),
    (s) => {
      if (s.state === 'connected') relay?.kick();
      opts.changed(self, s);
    },
    opts.claim ? { claim: opts.claim } : {},
  );
  if (cfg.publish) relay = createOutboxRelay(opts.writer, conn, cfg.publish);
  return self;
}

/** Whether `text` is a valid mappings file, and how many rules it declares. */
export function checkMappings(text: string, fileName: string): MappingsCheck {
  try {
    return { ok: true, rules: parseMappings(text, fileName).mappings.length, problems: [] };
  } catch (err) {
    if (err instanceof MappingError) return { ok: false, rules: 0, problems: [err.message] };
    throw err;
  }
}

/**
 * Open every broker of a watch into `into` — so that, if one fails, the caller closes what was
 * opened — and say when each has subscribed or failed its first attempt.
 */
export function openConnections(brokers: readonly BrokerConfig[], into: WatchedConnection[], opts: WatchedConnectionOptions): { readonly firstAttempts: Promise<void>[] } {
  const firstAttempts: Promise<void>[] = [];
  for (const b of brokers) {
    let settled!: () => void;
    firstAttempts.push(new Promise<void>((r) => (settled = r)));
    const conn = openWatchedConnection(b, {
      ...opts,
      changed: (c, st) => {
        if (st.state !== 'connecting' || st.lastError !== null) settled();
        opts.changed(c, st);
      },
    });
    const twin = into.some((c) => c.name === conn.name);
    into.push(conn);
    if (twin) throw new Error(`two connections are named ${conn.name}: give each its own name`);
  }
  return { firstAttempts };
}
