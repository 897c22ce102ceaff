/**
 * A mapping drafted from a watched topic in the Topics view, on its way to that connection's
 * mappings editor in Connections ("Add to the mappings of …"): offered by one view, taken once by
 * the other. A module-level hand-off, not part of the session store: it outlives no page.
 */
export type MappingDraft = { readonly connection: string; readonly topic: string; readonly text: string };

let pending: MappingDraft | null = null;

export function offerMappingDraft(draft: MappingDraft): void {
  pending = draft;
}

/** The draft waiting for `connection`'s editor, given once; null when there is none. */
export function takeMappingDraft(connection: string): MappingDraft | null {
  if (pending === null || pending.connection !== connection) return null;
  const d = pending;
  pending = null;
  return d;
}
