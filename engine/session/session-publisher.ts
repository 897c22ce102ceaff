import type { ConnectionStatus } from '../contract/index.js';
import type { JournalWriter, OutboxEntry } from '../journal/index.js';
import type { JournalInput } from '../journal/journal-input.js';
import { connectBroker, displayUrl, type BrokerConfig } from '../sources/mqtt/broker-connection.js';
import type { ClientIdClaim } from '../sources/mqtt/client-identity.js';
import { topicOf } from '../sources/mqtt/ingest.js';
import { createOutboxRelay, publishRefusal } from '../sources/mqtt/outbox-relay.js';
import type { HostClock } from './host-clock.js';

/** Messages queued for the broker and not yet acknowledged above which the simulation waits. */
const MAX_UNDELIVERED = 10_000;

/** A session publishing what it journals to a broker (a simulation's conversation, a replay), through the journal's outbox. */
export type SessionPublisher = {
  /** the outbox rows for a batch of outputs: each event under the allowlist, on its `linesight/v1/…` topic */
  outbox(outputs: readonly JournalInput[]): OutboxEntry[];
  /** a batch's rows are committed: publish them */
  readonly committed: () => void;
  /** resolves once the broker has caught up enough to queue more (the outbox is bounded, on disk) */
  room(): Promise<void>;
  status(): ConnectionStatus;
  close(): Promise<void>;
};

/**
 * Open a publish-only connection for a simulation or a replay, so real middleware or a real MES
 * under test can consume what the plant says. Only topics under the connection's allowlist go
 * out; the rest are counted as held back. The outbox is the queue: when the broker is slow or
 * away, the simulation waits at MAX_UNDELIVERED rather than filling memory or the disk.
 */
export function openSessionPublisher(
  cfg: BrokerConfig,
  writer: JournalWriter,
  clock: HostClock,
  changed: () => void,
  claim?: (clientId: string) => ClientIdClaim,
): SessionPublisher {
  if (!cfg.publish || cfg.publish.allow.length === 0) {
    throw new Error(`publishing to ${cfg.name ?? displayUrl(cfg.url)} needs a publish allowlist (topic prefixes, e.g. linesight/v1/)`);
  }
  const policy = cfg.publish;
  const name = cfg.name ?? displayUrl(cfg.url);
  const conn = connectBroker(cfg, () => undefined, () => {
    if (conn.status().state === 'connected') relay.kick();
    changed();
  }, { subscribe: false, ...(claim ? { claim } : {}) });
  const relay = createOutboxRelay(writer, conn, policy);
  let queued = 0;
  return {
    outbox(outputs) {
      const out: OutboxEntry[] = [];
      for (const o of outputs) {
        if (o.kind !== 'event') continue;
        const topic = topicOf(o.event);
        if (publishRefusal(name, policy, topic) !== null) continue;
        out.push({ connection: name, topic, payload: Buffer.from(JSON.stringify(o.event)), eventId: o.event.id });
      }
      queued += out.length;
      return out;
    },
    committed: () => relay.kick(),
    async room() {
      while (queued - relay.status().delivered > MAX_UNDELIVERED) {
        await new Promise<void>((r) => clock.setTimer(r, 50));
      }
    },
    status: () => ({ ...conn.status(), name, publish: relay.status(), mappings: null, dataGaps: [], nodes: [] }),
    async close() {
      await relay.stop();
      await conn.close();
    },
  };
}
