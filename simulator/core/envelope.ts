import type { AnyEvent, ClockOffsets, CanonicalEvent, EventData, EventType, System } from '../../model/index.js';
import type { Ids } from './ids.js';
import { TimeFormat } from './time-format.js';

/** One `source` (plant, line, system) with its own contiguous sequence counter. */
export type Channel = {
  /** position in the simulation's channel table, for per-source state kept elsewhere */
  readonly index: number;
  readonly source: string;
  readonly plant: string;
  readonly line: string;
  readonly system: System;
  /** last sequence number used */
  seq: number;
};

/**
 * Builds canonical events. Keys are added in code-point order and absent optional keys are never
 * added, so `JSON.stringify(event)` is already RFC 8785 canonical JSON (the journal and the
 * digest tests rely on that) without sorting at run time.
 */
export class Envelopes {
  /** formats the virtual clock (event times) */
  private readonly clock = new TimeFormat();
  /** formats other instants (due dates, lot expiries) without disturbing the clock's cache */
  private readonly other = new TimeFormat();

  /** formats skewed event times (a system's own clock, `clocks:`) without disturbing the true clock's cache */
  private readonly skewed = new TimeFormat();
  /** per system: its clock's offset (ms); undefined when every clock is true (the scenario sets no `clocks:`) */
  private readonly skew: Readonly<Record<string, number>> | undefined;

  constructor(
    private readonly ids: Ids,
    clocks?: ClockOffsets,
  ) {
    const set = Object.entries(clocks ?? {}).filter(([, ms]) => ms !== undefined && ms !== 0);
    this.skew = set.length > 0 ? Object.fromEntries(set) : undefined;
  }

  /**
   * The `time` a message made by system `system` at true instant `ms` carries: its own clock's
   * reading. Only the stamp moves: the order of events, scheduling and payload dates stay on true time.
   */
  private stamp(system: System, ms: number): string {
    const off = this.skew?.[system];
    return off === undefined ? this.time(ms) : this.skewed.format(ms + off);
  }

  /** RFC 3339 of a virtual-clock instant. */
  time(ms: number): string {
    return this.clock.format(ms);
  }

  /** RFC 3339 of any other instant. */
  date(ms: number): string {
    return this.other.format(ms);
  }

  /** A new event on `ch` at `ms`: new id, next sequence of the channel. */
  build<T extends EventType>(
    ch: Channel,
    type: T,
    ms: number,
    data: EventData[T],
    businesskey: string,
    correlationid: string,
    subject: string | undefined,
    causationid: string | undefined,
    lot: string | undefined,
  ): CanonicalEvent<T> {
    // Property insertion order is the serialisation order: keep these assignments sorted.
    const e: Record<string, unknown> = { businesskey };
    if (causationid !== undefined) e.causationid = causationid;
    e.correlationid = correlationid;
    e.data = data;
    e.datacontenttype = 'application/json';
    e.id = this.ids.eventId();
    e.line = ch.line;
    if (lot !== undefined) e.lot = lot;
    e.origin = 'simulated';
    e.plant = ch.plant;
    e.sequence = String(++ch.seq);
    e.source = ch.source;
    e.specversion = '1.0';
    if (subject !== undefined) e.subject = subject;
    e.time = this.stamp(ch.system, ms);
    e.type = type;
    return e as unknown as CanonicalEvent<T>;
  }

  /** A re-send of `ev` on the same channel: new id and sequence, same business content. */
  copy(ch: Channel, ev: AnyEvent, ms: number): AnyEvent {
    return this.build(ch, ev.type, ms, ev.data, ev.businesskey, ev.correlationid, ev.subject, ev.causationid, ev.lot) as AnyEvent;
  }
}
