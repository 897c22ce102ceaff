/**
 * How the plant spells business keys, learned from the conversation itself: the first message of
 * each type whose key contains its order id (and, where it has them, its operation or item and
 * lot, and a trailing counter of partials) gives a template. A message that never reached the journal can then be named by the key it
 * really had — the key an engineer will search for — instead of a made-up one.
 */
const ORDER = '\u0001';
const LABEL = '\u0002';
const LOT = '\u0003';
const COUNTER = '\u0004';
/** a counter after everything else the key names (`{order}/CONF/{op}/{n}`, `{order}/GR/{n}`) */
const TRAILING_COUNTER = /\/\d+$/;

export type KeyTemplates = Map<string, string | null>;

function place(template: string, value: string, marker: string): string | null {
  if (value === '') return template;
  const i = template.indexOf(value);
  return i < 0 ? null : template.slice(0, i) + marker + template.slice(i + value.length);
}

/** Learn the template of `type` from one of its keys, once; null records that it cannot be learned. */
export function learnKey(t: KeyTemplates, type: string, key: string, order: string, label: string, lot: string): void {
  if (t.has(type)) return;
  let tpl = place(key, order, ORDER);
  if (tpl !== null && order === '') tpl = null;
  if (tpl !== null) tpl = place(tpl, label, LABEL);
  if (tpl !== null) tpl = place(tpl, lot, LOT);
  // a placeholder stands for a message of which none was seen (no partial of its operation, no
  // receipt of its order): the first of its kind, counter 1. Spellings without a counter stay as they are.
  if (tpl !== null && TRAILING_COUNTER.test(tpl) && tpl.lastIndexOf('/') > Math.max(tpl.lastIndexOf(ORDER), tpl.lastIndexOf(LABEL), tpl.lastIndexOf(LOT))) {
    tpl = tpl.replace(TRAILING_COUNTER, `/${COUNTER}`);
  }
  t.set(type, tpl);
}

/** The key a message of `type` would have, or undefined when the plant's spelling is not known. */
export function keyFromTemplate(t: KeyTemplates, type: string, order: string, label: string, lot: string): string | undefined {
  const tpl = t.get(type);
  if (tpl === undefined || tpl === null) return undefined;
  return tpl.replace(ORDER, order).replace(LABEL, label).replace(LOT, lot).replace(COUNTER, '1');
}
