/**
 * How the plant spells business keys, learned from the conversation itself: the first message of
 * each type whose key contains its order id (and, where it has them, its operation or item and
 * lot) gives a template. A message that never reached the journal can then be named by the key it
 * really had — the key an engineer will search for — instead of a made-up one.
 */
const ORDER = '\u0001';
const LABEL = '\u0002';
const LOT = '\u0003';

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
  t.set(type, tpl);
}

/** The key a message of `type` would have, or undefined when the plant's spelling is not known. */
export function keyFromTemplate(t: KeyTemplates, type: string, order: string, label: string, lot: string): string | undefined {
  const tpl = t.get(type);
  if (tpl === undefined || tpl === null) return undefined;
  return tpl.replace(ORDER, order).replace(LABEL, label).replace(LOT, lot);
}
