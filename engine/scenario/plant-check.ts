import { UOM_FACTORS, convertItemUom, type ItemConversion, type PlantModel } from '../../model/index.js';

/** A broken reference in a plant model, at a path inside the model. */
export type PlantProblem = { readonly path: ReadonlyArray<string | number>; readonly expected: string; readonly got?: string };

/**
 * Referential integrity of a plant model that already matches the schema: unique ids, products,
 * BOM components and routing items that exist, work centers present on every line that makes the
 * item, units master data can convert (the global table, or the component's own alternative units),
 * ascending operation numbers. Returns every problem found.
 */
export function checkPlantModel(model: PlantModel): PlantProblem[] {
  const problems: PlantProblem[] = [];
  const fail = (path: ReadonlyArray<string | number>, expected: string, got?: string) =>
    problems.push(got === undefined ? { path, expected } : { path, expected, got });
  const items = new Map(model.items.map((i) => [i.id, i]));
  const routedItems = new Set(model.routings.map((r) => r.item));
  const bomItems = new Set(model.boms.map((b) => b.item));
  const makers = new Map<string, Array<{ plant: string; line: string; workCenters: Set<string> }>>();
  // a plant may be of another kind than its model (a site with assembly and batch plants)
  const plantKind = new Map(model.plants.map((p) => [p.id, p.kind ?? model.kind]));

  unique(model.plants.map((p) => p.id), (i, id) => fail(['plants', i, 'id'], 'a plant id used once', `"${id}" again`));
  model.plants.forEach((plant, pi) => {
    if (!validTimeZone(plant.timeZone)) fail(['plants', pi, 'timeZone'], 'an IANA time zone such as Europe/Berlin', `"${plant.timeZone}"`);
    unique(plant.lines.map((l) => l.id), (i, id) => fail(['plants', pi, 'lines', i, 'id'], `a line id used once in plant ${plant.id}`, `"${id}" again`));
    plant.lines.forEach((line, li) => {
      const at = ['plants', pi, 'lines', li] as const;
      unique(line.workCenters.map((w) => w.id), (i, id) => fail([...at, 'workCenters', i, 'id'], 'a work center id used once on its line', `"${id}" again`));
      const workCenters = new Set(line.workCenters.map((w) => w.id));
      line.products.forEach((product, k) => {
        if (!items.has(product)) return fail([...at, 'products', k], 'an item of this plant model', `"${product}"`);
        if (!routedItems.has(product)) fail([...at, 'products', k], `an item with a routing (${product} has none)`, `"${product}"`);
        if (!bomItems.has(product)) fail([...at, 'products', k], `an item with a bill of materials (${product} has none)`, `"${product}"`);
        const list = makers.get(product) ?? [];
        list.push({ plant: plant.id, line: line.id, workCenters });
        makers.set(product, list);
      });
    });
  });

  const size = model.production?.orderSize;
  if (size && size.min > size.max) fail(['production', 'orderSize', 'min'], 'orderSize min ≤ max', `min ${size.min} and max ${size.max}`);

  unique(model.items.map((i) => i.id), (i, id) => fail(['items', i, 'id'], 'an item id used once', `"${id}" again`));
  model.items.forEach((item, i) => {
    if (!UOM_FACTORS[item.uom]) fail(['items', i, 'uom'], `a unit of measure master data knows (${Object.keys(UOM_FACTORS).join(', ')})`, `"${item.uom}"`);
    if (item.shelfLifeDays !== undefined && !item.lotControlled) fail(['items', i, 'shelfLifeDays'], 'a shelf life only on a lot-controlled item');
    // receipts of an order are what inspection and delivery tolerance judge: only an item some routing makes has them
    if (item.inspection === true && !routedItems.has(item.id)) fail(['items', i, 'inspection'], `inspection only on an item a routing makes (${item.id} has none)`);
    if (item.deliveryTolerance !== undefined && !routedItems.has(item.id)) fail(['items', i, 'deliveryTolerance'], `a delivery tolerance only on an item a routing makes (${item.id} has none)`);
    if (item.inspection === true && !item.lotControlled) fail(['items', i, 'inspection'], 'inspection only on a lot-controlled item (quality-inspection stock is kept per lot)');
    if (item.partialDecision !== undefined && item.inspection !== true) fail(['items', i, 'partialDecision'], `partial usage decisions only on an item under inspection (${item.id} is not)`);
    unique((item.conversions ?? []).map((c) => c.uom), (k, uom) => fail(['items', i, 'conversions', k, 'uom'], `an alternative unit listed once for ${item.id}`, `"${uom}" again`));
    (item.conversions ?? []).forEach((c, k) => {
      // an alternative unit is the item's own: the base unit and the global table's units already convert by themselves
      if (c.uom === item.uom) fail(['items', i, 'conversions', k, 'uom'], `an alternative unit other than ${item.id}'s base unit`, `"${c.uom}"`);
      else if (UOM_FACTORS[c.uom]) fail(['items', i, 'conversions', k, 'uom'], `an alternative unit that is not in the global unit table (${Object.keys(UOM_FACTORS).join(', ')})`, `"${c.uom}"`);
      if (!(c.factor > 0)) fail(['items', i, 'conversions', k, 'factor'], 'a factor above 0', String(c.factor));
    });
  });

  unique(model.boms.map((b) => `${b.item} rev ${b.revision}`), (i, key) => fail(['boms', i, 'revision'], 'one bill of materials per item and revision', `${key} again`));
  model.boms.forEach((bom, b) => {
    if (!items.has(bom.item)) fail(['boms', b, 'item'], 'an item of this plant model', `"${bom.item}"`);
    // a discrete plant makes what it makes at a yield of 1; an item no line makes follows the model's kind
    const madeBy = makers.get(bom.item) ?? [];
    const discreteMaker = madeBy.find((m) => plantKind.get(m.plant) === 'discrete');
    if ((madeBy.length === 0 ? model.kind === 'discrete' : discreteMaker !== undefined) && bom.yield !== 1) {
      fail(['boms', b, 'yield'], discreteMaker ? `a yield of 1 in a discrete plant (${discreteMaker.plant}/${discreteMaker.line} makes ${bom.item})` : 'a yield of 1 in a discrete plant', String(bom.yield));
    }
    bom.components.forEach((c, k) => {
      const item = items.get(c.item);
      if (!item) return fail(['boms', b, 'components', k, 'item'], 'an item of this plant model', `"${c.item}"`);
      if (c.item === bom.item) fail(['boms', b, 'components', k, 'item'], 'a component other than the item itself', `"${c.item}"`);
      if (convertItemUom(1, c.uom, item.uom, alternativeUnits(item)) === undefined) {
        const own = (item.conversions ?? []).map((x) => x.uom);
        fail(['boms', b, 'components', k, 'uom'], `a unit convertible to ${item.uom}, the base unit of ${item.id}${own.length > 0 ? ` (or one of its alternative units: ${own.join(', ')})` : ''}`, `"${c.uom}"`);
      }
    });
  });

  unique(model.routings.map((r) => `${r.id} rev ${r.revision}`), (i, key) => fail(['routings', i, 'revision'], 'one routing per id and revision', `${key} again`));
  const routingItem = new Map<string, string>();
  model.routings.forEach((routing, r) => {
    const owner = routingItem.get(routing.id);
    if (owner !== undefined && owner !== routing.item) fail(['routings', r, 'item'], `the item of the other revisions of ${routing.id} (${owner})`, `"${routing.item}"`);
    routingItem.set(routing.id, routing.item);
    if (!items.has(routing.item)) return fail(['routings', r, 'item'], 'an item of this plant model', `"${routing.item}"`);
    const lines = makers.get(routing.item);
    if (!lines) return fail(['routings', r, 'item'], 'an item some line makes (listed in its products)', `"${routing.item}"`);
    routing.operations.forEach((op, o) => {
      const prev = routing.operations[o - 1];
      if (prev && !(op.id > prev.id)) fail(['routings', r, 'operations', o, 'id'], `an operation number after ${prev.id}`, `"${op.id}"`);
      const missing = lines.find((l) => !l.workCenters.has(op.workCenter));
      if (missing) {
        fail(['routings', r, 'operations', o, 'workCenter'], `a work center of every line that makes ${routing.item} (${missing.plant}/${missing.line} has ${[...missing.workCenters].join(', ')})`, `"${op.workCenter}"`);
      }
    });
  });
  return problems;
}

/** An item's alternative units, as convertItemUom takes them (through the item's base unit). */
function alternativeUnits(item: PlantModel['items'][number]): ItemConversion[] {
  return (item.conversions ?? []).map((c) => ({ item: item.id, uom: c.uom, factor: c.factor, base: item.uom }));
}

function unique(values: readonly string[], onRepeat: (index: number, value: string) => void): void {
  const seen = new Set<string>();
  values.forEach((v, i) => (seen.has(v) ? onRepeat(i, v) : seen.add(v)));
}

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The current (highest) routing revision of an item, or undefined when it has no routing. */
export function currentRouting(model: PlantModel, item: string): PlantModel['routings'][number] | undefined {
  return model.routings.filter((r) => r.item === item).sort((a, b) => compareRevisions(b.revision, a.revision))[0];
}

/** Revisions compare by length first, then alphabetically: A < B < … < Z < AA. */
export function compareRevisions(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
