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
