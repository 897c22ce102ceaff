/**
 * ISA-95 plant model: an enterprise with plants (sites, each in a time zone) → lines (areas/work
 * units) → work centers; items with units and lot control, bills of materials and routings with
 * revisions. Line ids are unique within their plant.
 */
export type PlantModel = {
  readonly id: string;
  readonly name: string;
  /** `discrete` (pumps: units, serial routings) or `batch` (process: lots, yields) */
  readonly kind: 'discrete' | 'batch';
  readonly plants: readonly Plant[];
  readonly items: readonly Item[];
  readonly boms: readonly Bom[];
  readonly routings: readonly Routing[];
  /** how the plant's lines are usually loaded; a scenario's `orders:` section may override each */
  readonly production?: ProductionDefaults;
};

/** A plant model's defaults for loading its lines. */
export type ProductionDefaults = {
  /** share of a line's time spent producing (default 0.85) */
  readonly utilisation?: number;
  /** order quantities in the item's base unit (default 4 … 16) */
  readonly orderSize?: { readonly min: number; readonly max: number };
};

export type Plant = {
  readonly id: string;
  readonly name: string;
  /** IANA time zone, e.g. `Europe/Berlin` */
  readonly timeZone: string;
  /** this plant's kind when it differs from the model's (a site with assembly and batch plants) */
  readonly kind?: 'discrete' | 'batch';
  readonly lines: readonly Line[];
};

export type Line = {
  readonly id: string;
  readonly name: string;
  /** finished or intermediate items this line makes */
  readonly products: readonly string[];
  readonly workCenters: readonly WorkCenter[];
};

export type WorkCenter = { readonly id: string; readonly name: string };

export type Item = {
  readonly id: string;
  readonly description: string;
  /** base unit of measure in ERP master data */
  readonly uom: string;
  readonly lotControlled: boolean;
  /** days until a lot expires; absent when it does not expire */
  readonly shelfLifeDays?: number;
  readonly type: 'finished' | 'intermediate' | 'component' | 'raw';
  /**
   * Quality management is active for the item: ERP receives it into quality-inspection stock and
   * the usage decision moves it on (default false: received into unrestricted stock).
   */
  readonly inspection?: boolean;
  /**
   * Partial usage decisions (items under `inspection` only): with `probability`, QMS decides a lot
   * that passed in two parts — `blocked` (fraction) of it to blocked stock, the rest to unrestricted
   * (absent: every passed lot is decided whole, to unrestricted).
   */
  readonly partialDecision?: { readonly probability: number; readonly blocked: number };
  /**
   * Over- and under-delivery tolerance of a production order's goods receipts, as fractions of the
   * order quantity: ERP refuses a receipt that takes the order beyond them (default over 0.1, under 1:
   * any under-delivery is accepted).
   */
  readonly deliveryTolerance?: { readonly over: number; readonly under: number };
  /**
   * Alternative units of this item (SAP's "alternative units of measure"): 1 `uom` = `factor` ×
   * the base unit, e.g. `{ uom: 'BAG', factor: 25 }` for 25 KG bags. A BOM may state the component
   * in one of them; MES then reports its consumption in that unit and the integration layer converts
   * it with the factor valid for the order (which the order records at release).
   */
  readonly conversions?: ReadonlyArray<UnitConversion>;
};

/** One alternative unit of an item: 1 `uom` = `factor` × the item's base unit. */
export type UnitConversion = { readonly uom: string; readonly factor: number };

export type Bom = {
  /** parent item */
  readonly item: string;
  readonly revision: string;
  /** expected output per unit of input (batch); 1 for discrete */
  readonly yield: number;
  /**
   * Components per unit of the parent. `uom`: a unit the global table converts to the component's
   * base unit, or one of the component's alternative units (`Item.conversions`), which MES then
   * issues and reports it in. `tolerance`: how far (fraction, either way) actual consumption of
   * the component may stray from plan before ERP refuses it (default 0.1).
   */
  readonly components: ReadonlyArray<{ readonly item: string; readonly qty: number; readonly uom: string; readonly tolerance?: number }>;
};

export type Routing = {
  readonly id: string;
  readonly item: string;
  readonly revision: string;
  readonly operations: readonly Operation[];
};

export type Operation = {
  /** operation number, e.g. `0010` */
  readonly id: string;
  readonly name: string;
  readonly workCenter: string;
  readonly setupMinutes: number;
  readonly minutesPerUnit: number;
  /** expected scrap rate, 0..1 */
  readonly scrapRate: number;
};
