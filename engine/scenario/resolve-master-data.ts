import { UOM_FACTORS, type FaultSpec, type PlantModel } from '../../model/index.js';
import { compareRevisions } from './plant-check.js';
import type { Source } from './source.js';

type RunningLine = { readonly plant: string; readonly line: string };

/**
 * A `master-data-change` must name a product one of its lines makes and, for a BOM change, a
 * component of that product's BOM; for a unit-conversion change (`change: uom`), a component the
 * current BOM of such a product states in one of the component's alternative units, and that unit:
 * otherwise it would change nothing, silently. A uom change's `item` and `uom` left out get their
 * defaults here (the first such component, its first alternative unit). Returns `faults`.
 */
export function checkMasterDataChanges(src: Source, faults: readonly FaultSpec[], plant: PlantModel, lines: readonly RunningLine[]): FaultSpec[] {
  return faults.map((f, i) => {
    if (f.kind !== 'master-data-change') return f;
    const running = lines.filter((l) => f.line === undefined || `${l.plant}/${l.line}` === f.line);
    const made = [...new Set(running.flatMap((l) => plant.plants.find((p) => p.id === l.plant)?.lines.find((x) => x.id === l.line)?.products ?? []))];
    if (f.params.change === 'uom') return uomChange(src, f, i, plant, made);
    const item = String(f.params.item ?? '');
    if (item !== '' && !made.includes(item)) src.fail(['faults', i, 'item'], `a product the fault's lines make: ${made.join(', ')}`, JSON.stringify(item));
    const component = String(f.params.component ?? '');
    if (f.params.change !== 'bom' || component === '' || item === '') return f;
    const boms = plant.boms.filter((b) => b.item === item);
    const parts = [...new Set(boms.flatMap((b) => b.components.map((c) => c.item)))];
    if (!parts.includes(component)) src.fail(['faults', i, 'component'], `a component of ${item}'s BOM: ${parts.join(', ')}`, JSON.stringify(component));
    return f;
  });
}

/** A uom change names (or defaults to) a component stated in an alternative unit on a current BOM of `made`, and that unit. */
function uomChange(src: Source, f: FaultSpec, i: number, plant: PlantModel, made: readonly string[]): FaultSpec {
  // component → the alternative units the current BOMs of the lines' products state it in, in BOM order
  const stated = new Map<string, string[]>();
  for (const product of made) {
    for (const c of currentBom(plant, product)?.components ?? []) {
      const item = plant.items.find((x) => x.id === c.item);
      if (item === undefined || UOM_FACTORS[c.uom] || !(item.conversions ?? []).some((x) => x.uom === c.uom)) continue;
      const units = stated.get(c.item) ?? [];
      if (!units.includes(c.uom)) units.push(c.uom);
      stated.set(c.item, units);
    }
  }
  const listed = [...stated.keys()];
  let item = String(f.params.item ?? '');
  if (item === '') {
    if (listed.length === 0) src.fail(['faults', i, 'change'], `a change the fault's lines can see: no BOM of ${made.join(', ')} states a component in an alternative unit`, '"uom"');
    item = listed[0]!;
  } else if (!stated.has(item)) {
    src.fail(['faults', i, 'item'], listed.length > 0 ? `a component a BOM of the fault's lines states in an alternative unit: ${listed.join(', ')}` : `a component stated in an alternative unit, but no BOM of ${made.join(', ')} has one`, JSON.stringify(item));
  }
  const units = stated.get(item)!;
  let uom = String(f.params.uom ?? '');
  // the item's first alternative unit (that a BOM states it in)
  if (uom === '') uom = plant.items.find((x) => x.id === item)?.conversions?.find((x) => units.includes(x.uom))?.uom ?? '';
  if (!units.includes(uom)) src.fail(['faults', i, 'uom'], `an alternative unit the BOMs state ${item} in: ${units.join(', ')}`, JSON.stringify(uom));
  return { ...f, params: { ...f.params, item, uom } };
}

/** The BOM the simulator uses for `item`: its highest revision. */
function currentBom(plant: PlantModel, item: string): PlantModel['boms'][number] | undefined {
  return plant.boms.filter((b) => b.item === item).sort((a, b) => compareRevisions(b.revision, a.revision))[0];
}
