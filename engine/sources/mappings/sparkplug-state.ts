import type { SpMetric, SpPayload } from './sparkplug-codec.js';
import type { DataGap, SparkplugNodeStatus } from './types.js';

/*
 * What the Sparkplug B spec lets a watcher know about an edge node from its messages alone:
 * - NBIRTH starts a session: its `bdSeq` metric names the session, its metrics declare aliases,
 *   its `seq` starts the count. NDEATH (the will) carries the same `bdSeq` and no `seq`; an NDEATH
 *   with another bdSeq belongs to an older session and is ignored (it can arrive after a rebirth).
 * - `seq` (0–255, wrapping) counts every NBIRTH, NDATA, DBIRTH, DDATA and DDEATH of an edge node,
 *   its devices' included; a jump means messages in between never reached us.
 * - NDEATH makes the node and its devices STALE; DDEATH makes one device STALE.
 * - data before a birth (or after a death) means the birth was missed: a possible data gap, and
 *   aliases that cannot be resolved until the next birth.
 */

type Session = { state: 'online' | 'stale'; since: number; born: boolean; aliases: Map<number, string>; beforeBirthReported: boolean };
type Node = Session & { group: string; edgeNode: string; lastSeq: number | null; seqKnown: boolean; bdSeq: number | null; devices: Map<string, Session> };

const MAX_GAPS = 1000;

const session = (now: number): Session => ({ state: 'stale', since: now, born: false, aliases: new Map(), beforeBirthReported: false });

function aliasesOf(p: SpPayload): Map<number, string> {
  const out = new Map<number, string>();
  for (const m of p.metrics) if (m.alias !== undefined && m.name !== undefined) out.set(m.alias, m.name);
  return out;
}

function bdSeqOf(p: SpPayload): number | null {
  const v = p.metrics.find((m) => m.name === 'bdSeq')?.value;
  return typeof v === 'number' ? v : null;
}

/** Per-connection Sparkplug state: sessions, aliases, seq continuity and the gaps noticed. */
export class SparkplugState {
  private readonly nodeMap = new Map<string, Node>();
  private readonly gapList: DataGap[] = [];

  constructor(private readonly broker: string) {}

  private node(group: string, edgeNode: string, now: number): Node {
    const key = `${group}/${edgeNode}`;
    let n = this.nodeMap.get(key);
    if (!n) {
      n = { ...session(now), group, edgeNode, lastSeq: null, seqKnown: false, bdSeq: null, devices: new Map() };
      this.nodeMap.set(key, n);
    }
    return n;
  }

  private gap(stream: string, from: string | null, to: string | null, atMs: number, why: string): void {
    if (this.gapList.length >= MAX_GAPS) this.gapList.shift();
    this.gapList.push({ broker: this.broker, source: stream, from, to, atMs, why });
  }

  // seq counts the node's messages, its devices' included, so a jump is a gap of the node
  private seq(n: Node, stream: string, verb: string, seq: number | undefined, now: number): void {
    if (seq === undefined) return;
    if (n.seqKnown && n.lastSeq !== null && verb !== 'NBIRTH' && seq !== n.lastSeq) {
      const expected = (n.lastSeq + 1) % 256;
      if (seq !== expected) {
        const last = (seq + 255) % 256;
        this.gap(stream, String(expected), String(last), now, `${verb} seq ${seq} where ${expected} was expected: messages ${expected}–${last} of ${n.group}/${n.edgeNode} may be lost`);
      }
    }
    // a repeat of the last seq is a redelivery, not a jump back
    n.lastSeq = seq;
    n.seqKnown = true;
  }

  private beforeBirth(s: Session, stream: string, verb: string, now: number, whose: string): void {
    if (s.born || s.beforeBirthReported) return;
    s.beforeBirthReported = true;
    this.gap(stream, null, null, now, `${verb} before any ${whose} of this session: the birth (and what came before it) was missed`);
  }

  /**
   * Take one message into the state. For NDATA/DDATA returns the metrics by name plus the aliases
   * that could not be resolved; for everything else, undefined.
   */
  observe(group: string, verb: string, edgeNode: string, device: string | undefined, p: SpPayload, now: number): { byName: Map<string, SpMetric>; unknownAliases: number[] } | undefined {
    const n = this.node(group, edgeNode, now);
    const nodeStream = `spBv1.0/${group}/${edgeNode}`;
    const stream = device === undefined ? nodeStream : `${nodeStream}/${device}`;
    switch (verb) {
      case 'NBIRTH':
        Object.assign(n, { state: 'online', since: now, born: true, aliases: aliasesOf(p), beforeBirthReported: false, bdSeq: bdSeqOf(p) });
        // devices must be born again in the new session
        for (const d of n.devices.values()) Object.assign(d, session(now));
        this.seq(n, nodeStream, verb, p.seq, now);
        return undefined;
      case 'NDEATH': {
        const bd = bdSeqOf(p);
        if (bd !== null && n.bdSeq !== null && bd !== n.bdSeq) return undefined; // the will of an older session
        Object.assign(n, { state: 'stale', since: now, born: false, seqKnown: false, beforeBirthReported: false });
        for (const d of n.devices.values()) Object.assign(d, { state: 'stale', since: now, born: false, beforeBirthReported: false });
        return undefined;
      }
      case 'DBIRTH':
      case 'DDEATH':
      case 'DDATA': {
        if (device === undefined) return undefined;
        let d = n.devices.get(device);
        if (!d) n.devices.set(device, (d = session(now)));
        this.beforeBirth(n, nodeStream, verb, now, 'NBIRTH');
        this.seq(n, nodeStream, verb, p.seq, now);
        if (verb === 'DBIRTH') Object.assign(d, { state: 'online', since: now, born: true, aliases: aliasesOf(p), beforeBirthReported: false });
        else if (verb === 'DDEATH') Object.assign(d, { state: 'stale', since: now, born: false, beforeBirthReported: false });
        else {
          // with the node's birth missed too, that one gap says it all
          if (n.born) this.beforeBirth(d, stream, verb, now, 'DBIRTH');
          return resolve(p, d.aliases);
        }
        return undefined;
      }
      case 'NDATA':
        this.beforeBirth(n, stream, verb, now, 'NBIRTH');
        this.seq(n, nodeStream, verb, p.seq, now);
        return resolve(p, n.aliases);
      default:
        return undefined;
    }
  }

  nodes(): SparkplugNodeStatus[] {
    const out: SparkplugNodeStatus[] = [];
    for (const n of this.nodeMap.values()) {
      const base = { group: n.group, edgeNode: n.edgeNode, lastSeq: n.lastSeq, bdSeq: n.bdSeq };
      out.push({ ...base, state: n.state, since: n.since });
      for (const [device, d] of n.devices) out.push({ ...base, device, state: d.state, since: d.since });
    }
    return out;
  }

  gaps(): DataGap[] {
    return [...this.gapList];
  }
}

function resolve(p: SpPayload, aliases: ReadonlyMap<number, string>): { byName: Map<string, SpMetric>; unknownAliases: number[] } {
  const byName = new Map<string, SpMetric>();
  const unknownAliases: number[] = [];
  for (const m of p.metrics) {
    const name = m.name ?? (m.alias !== undefined ? aliases.get(m.alias) : undefined);
    if (name !== undefined) byName.set(name, m);
    else if (m.alias !== undefined) unknownAliases.push(m.alias);
  }
  return { byName, unknownAliases };
}
