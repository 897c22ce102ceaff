/** What ERP and MES know of an order's changes (`OrderRt.chg`); each side touches its own fields only. */
export type OrderChanges = {
  /** ERP: the order quantity since the latest change (undefined: never changed) */
  erpQty: number | undefined;
  /** ERP: changes made so far (the `n` of `{order}/CHG/{n}`) */
  erpN: number;
  /** ERP: the latest change's key and time (RFC 3339) */
  erpChangeKey: string;
  erpChangeTime: string;
  /** ERP: the cancellation's time (RFC 3339) and reason; undefined while the order stands */
  erpCancelTime: string | undefined;
  erpCancelReason: string;
  /** MES: the quantity acknowledged for operations not yet started (undefined: none) */
  mesQty: number | undefined;
  /** MES: the cancellation was acknowledged: the order stops after its running operation */
  mesCancelled: boolean;
};
