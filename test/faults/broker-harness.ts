// Shared by the broker fault tests (test/faults/broker-*.int.test.ts): a watch session on a real
// journal, a publisher that keeps a ledger of what its broker acknowledged, and the comparison of
// that ledger with the journal.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import mqtt, { type MqttClient } from 'mqtt';
import type { ConnectionState, ConnectionStatus } from '../../engine/contract/index.js';
import { openJournalWriter, type JournalWriter } from '../../engine/journal/index.js';
import { createFrameGate } from '../../engine/session/frame-gate.js';
import { systemClock } from '../../engine/session/host-clock.js';
import type { Session as LiveSession } from '../../engine/session/kernel.js';
import { startWatchSession } from '../../engine/session/watch-session.js';
import type { BrokerConfig } from '../../engine/sources/mqtt/broker-connection.js';
import { topicOf } from '../../engine/sources/mqtt/ingest.js';
import type { AnyEvent } from '../../model/index.js';
import { plantTraffic, withoutOrigin } from '../support/plant-traffic.js';
import { waitFor } from '../engine/session/fake-clock.js';

export { waitFor };
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** One watch session on its own journal, and a reader of that journal. */
export type Watch = {
  readonly session: LiveSession;
  status(): ConnectionStatus;
  /** every state the connection was seen in (sampled every 10 ms), in order, repeats folded */
  readonly states: ConnectionState[];
  /** event ids in the journal, one entry per row */
  journalIds(): string[];
  /** quarantined rows (an id journaled twice with different content lands there) */
  quarantined(): number;
  close(): Promise<void>;
};

export async function openWatch(broker: BrokerConfig): Promise<Watch> {
  const dir = mkdtempSync(join(tmpdir(), 'linesight-fault-'));
  const path = join(dir, 'journal.db');
  const writer: JournalWriter = await openJournalWriter(path);
  const gate = createFrameGate(systemClock, 50, () => undefined);
  const session = await startWatchSession({ writer, clock: systemClock, frames: gate, brokers: [broker] });
  const reader = new Database(path, { readonly: true });
  const status = () => session.info().watching![0]!;
  const states: ConnectionState[] = [status().state];
  const sampler = setInterval(() => {
    const s = status().state;
    if (states.at(-1) !== s) states.push(s);
  }, 10);
  return {
    session,
    status,
    states,
    journalIds: () => reader.prepare('SELECT id FROM events').pluck().all() as string[],
    quarantined: () => reader.prepare('SELECT count(*) FROM quarantine').pluck().get() as number,
    async close() {
      clearInterval(sampler);
      await session.stop().catch(() => undefined);
      reader.close();
      await writer.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A plant publisher on its own persistent MQTT session (a separate mqtt.js client, straight to the
 * broker), publishing a plant's conversation at QoS 1 one message at a time. `acked` holds the ids
 * the broker acknowledged (PUBACK); `sent` every id handed to the client.
 */
export type LedgerPublisher = {
  readonly acked: Set<string>;
  readonly sent: Set<string>;
  /** publish the next `n` events, each awaited, `gapMs` apart */
  publish(n: number, gapMs?: number): Promise<void>;
  /** publish until `stop()` is called; resolves when the last publish settled */
  stream(gapMs?: number): { stop(): Promise<void> };
  close(): Promise<void>;
};

export async function startLedgerPublisher(url: string, clientId: string): Promise<LedgerPublisher> {
  const traffic: AnyEvent[] = plantTraffic('72h');
  let next = 0;
  const acked = new Set<string>();
  const sent = new Set<string>();
  // a persistent session and a short reconnect: what the broker did not acknowledge is sent again
  const client: MqttClient = await mqtt.connectAsync(url, { clientId, protocolVersion: 4, clean: false, reconnectPeriod: 100 });
  client.on('error', () => undefined);
  const one = async () => {
    const e = traffic[next++];
    if (e === undefined) throw new Error('the publisher ran out of traffic');
    sent.add(e.id);
    await client.publishAsync(topicOf(e), JSON.stringify(withoutOrigin(e)), { qos: 1 });
    acked.add(e.id);
  };
  return {
    acked,
    sent,
    async publish(n, gapMs = 0) {
      for (let i = 0; i < n; i++) {
        await one();
        if (gapMs > 0) await sleep(gapMs);
      }
    },
    stream(gapMs = 2) {
      let stopping = false;
      const done = (async () => {
        while (!stopping) {
          await one();
          await sleep(gapMs);
        }
      })();
      return {
        async stop() {
          stopping = true;
          await done;
        },
      };
    },
    close: () => client.endAsync(true),
  };
}

/** What the journal holds against the ledger. */
export type LedgerCheck = {
  /** acknowledged to the publisher, not in the journal */
  readonly lost: string[];
  /** ids in more than one journal row */
  readonly doubled: string[];
  /** in the journal, never published */
  readonly foreign: string[];
};

export function checkLedger(journal: readonly string[], must: Iterable<string>, published: ReadonlySet<string>): LedgerCheck {
  const seen = new Set<string>();
  const doubled: string[] = [];
  for (const id of journal) {
    if (seen.has(id)) doubled.push(id);
    seen.add(id);
  }
  return {
    lost: [...must].filter((id) => !seen.has(id)),
    doubled,
    foreign: [...seen].filter((id) => !published.has(id)),
  };
}

/** Wait until every id of `ids` is journaled, then a little longer (a duplicate would come after the last original). */
export async function journaled(w: Watch, ids: Iterable<string>, ms = 15_000): Promise<void> {
  const want = [...ids];
  await waitFor(() => {
    const have = new Set(w.journalIds());
    return want.every((id) => have.has(id));
  }, ms).catch(() => undefined); // the ledger comparison says what is missing
  await sleep(500);
}
