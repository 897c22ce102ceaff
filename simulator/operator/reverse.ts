import { isReversalMessage, reversalKey, reversalMessageFor, reversalFactsOf, reversalPayload, type BusinessEventType } from '../../model/index.js';
import type { Ctx } from '../core/context.js';
import { nextReversalN, type OrderRt } from '../core/records.js';
import { OperatorError } from './commands.js';

/** The reversal message an operator's `reverse` sends: from the order's line, for one posting's worth of what ERP posted. */
export type ReversalDraft = {
  readonly ord: OrderRt;
  readonly type: BusinessEventType;
  readonly key: string;
  readonly data: Readonly<Record<string, unknown>>;
  /** ERP's latest posting of the reversed key: the reversal's cause */
  readonly cause: string;
  readonly lot: string | undefined;
};

const fail = (message: string): never => {
  throw new OperatorError(message);
};

/**
 * Draft the reversal of business key `key`: it must be a key ERP posted for an order of a line this
 * session runs, of a message type that can be reversed. Its key is `{key}/REV/{n}`, n one more than
 * the key's reversals so far; its quantities are those of ERP's latest posting of the key.
 */
export function draftReversal(c: Ctx, key: unknown): ReversalDraft {
  if (typeof key !== 'string' || key.trim() === '') fail('reverses must name the business key of the posting to reverse');
  const k = key as string;
  const orderId = k.split('/')[0]!;
  const ord =
    c.orders.get(orderId, c.sched.now) ??
    fail(`${k} is not a key of an order this session knows (order ${orderId}: not on a line it runs, or closed more than a simulated day ago)`);
  const booked = ord.erpKeys?.get(k);
  if (booked !== undefined && isReversalMessage(booked.type)) fail(`${k} is itself a reversal: reverse the key it reverses instead`);
  const type = booked === undefined ? undefined : (reversalMessageFor(booked.type) ?? fail(`${k} answers a ${booked.type}, which ERP cannot reverse`));
  const posting = booked?.last;
  if (type === undefined || posting === undefined) fail(`${k} has no ERP posting to reverse`);
  const data = reversalPayload(type!, reversalFactsOf(posting!.data, ord.id, k));
  return { ord, type: type!, key: reversalKey(k, nextReversalN(ord, k)), data, cause: posting!.id, lot: posting!.lot };
}

