import type { AnyEvent, FaultSpec, ItemConversion } from '../../model/index.js';
import type { Ctx } from '../core/context.js';
import type { Msg, OrderRt } from '../core/records.js';
import { PRIO, type TaskHandler } from '../core/scheduler.js';
import { atFactor, componentOf, conversionsOf, type Component, type LineRt, type Product } from './master-data.js';

/**
 * Master data that changes in flight (`master-data-change` faults). At the fault's instant ERP
 * moves an item's routing or BOM to its next revision and announces it (`erp.masterdata.changed`
 * on each line's ERP channel that makes the item); orders created from then on are made under the
 * new revision, orders created before keep theirs (MES, WMS and ERP all work from `ord.product`).
 * The integration layer validates a message against its order's version, or — with
 * `integration.validation.against: newest` — against the newest, which refuses what in-flight
 * orders rightly send (`againstNewest`).
 *
 * A unit-conversion change (`change: uom`) moves the factor of a component's alternative unit
 * (1 TUBE = 0.05 KG → 0.04 KG): every product whose BOM states the component in that unit gets a
 * new version (same BOM revision, same quantity in the alternative unit, so a different one in the
 * base unit), orders record the factor they were created with (`conversions`), and MES reports
 * the component in that unit. Converted with the newest factor (`newestConversion`) instead of the
 * order's, what in-flight orders consumed reaches ERP as the wrong base quantity.
 */
type Change = {
  readonly spec: FaultSpec;
  readonly change: 'routing' | 'bom' | 'uom';
  /** routing, bom: the product; uom: the component */
  readonly item: string;
  readonly component: string;
  /** uom: the alternative unit, and its new factor (0: the old × 0.8) */
  readonly uom: string;
  readonly factor: number;
  readonly at: number;
};

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

class MasterDataChanges implements TaskHandler {
  /** per line index, item id → the newest product (absent: the plant model's) */
  private readonly newest: Map<string, Product>[];
  /** per line index, `{component}/{alternative unit}` → its newest conversion (absent: unchanged) */
  private readonly conversions: Map<string, ItemConversion>[];
  /** BOM revision of each product version (the plant model's highest when absent) */
  private readonly bomRev = new WeakMap<Product, string>();
  readonly changes: readonly Change[];

  constructor(private readonly c: Ctx) {
    this.newest = c.lines.map(() => new Map<string, Product>());
    this.conversions = c.lines.map(() => new Map<string, ItemConversion>());
    const first = c.lines[0]?.products[0]?.item.id ?? '';
    this.changes = c.scenario.faults
      .filter((f) => f.kind === 'master-data-change')
      .map((spec) => {
        const change = spec.params.change === 'routing' ? 'routing' : spec.params.change === 'uom' ? 'uom' : 'bom';
        let item = String(spec.params.item ?? '');
        let uom = String(spec.params.uom ?? '');
        if (change === 'uom') {
          // defaults (the scenario loader fills them in; a scenario built in code may not): the first component issued in an alternative unit
          const issued = c.lines.flatMap((l) => l.products.flatMap((p) => p.components)).filter((x) => x.issue !== undefined && (item === '' || x.item.id === item));
          item ||= issued[0]?.item.id ?? '';
          uom ||= issued[0]?.issue?.uom ?? '';
        } else item ||= first;
        const factor = Number(spec.params.factor ?? 0);
        return { spec, change, item, component: String(spec.params.component ?? ''), uom, factor: factor > 0 ? factor : 0, at: c.scenario.startMs + spec.atMs };
      });
  }

  start(): void {
    for (const ch of this.changes) if (ch.at < this.c.endMs) this.c.sched.at(ch.at, PRIO.erp, this, 0, ch);
  }

