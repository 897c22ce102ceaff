/**
 * Units of measure and the conversions master data allows. Units of different dimensions never
 * convert; `PC` (piece) is deliberately absent so that a PC→EA message is "not convertible", as
 * happens when a MES and an ERP keep different unit catalogues.
 */
export const UOM_FACTORS: Readonly<Record<string, { dimension: 'count' | 'mass' | 'volume'; factor: number }>> = {
  EA: { dimension: 'count', factor: 1 },
  DZ: { dimension: 'count', factor: 12 },
  KG: { dimension: 'mass', factor: 1 },
  G: { dimension: 'mass', factor: 0.001 },
  T: { dimension: 'mass', factor: 1000 },
  L: { dimension: 'volume', factor: 1 },
  ML: { dimension: 'volume', factor: 0.001 },
};

/** Convert `qty` from one unit to another; undefined when master data has no conversion. */
export function convertUom(qty: number, from: string, to: string): number | undefined {
  if (from === to) return qty;
  const a = UOM_FACTORS[from];
  const b = UOM_FACTORS[to];
  if (!a || !b || a.dimension !== b.dimension) return undefined;
  return Math.round(((qty * a.factor) / b.factor) * 1e6) / 1e6;
}

/** An item's alternative unit as an order records it: 1 `uom` of `item` = `factor` `base`. */
export type ItemConversion = { readonly item: string; readonly uom: string; readonly factor: number; readonly base: string };

/**
 * Convert `qty` of one item from one unit to another, with the item's alternative units (`alt`,
 * 1 alt.uom = alt.factor × alt.base) besides the global table; undefined when neither converts.
 * An alternative unit goes through the item's base unit: 3 BAG → 75 KG → 75000 G.
 */
export function convertItemUom(qty: number, from: string, to: string, alt: ReadonlyArray<{ readonly uom: string; readonly factor: number; readonly base: string }> | undefined): number | undefined {
  const direct = convertUom(qty, from, to);
  if (direct !== undefined || alt === undefined || alt.length === 0) return direct;
  let base = qty;
  let baseUom = from;
  const a = alt.find((c) => c.uom === from);
  if (a !== undefined) {
    base = qty * a.factor;
    baseUom = a.base;
  }
  const b = alt.find((c) => c.uom === to);
  if (b === undefined) return a === undefined ? undefined : convertUom(round6(base), baseUom, to);
  const inBase = convertUom(base, baseUom, b.base);
  return inBase === undefined ? undefined : round6(inBase / b.factor);
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
