import { interfaceOfMessage, type AnyEvent } from '../../model/index.js';
import type { Ctx } from '../core/context.js';
import type { OrderRt } from '../core/records.js';
import { PRIO, type TaskHandler } from '../core/scheduler.js';
import type { IntEvents } from './int-events.js';

/** A message that arrived ahead of its turn. */
type Held = {
  readonly ev: AnyEvent;
  readonly ord: OrderRt;
  readonly seq: number;
  /** the sequence the source was expected to send next when this one arrived */
  readonly expected: number;
  /** it and a message waiting with it arrived out of sequence order (one overtook the other) */
  overtaken: boolean;
  done: boolean;
};

/** Per source: the next sequence expected and what waits for the missing ones, lowest sequence first. */
type SourceState = { expected: number; held: Held[] };

const TIMEOUT = 0;

/**
 * Restores each plant source's order on `sequence`. A message ahead of its turn waits up to the
 * window for the missing ones; once they come, each message that arrived out of order — the ones
 * that waited and the one they overtook — is reported (`int.message.resequenced`). When the window
 * runs out the layer skips the gap (the missing message may be lost). A message arriving after its
 * turn is processed and reported too.
 */
export class Resequencer implements TaskHandler {
  private readonly states: SourceState[] = [];

  constructor(
    private readonly c: Ctx,
    private readonly int: IntEvents,
    private readonly windowMs: number,
    /** the layer's handling of a message once it is in order */
    private readonly process: (ev: AnyEvent, ord: OrderRt) => void,
  ) {}

  /** A message of channel `chIndex` with sequence `seq` arrived. */
  accept(ev: AnyEvent, ord: OrderRt, chIndex: number, seq: number): void {
    let st = this.states[chIndex];
    if (st === undefined) this.states[chIndex] = st = { expected: 1, held: [] };
    if (seq === st.expected) {
      st.expected++;
      const held = st.held;
      if (held.length === 0) {
        this.process(ev, ord);
        return;
      }
      // the messages waiting arrived before this one: it was overtaken; the stream had reached past the last of them
      this.report(ev, ord, held[held.length - 1]!.seq + 1);
      this.process(ev, ord);
      this.drain(st);
      return;
    }
    if (seq < st.expected) {
      this.report(ev, ord, st.expected);
      this.process(ev, ord);
      return;
    }
    const h: Held = { ev, ord, seq, expected: st.expected, overtaken: false, done: false };
    const held = st.held;
    let i = held.length;
    while (i > 0 && held[i - 1]!.seq > seq) held[--i]!.overtaken = true;
    // later messages already waiting overtook this one: both are out of order
    if (i < held.length) h.overtaken = true;
    held.splice(i, 0, h);
    this.c.sched.at(this.c.sched.now + this.windowMs, PRIO.layer, this, TIMEOUT, h, st);
  }

  /** Window over for `h`: skip the gaps below it, releasing everything up to it in order. */
  fire(_kind: number, a: unknown, b: unknown): void {
    const h = a as Held;
    const st = b as SourceState;
    while (!h.done && st.held.length > 0) {
      st.expected = st.held[0]!.seq;
      this.drain(st, false);
    }
  }

  private drain(st: SourceState, restored = true): void {
    const held = st.held;
    let n = 0;
    while (n < held.length && held[n]!.seq === st.expected) {
      const h = held[n++]!;
      h.done = true;
      st.expected++;
      // a filled gap puts every waiting message back in order; after a skip only those overtaken were out of order
      if (restored || h.overtaken) this.report(h.ev, h.ord, h.expected);
      this.process(h.ev, h.ord);
    }
    if (n > 0) held.splice(0, n);
  }

  private report(ev: AnyEvent, ord: OrderRt, expected: number): void {
    const iface = interfaceOfMessage(ev.type);
    if (iface !== undefined) this.int.resequenced(ev, ord, iface, expected);
  }
}
