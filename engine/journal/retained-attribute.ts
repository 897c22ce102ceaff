import type { AnyEvent } from '../../model/index.js';
import { canonicalJson } from './canonical-json.js';

/**
 * How a JSON Lines export says an event arrived as a broker's retained message: one attribute more
 * on its line, `"linesightretained":true`. The flag describes the delivery, not the event, so it is
 * not in the journaled envelope (nor the digest); import takes it off again and sets the `retained`
 * column, so export → import keeps both the flag and the digest. The name is prefixed because an
 * envelope may carry any other extension attribute of the plant's own.
 */
export const RETAINED_ATTRIBUTE = 'linesightretained';

/** The JSON Lines text of a journaled envelope (canonical JSON): as it is, or with the retained attribute in its sorted place. */
export function exportedEnvelope(envelope: string, retained: boolean): string {
  if (!retained) return envelope;
  return canonicalJson({ ...(JSON.parse(envelope) as Record<string, unknown>), [RETAINED_ATTRIBUTE]: true });
}

/** An imported event without the retained attribute, and whether it carried it (only `true` counts). */
export function takeRetained(e: AnyEvent): { readonly event: AnyEvent; readonly retained: boolean } {
  const attrs = e as unknown as Record<string, unknown>;
  if (attrs[RETAINED_ATTRIBUTE] !== true) return { event: e, retained: false };
  const { [RETAINED_ATTRIBUTE]: _, ...event } = attrs;
  return { event: event as AnyEvent, retained: true };
}