  fire(_kind: number, a: unknown): void {
    const ch = a as Change;
    const c = this.c;
    for (const line of c.lines) {
      if (ch.spec.line !== undefined && ch.spec.line !== line.key) continue;
      if (ch.change === 'uom') {
        this.conversionChanged(ch, line);
        continue;
      }
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

  /**
   * The factor of `ch.item`'s alternative unit `ch.uom` changes on `line`: each product whose
   * current version issues the component in that unit gets a new version at the new factor (its
   * BOM revision unchanged); ERP announces it once per line, naming both factors.
   */
  private conversionChanged(ch: Change, line: LineRt): void {
    const c = this.c;
    let old: ItemConversion | undefined;
    let factor = 0;
    for (const picked of line.products) {
      const before = this.current(line, picked);
      const comp = componentOf(before, ch.item);
      if (comp?.issue === undefined || comp.issue.uom !== ch.uom) continue;
      old ??= comp.issue;
      factor = ch.factor > 0 ? ch.factor : round6(comp.issue.factor * 0.8);
      const after = withComponent(before, comp, atFactor(comp, factor));
      this.bomRev.set(after, this.bomRevision(before));
      this.newest[line.index]!.set(picked.item.id, after);
    }
    if (old === undefined) return;
    const base = old.base;
    const now = { base, factor, item: old.item, uom: old.uom };
    this.conversions[line.index]!.set(`${ch.item}/${ch.uom}`, now);
    const from = String(old.factor);
    const to = String(factor);
    const key = `MD/${ch.item}/uom/${ch.uom}/${to}`;
    // keys in code-point order: the event is canonical JSON as built
    const data = { base, change: 'uom' as const, effective: c.env.time(c.sched.now), from, item: ch.item, to, uom: ch.uom };
    const ev = c.env.build(line.erp, 'erp.masterdata.changed', c.sched.now, data, key, key, undefined, undefined, undefined) as AnyEvent;
    c.out.event(ev);
    const unit = (f: string) => `1 ${ch.uom} = ${f} ${base}`;
    c.ledger.noted(c.sched.now, 'master-data-change', 'master-data-changed', ev, line, undefined, `conversion of ${ch.item} changed from ${unit(from)} to ${unit(to)} while orders released with ${unit(from)} run`);
  }

  /** The newest conversion of `item`'s alternative unit `uom` on `line`, when a change moved it (undefined: as in the plant model). */
  newestConversion(line: LineRt, item: string, uom: string): ItemConversion | undefined {
    return this.conversions[line.index]!.get(`${item}/${uom}`);
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

/** `p` with `comp` replaced by `next` (in both component lists). */
function withComponent(p: Product, comp: Component, next: Component): Product {
  const swap = (list: readonly Component[]) => list.map((x) => (x === comp ? next : x));
  return { ...p, components: swap(p.components), lotComponents: swap(p.lotComponents) };
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

/**
 * The product version an order created now is made under, the BOM revision to record on its ERP
 * events (when master data changes in this scenario) and the alternative units its BOM states
 * components in, with their factors (whenever it has any).
 */
export function orderVersion(
  c: Ctx,
  line: LineRt,
  picked: Product,
): { readonly product: Product; readonly bomRevision: string | undefined; readonly conversions: ItemConversion[] | undefined } {
  const m = masterData(c);
  const product = m.changes.length === 0 ? picked : m.current(line, picked);
  const conversions = conversionsOf(product);
  return { product, bomRevision: m.changes.length === 0 ? undefined : m.bomRevision(product), conversions: conversions.length === 0 ? undefined : conversions };
}

/** The alternative units `ord`'s BOM states components in, with the factors it was created with, for its release (undefined: none). */
export function orderConversions(ord: OrderRt): ItemConversion[] | undefined {
  const conversions = conversionsOf(ord.product);
  return conversions.length === 0 ? undefined : conversions;
}

/** The BOM revision `ord` was created with, for its release (undefined when master data does not change in this scenario). */
export function orderBomRevision(c: Ctx, ord: OrderRt): string | undefined {
  const m = masterData(c);
  return m.changes.length === 0 ? undefined : m.bomRevision(ord.product);
}
