import type { OrderRt } from '../core/records.js';

/**
 * Idempotency by business key: the first message with a key goes on; a later one with the same
 * key is a duplicate. A key is forgotten when its message is dead-lettered, so a corrected resend
 * (new id, same key) can still go through. Keys live on their order (every business key belongs
 * to one order), see `OrderRt.intKeys`.
 */
export function claimKey(ord: OrderRt, key: string, id: string): string | undefined {
  let keys = ord.intKeys;
  if (keys === undefined) keys = ord.intKeys = new Map();
  const first = keys.get(key);
  if (first !== undefined) return first;
  keys.set(key, id);
  return undefined;
}

export function forgetKey(ord: OrderRt, key: string, id: string): void {
  if (ord.intKeys?.get(key) === id) ord.intKeys.delete(key);
}
