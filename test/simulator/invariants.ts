import canonicalizeModule from 'canonicalize';
import { expect } from 'vitest';
import { isPosting, needsErpPosting, postingFor, type AnyEvent } from '../../model/index.js';
import type { SimOutput } from '../../simulator/index.js';

type Serialize = (input: unknown) => string | undefined;
// CommonJS `module.exports = fn` typed as an ES default export: under NodeNext TypeScript sees
// `{ default: fn }` while Node (and vitest) may hand over `fn`. Accept either shape.
const loaded = canonicalizeModule as unknown as Serialize | { default: Serialize };
const canonicalize: Serialize = typeof loaded === 'function' ? loaded : loaded.default;

/** Time of any output, for the order check. */
function timeOf(o: SimOutput): string {
  return o.kind === 'event' ? o.event.time : o.kind === 'ledger' ? o.entry.time : o.record.time;
}

/** Outputs come out in virtual-time order. */
export function expectTimeOrdered(outputs: readonly SimOutput[]): void {
  let last = '';
  outputs.forEach((o, i) => {
    const t = timeOf(o);
    if (t < last) expect.fail(`output ${i} at ${t} comes after ${last}`);
    last = t;
  });
}

/** `sequence` is 1, 2, 3… per source, in output order. */
export function expectContiguousSequences(events: readonly AnyEvent[]): void {
  const last = new Map<string, number>();
  for (const e of events) {
    const prev = last.get(e.source) ?? 0;
    if (Number(e.sequence) !== prev + 1) expect.fail(`${e.source} jumps from ${prev} to ${e.sequence} at ${e.id}`);
    last.set(e.source, prev + 1);
  }
}

/** Every event serialises to RFC 8785 canonical JSON as built, and carries the envelope the spec asks for. */
export function expectCanonicalEnvelopes(events: readonly AnyEvent[]): void {
  const ids = new Set<string>();
  for (const e of events) {
    const json = JSON.stringify(e);
    if (json !== canonicalize(e)) expect.fail(`not canonical: ${json}`);
    if (ids.has(e.id)) expect.fail(`duplicate event id ${e.id}`);
    ids.add(e.id);
    expect(e.specversion).toBe('1.0');
    expect(e.origin).toBe('simulated');
    expect(e.datacontenttype).toBe('application/json');
    expect(e.source).toBe(`/${e.plant}/${e.line}/${e.source.split('/')[3]}`);
  }
}

/** Business keys of messages that need an ERP posting, in the order they appear. */
export function needsPostingKeys(events: readonly AnyEvent[]): string[] {
  return [...new Set(events.filter((e) => needsErpPosting(e.type)).map((e) => e.businesskey))];
}

/** Postings per business key. */
export function postingsByKey(events: readonly AnyEvent[]): Map<string, AnyEvent[]> {
  const m = new Map<string, AnyEvent[]>();
  for (const e of events) {
    if (!isPosting(e.type)) continue;
    const list = m.get(e.businesskey) ?? [];
    list.push(e);
    m.set(e.businesskey, list);
  }
  return m;
}

/** Each posting names as its cause a message of the type it posts, with the same business key. */
export function expectPostingsAnswerTheirMessages(events: readonly AnyEvent[]): void {
  const byId = new Map(events.map((e) => [e.id, e]));
  for (const p of events) {
    if (!isPosting(p.type)) continue;
    const m = p.causationid === undefined ? undefined : byId.get(p.causationid);
    if (!m) expect.fail(`${p.type} ${p.id} names no journaled cause`);
    expect(postingFor(m.type)).toBe(p.type);
    expect(p.businesskey).toBe(m.businesskey);
    expect(p.correlationid).toBe(m.correlationid);
  }
}
