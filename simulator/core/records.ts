import type { AnyEvent, Interface, ItemConversion, StockCategory } from '../../model/index.js';
import type { FaultRt } from '../faults/faults.js';
import type { OrderChanges } from './order-change-record.js';
import type { LineRt, Product } from '../plant/master-data.js';

/** A lot WMS staged for an order. */
export type StagedLot = {
  readonly item: string;
  readonly lot: string;
  readonly qty: number;
  readonly uom: string;
  readonly expiry: string;
  readonly eventId: string;
  /** the expired-lot fault that made WMS stage this lot already expired */
  readonly expiredBy: FaultRt | undefined;
};

/** What ERP knows of one business key of an order: what it booked and posted, for reversals and corrections. */
export type ErpKey = {
  /** type of the message the key's postings answer */
  readonly type: string;
  /** deliveries accepted net of reversals accepted: what a reversal may still net */
  booked: number;
  /** postings made (reversal postings not counted) */
  posted: number;
  /** good (or only) and scrap quantity of the last delivery accepted, in the base unit */
  qty: number;
  scrap: number;
  /** the latest posting of the key */
  last: AnyEvent | undefined;
};

/**
 * One production order. Each actor owns its own section and touches no other: ERP the `erp*`
 * fields, MES the `mes*` fields, QMS the `qms*` fields, the integration layer the `int*` fields.
 * One record instead of one map per actor saves a lookup per message on the hot path.
 */
export type OrderRt = {
  readonly id: string;
  readonly line: LineRt;
  readonly product: Product;
  readonly qty: number;
  /** the item's base unit */
  readonly uom: string;

  /** when ERP released the order: order faults strike orders released while they are active */
  releasedAt: number;

  erpCreatedId: string;
  erpReleaseId: string;
  /** a goods receipt may post only after the final confirmation was booked */
  erpFinalBooked: boolean;
  /** postings of one order leave ERP in the order it accepted them */
  erpLastPostAt: number;
  erpScrapQty: number;
  erpReceivedQty: number;
  erpBlockedQty: number;
  erpScrapped: boolean;
  erpCloseCause: string | undefined;
  erpClosed: boolean;
  /** business keys ERP booked for the order */
  erpKeys: Map<string, ErpKey> | undefined;
  /** the order's lot as ERP holds it: the lot received, its stock category (undefined: nothing received) and quantity */
  erpLot: string;
  erpStock: StockCategory | undefined;
  erpStockQty: number;
  /** the completion's receipt is posted; and (for an item under quality management) the lot's quality decision too */
  erpReceiptPosted: boolean;
  erpDecided: boolean;
  /** quantity of the lot decided so far by partial usage decisions (`{order}/UD/{n}/{k}`) */
  erpPartlyDecided?: number;

  /** MES has taken a release of this order (it refuses another) */
  mesReleased: boolean;
  mesAckId: string | undefined;
  mesStaged: StagedLot[];
  /** WMS has staged the order's material, so the line may start it */
  mesReady: boolean;
  mesOp: number;
  /** quantity entering the current operation */
  mesInput: number;
  mesScrap: number;
  mesLastId: string;
  mesLot: string;
  mesGood: number;
  /** the goods-receipt message (`mes.order.completed`) */
  mesCompleted: AnyEvent | undefined;
  /** partial confirmations sent so far per operation (the `n` of `{order}/CONF/{op}/{n}`) */
  mesConfN: Map<string, number> | undefined;
  /** partials of the running operation, and how many of them are done */
  mesParts: number;
  mesPart: number;
  /** the running operation's set-up and run time (ms), and the good quantity it confirmed so far */
  mesSetupMs: number;
  mesRunMs: number;
  mesOpGood: number;
  /** goods receipts asked for so far (the `n` of `{order}/GR/{n}`) and the quantity partial receipts declared */
  mesGrN: number;
  mesDeclared: number;

  /** reversals of each key so far, whoever made them (the `n` of `{key}/REV/{n}`) */
  revN: Map<string, number> | undefined;

  qmsInspections: number;
  qmsHoldId: string;

  /**
   * business keys already claimed, with the first message's id. Kept with the order because
   * every message of the order carries the order along: the memory lives exactly as long as a
   * duplicate can still arrive, and a long run does not keep one global map of every key.
   */
  intKeys: Map<string, string> | undefined;
  /** expiry (epoch ms) of each lot staged for the order, as the layer saw it */
  intLotExpiry: Map<string, number> | undefined;
  /** goods-receipt gate: 0 closed, 1 open, 2 lot scrapped */
  intGate: 0 | 1 | 2;
  /** receipts held by the goods-receipt gate (more than one only when idempotency is off) */
  intHeld: Msg[] | undefined;
  intHeldAt: number;
  /** messages for ERP waiting in this order's lane (head = in delivery) */
  intLane: Msg[] | undefined;

  /** changes and cancellation of the order after release (order-changes.ts); undefined for an order ERP never changed */
  chg: OrderChanges | undefined;
};

/** A message the integration layer routes to the other side, with the quantities it forwards. */
export type Msg = {
  readonly ev: AnyEvent;
  readonly ord: OrderRt;
  readonly iface: Interface;
  /** quantities and unit as forwarded (validation may convert them to the base unit) */
  qty: number;
  scrap: number;
  uom: string;
  /** delivery attempts so far */
  attempts: number;
  /** a usage decision: the stock category ERP moves the lot from (set when ERP accepts it) */
  from?: StockCategory;
  /**
   * set when validation converted an alternative unit at another factor than the order's (against
   * the newest master data): what MES said, the conversion used and the one the order was created with
   */
  converted?: { readonly qty: number; readonly used: ItemConversion; readonly own: ItemConversion };
};

/** The business key of the next reversal of `key` of `ord` (`{key}/REV/{n}`, n from 1). */
export function nextReversalN(ord: OrderRt, key: string): number {
  const m = (ord.revN ??= new Map<string, number>());
  const n = (m.get(key) ?? 0) + 1;
  m.set(key, n);
  return n;
}

export function newOrder(id: string, line: LineRt, product: Product, qty: number): OrderRt {
  return {
    id,
    line,
    product,
    qty,
    uom: product.item.uom,
    releasedAt: Number.NaN,
    erpCreatedId: '',
    erpReleaseId: '',
    erpFinalBooked: false,
    erpLastPostAt: 0,
    erpScrapQty: 0,
    erpReceivedQty: 0,
    erpBlockedQty: 0,
    erpScrapped: false,
    erpCloseCause: undefined,
    erpClosed: false,
    erpKeys: undefined,
    erpLot: '',
    erpStock: undefined,
    erpStockQty: 0,
    erpReceiptPosted: false,
    erpDecided: false,
    mesReleased: false,
    mesAckId: undefined,
    mesStaged: [],
    mesReady: false,
    mesOp: 0,
    mesInput: qty,
    mesScrap: 0,
    mesLastId: '',
    mesLot: '',
    mesGood: 0,
    mesCompleted: undefined,
    mesConfN: undefined,
    mesParts: 1,
    mesPart: 0,
    mesSetupMs: 0,
    mesRunMs: 0,
    mesOpGood: 0,
    mesGrN: 0,
    mesDeclared: 0,
    revN: undefined,
    qmsInspections: 0,
    qmsHoldId: '',
    intKeys: undefined,
    intLotExpiry: undefined,
    intGate: 0,
    intHeld: undefined,
    intHeldAt: 0,
    intLane: undefined,
    chg: undefined,
  };
}
