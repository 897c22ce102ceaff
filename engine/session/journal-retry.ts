import { formatDuration } from '../../model/index.js';
import type { JournalState } from '../contract/index.js';
import type { JournalWriter } from '../journal/index.js';
import { refusalCause, refusalDetail, type RefusalDetail } from '../journal/journal-refusal.js';
import type { HostClock } from './host-clock.js';

/** How long a watch waits out a journal that refuses writes before it stops (wall ms). */
export const DEFAULT_JOURNAL_GIVE_UP_MS = 5 * 60_000;

/** How a commit pipeline rides out a journal that refuses writes (a full disk, a locked or read-only file). */
export type JournalRetry = {
  readonly clock: HostClock;
  /** wall ms before the first retry (default 100), doubling … */
  readonly firstMs?: number;
  /** … up to this (default 5 000) */
  readonly maxMs?: number;
  /** give up once the journal has refused writes this long (default 5 min) */
  readonly giveUpMs?: number;
  /** the journal's state, each time it changes (and on each refused retry) */
  readonly changed: (state: JournalState) => void;
  /**
   * Which errors are waited out (default: every error). Another error fails at once, as it would
   * without a retry: a run should not wait five minutes on a bug or a crashed writer thread.
   */
  readonly retryable?: (err: unknown) => boolean;
};

/**
 * An error by which the journal refuses writes for now — full, locked by another program,
 * read-only, an I/O error — and that may pass; not a damaged file or an error of ours.
 */
export function isJournalRefusal(err: unknown): boolean {
  const code = (err as { code?: unknown } | undefined)?.code;
  const cause = refusalCause(typeof code === 'string' ? code : undefined);
  return cause === 'full' || cause === 'busy' || cause === 'read-only' || cause === 'io';
}

/** Why the journal refused a batch, in a few words: "database or disk is full (SQLITE_FULL)". */
export function journalReason(err: unknown): string {
  const e = err as (Error & { code?: unknown }) | undefined;
  const text = (e instanceof Error ? e.message : String(err))
    .replace(/^journal append (?:failed|refused)(?: \([A-Z_]+\))?: /, '')
    .replace(/ — nothing of this batch was stored$/, '');
  const code = typeof e?.code === 'string' ? e.code : undefined;
  return code !== undefined && !text.includes(code) ? `${text} (${code})` : text;
}

/**
 * One journal outage at a time: a refused batch is appended again — the same rows, so a batch the
 * journal did store after all is recognised by its event ids — once the batch before it is stored,
 * after a wait that doubles, until it commits or the outage has lasted `giveUpMs`. Then every
 * waiting batch is refused with the same error, and so is every later one.
 */
export function createJournalRetry(opts: JournalRetry) {
  const { clock, changed } = opts;
  const retryable = opts.retryable ?? (() => true);
  const firstMs = opts.firstMs ?? 100;
  const maxMs = opts.maxMs ?? 5_000;
  const giveUpMs = opts.giveUpMs ?? DEFAULT_JOURNAL_GIVE_UP_MS;
  /** batches waiting to be appended again */
  let waiting = 0;
  /** the outage: since when the journal took nothing (host clock), when it began (epoch ms), refusals, the last reason */
  let outage: { at: number; readonly since: number; retries: number; reason: string; detail: RefusalDetail } | null = null;
  let failure: Error | null = null;
  /** once given up (or abandoned), every wait ends with the same error */
  const throwIfFailed = (): void => {
    const f: Error | null = failure;
    if (f !== null) throw f;
  };
  const sleepers = new Set<{ cancel(): void; fail(err: Error): void }>();

  const refused = (err: unknown) => {
    const reason = journalReason(err);
    const detail = refusalDetail(err);
    if (outage === null) outage = { at: clock.now(), since: clock.epochMs(), retries: 0, reason, detail };
    else outage.retries++;
    outage.reason = reason;
    outage.detail = detail;
    changed({ state: 'unavailable', reason, since: outage.since, retries: outage.retries, ...detail });
  };
  const fail = (err: Error): Error => {
    if (failure !== null) return failure;
    failure = err;
    for (const s of sleepers) {
      s.cancel();
      s.fail(err);
    }
    sleepers.clear();
    changed({ state: 'failed', reason: outage?.reason ?? err.message, since: outage?.since ?? clock.epochMs(), ...outage?.detail });
    return err;
  };
  const sleep = (ms: number) =>
    new Promise<void>((resolve, reject) => {
      const s = { cancel: () => undefined as void, fail: reject };
      s.cancel = clock.setTimer(() => {
        sleepers.delete(s);
        resolve();
      }, ms);
      sleepers.add(s);
    });

  return {
    /** the error every batch is refused with once the pipeline gave up (null while it has not) */
    get failure(): Error | null {
      return failure;
    },
    /** true while the journal refuses writes: no new batch should go to it meanwhile */
    get down(): boolean {
      return outage !== null;
    },
    /**
     * `append` was refused with `err`: append again, once `before` (the batches queued before it)
     * is stored, until it commits. Rejects with the failure once the outage outlasts the limit.
     */
    async again<T>(append: () => Promise<T>, before: Promise<unknown>, err: unknown): Promise<T> {
      throwIfFailed();
      // not a refusal that may pass: the caller's error, as without a retry
      if (!retryable(err)) throw err;
      waiting++;
      refused(err);
      try {
        await before;
        for (let delay = firstMs; ; delay = Math.min(delay * 2, maxMs)) {
          throwIfFailed();
          const left = outage!.at + giveUpMs - clock.now();
          if (left <= 0) {
            throw fail(new Error(`the journal refused writes for ${formatDuration(giveUpMs)} — ${outage!.reason}`));
          }
          await sleep(Math.min(delay, left));
          throwIfFailed();
          try {
            const result = await append();
            // progress: the limit counts from here for the batches still waiting
            outage!.at = clock.now();
            return result;
          } catch (e) {
            throwIfFailed();
            if (!retryable(e)) {
              // it broke in another way meanwhile (the writer thread crashed): no use waiting
              outage!.reason = journalReason(e);
              throw fail(e instanceof Error ? e : new Error(String(e)));
            }
            refused(e);
          }
        }
      } finally {
        waiting--;
        if (waiting === 0 && failure === null && outage !== null) {
          outage = null;
          changed({ state: 'ok' });
        }
      }
    },
    /** Stop waiting for the journal: every batch still waiting for it is refused with `reason`. */
    abandon(reason: string): void {
      fail(new Error(reason));
    },
  };
}

/**
 * `writer` whose appends reach the journal in the order they were made, across refusals: each
 * append is sent once the one before it has settled, and one made while the one before it was
 * still on its way is refused with that one's error, unsent, when that one is refused. Without
 * this, a batch sent behind a refused one could commit first (the lock let go meanwhile, or it
 * fitted where the larger one did not), and the journal's order — a replay's, the digest's —
 * would no longer be the order the events were made in. The refused ones are appended again by
 * the pipeline's retry, each after the one before it is stored.
 */
export function appendsInOrder(writer: JournalWriter): JournalWriter {
  let last: Promise<unknown> = Promise.resolve();
  let lastSettled = true;
  const append: JournalWriter['append'] = (session, batch) => {
    const sent = lastSettled ? writer.append(session, batch) : last.then(() => writer.append(session, batch));
    last = sent;
    lastSettled = false;
    const settled = () => {
      if (last === sent) lastSettled = true;
    };
    sent.then(settled, settled);
    return sent;
  };
  return { ...writer, append };
}
