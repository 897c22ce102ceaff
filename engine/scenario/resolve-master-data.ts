import type { FaultSpec, PlantModel } from '../../model/index.js';
import type { Source } from './source.js';

type RunningLine = { readonly plant: string; readonly line: string };

/**
 * A `master-data-change` must name a product one of its lines makes and, for a BOM change, a
 * component of that product's BOM: otherwise it would change nothing, silently. Returns `faults`.
 */
export function checkMasterDataChanges(src: Source, faults: readonly FaultSpec[], plant: PlantModel, lines: readonly RunningLine[]): FaultSpec[] {
  faults.forEach((f, i) => {
    if (f.kind !== 'master-data-change') return;
    const running = lines.filter((l) => f.line === undefined || `${l.plant}/${l.line}` === f.line);
    const made = [...new Set(running.flatMap((l) => plant.plants.find((p) => p.id === l.plant)?.lines.find((x) => x.id === l.line)?.products ?? []))];
    const item = String(f.params.item ?? '');
    if (item !== '' && !made.includes(item)) src.fail(['faults', i, 'item'], `a product the fault's lines make: ${made.join(', ')}`, JSON.stringify(item));
    const component = String(f.params.component ?? '');
    if (f.params.change !== 'bom' || component === '' || item === '') return;
    const boms = plant.boms.filter((b) => b.item === item);
    const parts = [...new Set(boms.flatMap((b) => b.components.map((c) => c.item)))];
    if (!parts.includes(component)) src.fail(['faults', i, 'component'], `a component of ${item}'s BOM: ${parts.join(', ')}`, JSON.stringify(component));
  });
  return [...faults];
}
