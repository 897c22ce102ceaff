import { refuse } from './values.js';
import { kid, textOf, type El } from './xml-tree.js';

/** Equipment levels (ISA-95 EquipmentElementLevel) read as a Linesight line. */
export const LINE_LEVELS = ['ProductionLine', 'ProductionUnit', 'ProcessCell', 'WorkCenter'] as const;
/** The level read as a Linesight plant. */
export const PLANT_LEVEL = 'Site';

export type Place = { readonly plant: string; readonly line: string };
type Level = { readonly id: string; readonly level: string | undefined };

/** The equipment named by `el`'s own HierarchyScope and Location chains, outermost first. */
export function equipmentOf(el: El): Level[] {
  const out: Level[] = [];
  for (const name of ['HierarchyScope', 'Location']) {
    for (let s = kid(el, name); s !== undefined; s = kid(s, name)) {
      const id = textOf(s, 'EquipmentID');
      if (id !== undefined) out.push({ id, level: textOf(s, 'EquipmentElementLevel') });
    }
  }
  return out;
}

/**
 * Plant and line for an event made from `el`: the nearest Site and line-level equipment named on
 * `el` or an element around it (`chain` is the element and its ancestors, innermost first), else
 * the importer's options. Neither known: refused, saying what to pass.
 */
export function placeOf(chain: readonly El[], opts: { plant?: string; line?: string }): Place {
  let plant: string | undefined;
  let line: string | undefined;
  for (const el of chain) {
    const levels = equipmentOf(el);
    // inside one element the chain runs outer → inner; the innermost line is the most specific
    for (const l of [...levels].reverse()) {
      if (plant === undefined && l.level === PLANT_LEVEL) plant = l.id;
      if (line === undefined && (LINE_LEVELS as readonly string[]).includes(l.level ?? '')) line = l.id;
    }
  }
  plant ??= opts.plant;
  line ??= opts.line;
  const at = chain[0]!;
  if (plant === undefined) refuse(at, `no plant: the document names no ${PLANT_LEVEL} (HierarchyScope or Location with EquipmentElementLevel ${PLANT_LEVEL}); pass the plant to the import`);
  if (line === undefined) refuse(at, `no line: the document names no ${LINE_LEVELS.join('/')} (HierarchyScope or Location); pass the line to the import`);
  if (plant.includes('/') || line.includes('/')) refuse(at, `plant "${plant}" and line "${line}" may not contain "/"`);
  return { plant, line };
}
