import { convertItemUom, convertUom, sourceOf, type Bom, type Item, type ItemConversion, type Operation, type Routing, type Scenario, type System } from '../../model/index.js';
import type { Channel } from '../core/envelope.js';

/** Default tolerance of a BOM component's consumption (fraction, either way) when the BOM sets none. */
export const DEFAULT_TOLERANCE = 0.1;
/** Default delivery tolerance of a production order's receipts when the item sets none. */
export const DEFAULT_DELIVERY = { over: 0.1, under: 1 } as const;

/**
 * A BOM component: how much of it one unit of the product needs, in its base unit, and how far
 * actual consumption may stray from that before ERP refuses it. Lot-controlled components are
 * staged by WMS and consumed per lot; the others are backflushed at each confirmation.
 * `issue`: the alternative unit the BOM states it in (absent: a unit of the global table), which MES
 * issues and reports it in, with the factor valid for this product version.
 */
export type Component = { readonly item: Item; readonly perUnit: number; readonly tolerance: number; readonly issue?: IssueUnit };

/** A component's alternative issue unit: 1 `uom` = `factor` `base`, and the BOM's quantity per unit of the product in it. */
export type IssueUnit = ItemConversion & { readonly perUnit: number };

/** What a line needs to make one item: the routing MES runs (highest revision) and the BOM. */
export type Product = {
  readonly item: Item;
  readonly routing: Routing;
  readonly operations: readonly Operation[];
  /** every BOM component, lot-controlled or backflushed */
  readonly components: readonly Component[];
  /** the lot-controlled ones, which WMS stages */
  readonly lotComponents: readonly Component[];
  /** BOM yield (batch); 1 for discrete plants */
  readonly yield: number;
};

/** The component `item` of `p`'s BOM, if it has one. */
export function componentOf(p: Product, item: string): Component | undefined {
  const list = p.components;
  for (let i = 0; i < list.length; i++) if (list[i]!.item.id === item) return list[i];
  return undefined;
}

/**
 * The alternative units `p`'s BOM states components in, with their factors, as orders record them
 * (`conversions` of erp.order.created/released): empty when the BOM states none.
 */
export function conversionsOf(p: Product): ItemConversion[] {
  const out: ItemConversion[] = [];
  for (const c of p.components) {
    const u = c.issue;
    // keys in code-point order: the list goes into canonical event data as built
    if (u !== undefined && !out.some((x) => x.item === u.item && x.uom === u.uom)) out.push({ base: u.base, factor: u.factor, item: u.item, uom: u.uom });
  }
  return out;
}

/** `comp` issued in its alternative unit at `factor` instead: the same BOM quantity in that unit, so a different quantity in the base unit. */
export function atFactor(comp: Component, factor: number): Component {
  const u = comp.issue!;
  const issue: IssueUnit = { ...u, factor };
  return { ...comp, perUnit: convertItemUom(u.perUnit, u.uom, u.base, [issue]) ?? comp.perUnit, issue };
}

/** One running line and the channels (sources) its systems publish on. */
export type LineRt = {
  readonly index: number;
  readonly plant: string;
  readonly line: string;
  /** the line's plant kind: the plant's own `kind`, else the model's */
  readonly kind: 'discrete' | 'batch';
  /** `plant/line`, as fault filters name it */
  readonly key: string;
  readonly products: readonly Product[];
  readonly erp: Channel;
  readonly mes: Channel;
  readonly wms: Channel;
  readonly qms: Channel;
  readonly int: Channel;
  /** production orders created on this line so far */
  orders: number;
};

/** Revisions compare by length, then code point: `B` > `A`, `10` > `9`, `AA` > `Z`. */
function higherRevision(a: string, b: string): boolean {
  return a.length !== b.length ? a.length > b.length : a > b;
}

function highest<T extends { readonly item: string; readonly revision: string }>(list: readonly T[], item: string): T | undefined {
  let best: T | undefined;
  for (const x of list) if (x.item === item && (best === undefined || higherRevision(x.revision, best.revision))) best = x;
  return best;
}

