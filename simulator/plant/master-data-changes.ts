import type { AnyEvent, FaultSpec } from '../../model/index.js';
import type { Ctx } from '../core/context.js';
import type { Msg, OrderRt } from '../core/records.js';
import { PRIO, type TaskHandler } from '../core/scheduler.js';
import { componentOf, type LineRt, type Product } from './master-data.js';

/**
 * Master data that changes in flight (`master-data-change` faults). At the fault's instant ERP
 * moves an item's routing or BOM to its next revision and announces it (`erp.masterdata.changed`
 * on each line's ERP channel that makes the item); orders created from then on are made under the
 * new revision, orders created before keep theirs (MES, WMS and ERP all work from `ord.product`).
 * The integration layer validates a message against its order's version, or — with
 * `integration.validation.against: newest` — against the newest, which refuses what in-flight
 * orders rightly send (`againstNewest`).
 */
type Change = { readonly spec: FaultSpec; readonly change: 'routing' | 'bom'; readonly item: string; readonly component: string; readonly at: number };

class MasterDataChanges implements TaskHandler {
  /** per line index, item id → the newest product (absent: the plant model's) */
  private readonly newest: Map<string, Product>[];
  /** BOM revision of each product version (the plant model's highest when absent) */
  private readonly bomRev = new WeakMap<Product, string>();
  readonly changes: readonly Change[];

  constructor(private readonly c: Ctx) {
    this.newest = c.lines.map(() => new Map());
    const first = c.lines[0]?.products[0]?.item.id ?? '';
    this.changes = c.scenario.faults
      .filter((f) => f.kind === 'master-data-change')
      .map((spec) => ({
        spec,
        change: spec.params.change === 'routing' ? 'routing' : 'bom',
        item: String(spec.params.item ?? '') || first,
        component: String(spec.params.component ?? ''),
        at: c.scenario.startMs + spec.atMs,
      }));
  }

  start(): void {
    for (const ch of this.changes) if (ch.at < this.c.endMs) this.c.sched.at(ch.at, PRIO.erp, this, 0, ch);
  }

  fire(_kind: number, a: unknown): void {
    const ch = a as Change;
    const c = this.c;
    for (const line of c.lines) {
      if (ch.spec.line !== undefined && ch.spec.line !== line.key) continue;
      const base = line.products.find((p) => p.item.id === ch.item);
      if (base === undefined) continue;
      const before = this.current(line, base);
      const after = ch.change === 'routing' ? this.nextRouting(before) : this.nextBom(before, ch.component);
      if (after === undefined) continue;
      this.newest[line.index]!.set(ch.item, after);
      const from = ch.change === 'routing' ? before.routing.revision : this.bomRevision(before);
      const to = ch.change === 'routing' ? after.routing.revision : this.bomRevision(after);
      const key = `MD/${ch.item}/${ch.change}/${to}`;
      const data = { change: ch.change, effective: c.env.time(c.sched.now), from, item: ch.item, to };
      const ev = c.env.build(line.erp, 'erp.masterdata.changed', c.sched.now, data, key, key, undefined, undefined, undefined) as AnyEvent;
      c.out.event(ev);
      c.ledger.noted(c.sched.now, 'master-data-change', 'master-data-changed', ev, line, undefined, `${ch.change} of ${ch.item} changed from revision ${from} to ${to} while orders of revision ${from} run`);
    }
  }

  /** The version of `picked` an order created now on `line` is made under. */
  current(line: LineRt, picked: Product): Product {
    return this.newest[line.index]!.get(picked.item.id) ?? picked;
  }

  bomRevision(p: Product): string {
    const own = this.bomRev.get(p);
    if (own !== undefined) return own;
    let best = '';
    for (const b of this.c.scenario.plant.boms) if (b.item === p.item.id && higher(b.revision, best)) best = b.revision;
    return best || 'A';
  }

