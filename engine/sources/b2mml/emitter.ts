import { createHash } from 'node:crypto';
import { envelopeProblem, rfc3339, sourceOf, type AnyEvent, type BusinessEventType, type EventData, type System } from '../../../model/index.js';
import { businessDataProblems } from '../mappings/business-fields.js';
import { placeOf } from './scope.js';
import { parseDateTime, refuse, timeOf } from './values.js';
import type { El } from './xml-tree.js';

export type ImportOptions = {
  /** used when the document names no Site */
  readonly plant?: string;
  /** used when the document names no production line */
  readonly line?: string;
  /** epoch ms; the time of events whose document says none */
  readonly receivedAt?: number;
  /**
   * next sequence per event source; pass the same map to several imports to keep each source's
   * sequence contiguous across files. Updated only when the whole document is imported.
   */
  readonly counters?: Map<string, bigint>;
  /**
   * requests already imported, by order id; pass the same map to several imports and a later
   * document that requests the same order with another quantity or end time is a change of it
   * (`erp.order.changed`). Updated only when the whole document is imported.
   */
  readonly requests?: Map<string, KnownRequest>;
};

/** What an import made of a released request: its quantity, unit and due date, and the changes made to it since. */
export type KnownRequest = { readonly qty: number; readonly uom: string; readonly due: string | undefined; readonly changes: number };

/** What a document left out at element `path`, and what was assumed (the importer adds the file). */
export type Assumption = { readonly path: string; readonly message: string };

/** Collects one document's events and assumptions; nothing leaves it until the whole document has been read. */
export class Emitter {
  readonly events: AnyEvent[] = [];
  readonly assumptions: Assumption[] = [];
  private readonly digest: string;
  private readonly counters: Map<string, bigint>;
  private readonly requests: Map<string, KnownRequest>;
  /** nouns whose time was assumed (warned once each) */
  private readonly timeAssumed = new Set<El>();

  constructor(
    text: string,
    readonly opts: ImportOptions,
  ) {
    // ids come from the content (and the plant and line it was placed on), not the file name or the
    // import time: the same document imported twice is the same events, which the journal keeps once
    this.digest = createHash('sha256').update(text).digest('hex');
    this.counters = new Map(opts.counters ?? []);
    this.requests = new Map(opts.requests ?? []);
  }

  /** The request for `order` an earlier document (or this one) imported, if any. */
  knownRequest(order: string): KnownRequest | undefined {
    return this.requests.get(order);
  }

  rememberRequest(order: string, r: KnownRequest): void {
    this.requests.set(order, r);
  }

  /** Build, check and keep one event made from element `el` (`chain`: it and its ancestors, innermost first). */
  emit<T extends BusinessEventType>(chain: readonly El[], type: T, timeMs: number, data: EventData[T], businesskey: string, causationid?: string): AnyEvent {
    const el = chain[0]!;
    const d = data as Record<string, unknown>;
    const problems = businessDataProblems(type, d);
    if (problems.length > 0) refuse(el, `${type}: ${problems.join('; ')}`);
    const { plant, line } = placeOf(chain, this.opts);
    const source = sourceOf(plant, line, type.slice(0, type.indexOf('.')) as System);
    const sequence = this.counters.get(source) ?? 1n;
    const order = typeof d.order === 'string' ? d.order : undefined;
    const e: Record<string, unknown> = {
      specversion: '1.0',
      id: createHash('sha256').update(`${this.digest}\u0000${source}\u0000${el.path}\u0000${type}`).digest('hex').slice(0, 32),
      source,
      type,
      time: rfc3339(timeMs),
      ...(order !== undefined ? { subject: order } : {}),
      datacontenttype: 'application/json',
      data: d,
      correlationid: order ?? businesskey,
      ...(causationid !== undefined ? { causationid } : {}),
      businesskey,
      plant,
      line,
      ...(typeof d.lot === 'string' ? { lot: d.lot } : {}),
      sequence: String(sequence),
      // an imported document is what the plant's systems said: the same as traffic watched live
      origin: 'live',
    };
    const problem = envelopeProblem(e);
    if (problem) refuse(el, `${type}: ${problem[1]}`);
    this.counters.set(source, sequence + 1n);
    const event = e as AnyEvent;
    this.events.push(event);
    return event;
  }

  /** Record that element `at` left something out and what was assumed instead. */
  warn(at: El | string, message: string): void {
    this.assumptions.push({ path: typeof at === 'string' ? at : at.path, message });
  }

  /**
   * The time of events whose elements carry none: the noun's PublishedDate, else the wrapper's
   * CreationDateTime, else `receivedAt` (a warning says so); none of them: refused. Ask only when
   * an event needs it, so a document whose elements carry their own times is not warned about.
   */
  documentTime(noun: El, createdAt: string | undefined): number {
    const published = timeOf(noun, 'PublishedDate');
    if (published !== undefined) return published;
    if (createdAt !== undefined) return parseDateTime(createdAt, noun, 'ApplicationArea/CreationDateTime');
    const received = this.opts.receivedAt;
    if (received === undefined) return refuse(noun, 'no PublishedDate: pass the time the document was received to the import');
    if (!this.timeAssumed.has(noun)) {
      this.timeAssumed.add(noun);
      this.warn(noun, `no PublishedDate: assumed the time the file was read, ${rfc3339(received)}`);
    }
    return received;
  }

  /** Hand the sequence counters back to the caller's map once the document has been read. */
  commit(): void {
    if (this.opts.requests !== undefined) for (const [k, v] of this.requests) this.opts.requests.set(k, v);
    if (this.opts.counters === undefined) return;
    for (const [k, v] of this.counters) this.opts.counters.set(k, v);
  }
}