function product(scenario: Scenario, items: ReadonlyMap<string, Item>, itemId: string, where: string, kind: 'discrete' | 'batch' = scenario.plant.kind): Product {
  const item = items.get(itemId);
  if (!item) throw new Error(`${where}: product ${itemId} is not an item of plant model ${scenario.plant.id}`);
  const routing = highest(scenario.plant.routings, itemId);
  if (!routing || routing.operations.length === 0) throw new Error(`${where}: item ${itemId} has no routing with operations`);
  const bom: Bom | undefined = highest(scenario.plant.boms, itemId);
  const components: Component[] = [];
  for (const c of bom?.components ?? []) {
    const ci = items.get(c.item);
    if (!ci) throw new Error(`${where}: BOM of ${itemId} names unknown item ${c.item}`);
    // BOM quantities may be kept in another unit than the component's base unit; stage and consume in the base unit
    const tolerance = c.tolerance ?? DEFAULT_TOLERANCE;
    const alt = convertUom(1, c.uom, ci.uom) === undefined ? ci.conversions?.find((x) => x.uom === c.uom) : undefined;
    if (alt === undefined) components.push({ item: ci, perUnit: convertUom(c.qty, c.uom, ci.uom) ?? c.qty, tolerance });
    else {
      // an alternative unit of the component (tubes, bags): MES issues it in that unit; ERP plans in the base unit
      const issue: IssueUnit = { item: ci.id, uom: alt.uom, factor: alt.factor, base: ci.uom, perUnit: c.qty };
      components.push({ item: ci, perUnit: convertItemUom(c.qty, c.uom, ci.uom, [issue]) ?? c.qty, tolerance, issue });
    }
  }
  const lotComponents = components.filter((c) => c.item.lotControlled);
  const yld = kind === 'batch' ? (bom?.yield ?? 1) : 1;
  return { item, routing, operations: atTakt(routing.operations, scenario.orders.taktMs[itemId]), components, lotComponents, yield: yld };
}

/**
 * The routing's operations run at `taktMs` per unit through the whole routing: each operation keeps
 * its share of the run time per unit and its set-up. Without a takt, the routing as it is.
 */
function atTakt(ops: readonly Operation[], taktMs: number | undefined): readonly Operation[] {
  const perUnit = ops.reduce((sum, op) => sum + op.minutesPerUnit, 0);
  if (taktMs === undefined || !(perUnit > 0)) return ops;
  const scale = taktMs / 60_000 / perUnit;
  return ops.map((op) => ({ ...op, minutesPerUnit: op.minutesPerUnit * scale }));
}

/** Resolve the scenario's `lines` against the plant model and open one channel per line and system. */
export function resolveLines(scenario: Scenario, channels: Channel[]): LineRt[] {
  const items = new Map(scenario.plant.items.map((i) => [i.id, i]));
  const open = (plant: string, line: string, system: System): Channel => {
    const ch: Channel = { index: channels.length, source: sourceOf(plant, line, system), plant, line, system, seq: 0 };
    channels.push(ch);
    return ch;
  };
  const wanted =
    scenario.lines.length > 0
      ? scenario.lines
      : scenario.plant.plants.flatMap((p) => p.lines.map((l) => ({ plant: p.id, line: l.id })));
  return wanted.map(({ plant, line }, index) => {
    const p = scenario.plant.plants.find((x) => x.id === plant);
    const l = p?.lines.find((x) => x.id === line);
    if (!l) throw new Error(`scenario ${scenario.id}: line ${plant}/${line} is not in plant model ${scenario.plant.id}`);
    const where = `line ${plant}/${line}`;
    const kind = p!.kind ?? scenario.plant.kind;
    return {
      index,
      plant,
      line,
      kind,
      key: `${plant}/${line}`,
      products: l.products.map((id) => product(scenario, items, id, where, kind)),
      erp: open(plant, line, 'erp'),
      mes: open(plant, line, 'mes'),
      wms: open(plant, line, 'wms'),
      qms: open(plant, line, 'qms'),
      int: open(plant, line, 'int'),
      orders: 0,
    };
  });
}

/** The channel an event of `type` is published on, from the system prefix of its type. */
export function channelOf(line: LineRt, type: string): Channel {
  switch (type.charCodeAt(0)) {
    case 109: // m
      return line.mes;
    case 113: // q
      return line.qms;
    case 119: // w
      return line.wms;
    case 101: // e
      return line.erp;
    default:
      return line.int;
  }
}