  private nextRouting(p: Product): Product | undefined {
    if (p.operations.length < 2) return undefined;
    // the new revision drops the operation before the last (the last one keeps backflush and the receipt)
    const drop = p.operations.length - 2;
    const operations = p.operations.filter((_, i) => i !== drop);
    const routing = { ...p.routing, revision: nextRevision(p.routing.revision), operations: p.routing.operations.filter((o) => o.id !== p.operations[drop]!.id) };
    const next: Product = { ...p, routing, operations };
    this.bomRev.set(next, this.bomRevision(p));
    return next;
  }

  private nextBom(p: Product, component: string): Product | undefined {
    const drop = component === '' ? p.components[0] : componentOf(p, component);
    if (drop === undefined) return undefined;
    const next: Product = { ...p, components: p.components.filter((x) => x !== drop), lotComponents: p.lotComponents.filter((x) => x !== drop) };
    this.bomRev.set(next, nextRevision(this.bomRevision(p)));
    return next;
  }

  /**
   * Validation against the newest master data: what the newest routing or BOM of the order's item
   * does not have is refused, naming the newest revision and the one the order was created with.
   */
  againstNewest(msg: Msg): string | undefined {
    const ord = msg.ord;
    const newest = this.current(ord.line, ord.product);
    if (newest === ord.product) return undefined;
    const ev = msg.ev;
    switch (ev.type) {
      case 'mes.operation.confirmed':
      case 'mes.confirmation.cancelled': {
        const op = ev.data.operation;
        if (!ord.product.operations.some((o) => o.id === op) || newest.operations.some((o) => o.id === op)) return undefined;
        return `validated against the newest master data: operation ${op} is not in routing ${newest.routing.id} revision ${newest.routing.revision}; order ${ord.id} was created with routing revision ${ord.product.routing.revision}`;
      }
      case 'mes.material.consumed':
      case 'mes.consumption.reversed': {
        const item = ev.data.item;
        if (componentOf(ord.product, item) === undefined || componentOf(newest, item) !== undefined) return undefined;
        return `validated against the newest master data: component ${item} is not in BOM ${ord.product.item.id} revision ${this.bomRevision(newest)}; order ${ord.id} was created with BOM revision ${this.bomRevision(ord.product)}`;
      }
      default:
        return undefined;
    }
  }
}

/** Revisions compare by length, then code point (as master-data.ts picks the highest). */
function higher(a: string, b: string): boolean {
  return a.length !== b.length ? a.length > b.length : a > b;
}

/** The revision after `r`: `A` → `B`, `9` → `10`, `Z` → `AA`, anything else gets `1` appended. */
export function nextRevision(r: string): string {
  if (/^\d+$/.test(r)) return String(Number(r) + 1);
  if (/^[A-Y]$/.test(r)) return String.fromCharCode(r.charCodeAt(0) + 1);
  if (r === 'Z') return 'AA';
  return `${r}1`;
}

const registry = new WeakMap<Ctx, MasterDataChanges>();

/** The simulation's master-data changes (one per simulation, made on first use). */
export function masterData(c: Ctx): MasterDataChanges {
  let m = registry.get(c);
  if (m === undefined) registry.set(c, (m = new MasterDataChanges(c)));
  return m;
}

/** Schedule the scenario's master-data changes (from simulation start). */
export function startMasterDataChanges(c: Ctx): void {
  masterData(c).start();
}

/** The product version an order created now is made under, and the BOM revision to record on its ERP events (when master data changes in this scenario). */
export function orderVersion(c: Ctx, line: LineRt, picked: Product): { readonly product: Product; readonly bomRevision: string | undefined } {
  const m = masterData(c);
  if (m.changes.length === 0) return { product: picked, bomRevision: undefined };
  const product = m.current(line, picked);
  return { product, bomRevision: m.bomRevision(product) };
}

/** The BOM revision `ord` was created with, for its release (undefined when master data does not change in this scenario). */
export function orderBomRevision(c: Ctx, ord: OrderRt): string | undefined {
  const m = masterData(c);
  return m.changes.length === 0 ? undefined : m.bomRevision(ord.product);
}
