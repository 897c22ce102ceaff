import type { ConnectionOutageRecord, JournalWriter } from '../journal/index.js';
import type { ConnectionStatus as BrokerStatus } from '../sources/mqtt/broker-connection.js';

/**
 * Puts a watch session's connection outages (and possible gaps) on record. A connection's status
 * lists them in memory, newest last; on each change of status the ones that are new, or have ended
 * since, are noted, and written by `flush`. Outages are rare, so they get a writer call of their own
 * rather than riding on the per-message batches.
 */
export type OutageRecorder = {
  /** `connection`'s status changed: note what is new or has ended in its outages and possible gaps */
  observe(connection: string, status: BrokerStatus): void;
  /** whether something noted is not journaled yet */
  readonly pending: boolean;
  /**
   * Journal what was noted, one call at a time. When the journal refuses, what was refused stays
   * noted (the write is idempotent) and the promise rejects: call again later.
   */
  flush(): Promise<void>;
};

const keyOf = (connection: string, o: Pick<ConnectionOutageRecord, 'kind' | 'from'>): string => `${connection}\u0000${o.kind}\u0000${o.from}`;

export function createOutageRecorder(writer: JournalWriter, session: number): OutageRecorder {
  /** per connection: each stretch in its last status, by key, with its end as last seen (null: open) */
  const seen = new Map<string, Map<string, number | null>>();
  /** noted and not journaled yet, by key: the latest of each */
  const noted = new Map<string, ConnectionOutageRecord>();
  let chain: Promise<void> = Promise.resolve();

  const writeNoted = async (): Promise<void> => {
    if (noted.size === 0) return;
    const batch = [...noted.entries()];
    await writer.recordOutages(
      session,
      batch.map(([, r]) => r),
    );
    // what was noted again meanwhile (an outage that ended during the write) stays for the next flush
    for (const [key, r] of batch) if (noted.get(key) === r) noted.delete(key);
  };

  return {
    observe(connection, status) {
      const before = seen.get(connection) ?? new Map<string, number | null>();
      const now = new Map<string, number | null>();
      const note = (r: ConnectionOutageRecord) => {
        const key = keyOf(connection, r);
        now.set(key, r.to);
        // new, or ended since the last status
        if (!before.has(key) || (before.get(key) === null && r.to !== null)) noted.set(key, r);
      };
      for (const o of status.outages) note({ connection, url: status.url, kind: 'outage', from: o.from, to: o.to, why: o.why });
      for (const g of status.possibleGaps) note({ connection, url: status.url, kind: 'possible-gap', from: g.from, to: g.to, why: g.why });
      // only what the status still lists can change again: the rest is forgotten here (it is noted or journaled)
      seen.set(connection, now);
    },
    get pending() {
      return noted.size > 0;
    },
    flush() {
      const run = chain.then(writeNoted);
      chain = run.catch(() => undefined);
      return run;
    },
  };
}
