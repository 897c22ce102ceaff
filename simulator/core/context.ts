import type { AnyEvent, CanonicalEvent, Item, Scenario } from '../../model/index.js';
import type { FaultRt, Faults } from '../faults/faults.js';
import type { Ledger } from '../faults/ledger.js';
import type { Out } from '../output.js';
import type { LineRt } from '../plant/master-data.js';
import type { ShiftPlan } from '../plant/shifts.js';
import type { Envelopes } from './envelope.js';
import type { Ids } from './ids.js';
import type { OrderRegistry } from './order-registry.js';
import type { Msg, OrderRt } from './records.js';
import type { Rng } from './rng.js';
import type { Scheduler } from './scheduler.js';

/** ERP's answer to one delivery: undefined when accepted. */
export type DeliveryOutcome = undefined | { readonly technical: boolean; readonly reason: string };

/** Where a system hands a message it made: faults in transit and the line's edge gateway. */
export type EdgePort = { send(ev: AnyEvent, ord: OrderRt, fault: FaultRt | undefined): void };
/** The integration layer's inbox (after the edge) and its handling of undecodable bytes. */
export type LayerPort = {
  arrive(ev: AnyEvent, ord: OrderRt): void;
  /** a later message of the same source has already reached the layer */
  overtaken(ev: AnyEvent, ord: OrderRt): boolean;
  quarantine(raw: Uint8Array, channel: string, ord: OrderRt): string | undefined;
};
export type ErpPort = {
  deliver(msg: Msg): DeliveryOutcome;
  /** the line took the next order off its queue and started it (ERP's planner tops the line's backlog up) */
  lineStarted(line: LineRt): void;
  /** the line finished an order and has nothing queued (a release was lost or refused on the way) */
  lineIdle(line: LineRt): void;
};
export type MesPort = {
  /** undefined when MES takes the release, else its refusal */
  receiveRelease(ev: CanonicalEvent<'erp.order.released'>, ord: OrderRt): DeliveryOutcome;
  /** a change or cancellation of a released order reached MES: undefined when MES takes it */
  receiveChange(ev: CanonicalEvent<'erp.order.changed'> | CanonicalEvent<'erp.order.cancelled'>, ord: OrderRt): DeliveryOutcome;
  onStaged(ord: OrderRt): void;
  rework(ord: OrderRt, causeId: string): void;
  /** a shift began on `line` (scenario `shifts:`): MES starts the order at the head of its queue */
  shiftStarted(line: LineRt): void;
};
export type WmsPort = {
  stage(ord: OrderRt): void;
  /** ERP released `qty` of lot `lot` of `item` to unrestricted stock (WMS keeps stock of intermediates only) */
  released?(item: Item, lot: string, qty: number): void;
};
export type QmsPort = { inspect(ord: OrderRt, causeId: string): void };

/** Actor streams by role; MES streams are one per line. */
export type Streams = {
  readonly erp: Rng;
  readonly wms: Rng;
  readonly qms: Rng;
  /** the integration layer's stream: its rules draw nothing today; reserved so that they may without shifting the others */
  readonly int: Rng;
  readonly mes: readonly Rng[];
  readonly orders: readonly Rng[];
  /** per line: MES's detail — partials per operation, activity times, rework, actual consumption */
  readonly mesDetail: readonly Rng[];
};

/** What every actor shares: the clock, the output, id and envelope makers, faults, and the other actors' ports. */
export type Ctx = {
  readonly scenario: Scenario;
  readonly endMs: number;
  readonly sched: Scheduler;
  readonly out: Out;
  readonly env: Envelopes;
  readonly ids: Ids;
  readonly faults: Faults;
  readonly ledger: Ledger;
  readonly lines: readonly LineRt[];
  readonly rng: Streams;
  /** orders by id, for operator actions */
  readonly orders: OrderRegistry;
  /** the scenario's shifts per line; undefined without `shifts:` (one shift of `duration`) */
  readonly shifts?: ShiftPlan;
  edge: EdgePort;
  layer: LayerPort;
  erp: ErpPort;
  mes: MesPort;
  wms: WmsPort;
  qms: QmsPort;
};
