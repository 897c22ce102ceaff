import type { PlantModel } from '../../model/index.js';

/** One lot in the warehouse's stock: what is left of it, when it expires, and how often it was split. */
export type StockLot = {
  readonly item: string;
  readonly lot: string;
  qty: number;
  readonly expiryMs: number;
  /** arrival order, the tie-break between lots of equal expiry */
  readonly seq: number;
  /** splits made of this lot so far (the `n` of `{lot}/SPLIT/{n}`) */
  splits: number;
};

const EPS = 1e-6;
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * The items WMS keeps lot stock of: the plant model's intermediates (`type: intermediate`,
 * lot-controlled) that are BOM components and that a line of the scenario makes. A finished item
 * another product happens to use (pumps' CP-100 in the BP-300 booster set) is staged from opening
 * stock as it always was. Empty for plants without intermediates.
 */
export function stockedItems(model: PlantModel, made: ReadonlySet<string>): Set<string> {
  const items = new Map(model.items.map((i) => [i.id, i]));
  const out = new Set<string>();
  for (const bom of model.boms) {
    for (const c of bom.components) {
      const item = items.get(c.item);
      if (made.has(c.item) && item?.lotControlled === true && item.type === 'intermediate') out.add(c.item);
    }
  }
  return out;
}

/**
 * The warehouse's stock of lots produced during the run, per item, in unrestricted stock only
 * (ERP received them and, for an item under inspection, the usage decision released them).
 * Picks go first-expiry-first-out. Pure bookkeeping: no clock, no randomness.
 */
export class LotStock {
  private readonly byItem = new Map<string, StockLot[]>();
  private seq = 0;

  constructor(private readonly stocked: ReadonlySet<string>) {}

  /** WMS keeps stock of `item` (else it stages from opening stock). */
  keeps(item: string): boolean {
    return this.stocked.has(item);
  }

  /** `qty` of `lot` reached unrestricted stock (more of a lot already held adds to it). */
  add(item: string, lot: string, qty: number, expiryMs: number): void {
    if (!this.stocked.has(item) || !(qty > EPS)) return;
    const list = this.byItem.get(item) ?? [];
    const had = list.find((l) => l.lot === lot);
    if (had !== undefined) {
      had.qty = round6(had.qty + qty);
      return;
    }
    list.push({ item, lot, qty: round6(qty), expiryMs, seq: ++this.seq, splits: 0 });
    // first expiry first out; equal expiries in arrival order
    list.sort((a, b) => a.expiryMs - b.expiryMs || a.seq - b.seq);
    this.byItem.set(item, list);
  }

  /** Lots of `item` in pick order (first expiry first). */
  lots(item: string): readonly StockLot[] {
    return this.byItem.get(item) ?? [];
  }

  /** Quantity of `item` on hand. */
  onHand(item: string): number {
    return round6(this.lots(item).reduce((s, l) => s + l.qty, 0));
  }

  /** Take `qty` off `lot` (the whole lot when it has no more than that); returns what is left of it. */
  take(item: string, lot: string, qty: number): number {
    const list = this.byItem.get(item);
    const i = list?.findIndex((l) => l.lot === lot) ?? -1;
    if (list === undefined || i < 0) return 0;
    const l = list[i]!;
    l.qty = round6(l.qty - qty);
    if (l.qty <= EPS) list.splice(i, 1);
    return Math.max(0, l.qty);
  }

  /** The lot leaves stock whole (refused at a pick: expired). */
  remove(item: string, lot: string): void {
    const list = this.byItem.get(item);
    const i = list?.findIndex((l) => l.lot === lot) ?? -1;
    if (list !== undefined && i >= 0) list.splice(i, 1);
  }
}
