import type { PublishStatus } from '../../contract/index.js';
import type { JournalWriter } from '../../journal/index.js';
import type { BrokerConnection, PublishPolicy } from './broker-connection.js';

export type { PublishStatus } from '../../contract/index.js';

/** Why `topic` may not be published on a connection, or null when it may. */
export function publishRefusal(name: string, policy: PublishPolicy | undefined, topic: string): string | null {
  if (policy === undefined || policy.allow.length === 0) {
    return `publishing to ${name} is not enabled: it is subscribe-only until its connection names the topic prefixes Linesight may publish under`;
  }
  if (policy.allow.some((prefix) => topic.startsWith(prefix))) return null;
  return `topic ${topic} is outside the publish allowlist of ${name} (${policy.allow.join(', ')})`;
}

export type OutboxRelay = {
  /** there is something new in the outbox (or the connection came up): publish what waits */
  kick(): void;
  status(): PublishStatus;
  /** stop publishing; what is unacknowledged stays in the outbox for the next session */
  stop(): Promise<void>;
};

/**
 * Publish a connection's outbox in row order, at most `window` messages unacknowledged at a time
 * (so the in-memory part is bounded whatever the outbox holds), and mark each row delivered when
 * its PUBACK comes. While the connection is down nothing is sent: the outbox is the offline queue,
 * on disk. Rows left undelivered — a drop before the PUBACK, a restart — are sent again, oldest
 * first: delivery is at least once, and a receiver (Linesight included) dedupes by event id.
 */
export function createOutboxRelay(writer: JournalWriter, conn: BrokerConnection, policy: PublishPolicy, window = 100): OutboxRelay {
  const inFlight = new Set<number>();
  /** rows up to here were handed to the client (or found delivered); a failure moves it back */
  let cursor = 0;
  let pending = 0;
  let delivered = 0;
  let lastError: string | null = null;
  let running = false;
  let again = false;
  let stopped = false;
  let acked: number[] = [];
  let marking: Promise<void> = Promise.resolve();

  const markAcked = () => {
    if (acked.length === 0) return;
    const ids = acked;
    acked = [];
    // once they are recorded, refill the window (and read the true pending count): one outbox read
    // per batch of acknowledgements, not one per PUBACK
    marking = marking.then(() => writer.outboxDelivered(ids)).then(kick).catch((err: unknown) => {
      // the rows stay pending and go again: a duplicate, never a loss
      lastError = `could not record deliveries: ${(err as Error).message}`;
    });
  };

  const send = (id: number, topic: string, payload: Uint8Array) => {
    inFlight.add(id);
    conn.publish(topic, payload).then(
      () => {
        inFlight.delete(id);
        delivered++;
        pending = Math.max(0, pending - 1);
        acked.push(id);
        if (acked.length === 1) queueMicrotask(markAcked);
      },
      (err: unknown) => {
        inFlight.delete(id);
        lastError = (err as Error).message;
        cursor = Math.min(cursor, id - 1);
        // sent again when the connection is back (the relay is kicked on every state change)
      },
    );
  };

  const pump = async () => {
    if (conn.status().state !== 'connected') {
      // offline: nothing goes out, but the UI should see the outbox grow
      pending = (await writer.outboxPending(conn.name, cursor, 0)).pending;
      return;
    }
    while (!stopped && conn.status().state === 'connected' && inFlight.size < window) {
      const page = await writer.outboxPending(conn.name, cursor, window - inFlight.size);
      pending = page.pending;
      const fresh = page.messages.filter((m) => !inFlight.has(m.id));
      if (page.messages.length > 0) cursor = Math.max(cursor, page.messages[page.messages.length - 1]!.id);
      if (fresh.length === 0 && page.messages.length === 0) return;
      for (const m of fresh) {
        if (stopped || conn.status().state !== 'connected') {
          cursor = Math.min(cursor, m.id - 1);
          return;
        }
        send(m.id, m.topic, m.payload);
      }
    }
  };

  const kick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    void (async () => {
      do {
        again = false;
        try {
          await pump();
        } catch (err) {
          lastError = (err as Error).message;
        }
      } while (again && !stopped);
      running = false;
    })();
  };

  return {
    kick,
    status: () => ({ allow: policy.allow, pending, delivered, lastError }),
    async stop() {
      stopped = true;
      markAcked();
      await marking;
    },
  };
}
