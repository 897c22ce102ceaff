/** Which dead letters the operator ticked for a bulk action (a reducer, so it is testable without React). */

export type Selection = ReadonlySet<string>;

export type SelectionAction =
  | { readonly kind: 'toggle'; readonly id: string }
  /** tick or untick every id given (the visible rows) */
  | { readonly kind: 'set'; readonly ids: readonly string[]; readonly selected: boolean }
  | { readonly kind: 'clear' };

export const EMPTY_SELECTION: Selection = new Set();

export function selectionReducer(state: Selection, action: SelectionAction): Selection {
  switch (action.kind) {
    case 'toggle': {
      const next = new Set(state);
      if (!next.delete(action.id)) next.add(action.id);
      return next;
    }
    case 'set': {
      const next = new Set(state);
      for (const id of action.ids) {
        if (action.selected) next.add(id);
        else next.delete(id);
      }
      return next;
    }
    case 'clear':
      return state.size === 0 ? state : EMPTY_SELECTION;
  }
}

/**
 * The ticked ids among the visible ones, in row order. Bulk actions apply to these only, so a
 * row hidden by a filter (or gone from the queue) is never acted on unseen.
 */
export const selectedVisible = (selection: Selection, visibleIds: readonly string[]): string[] =>
  visibleIds.filter((id) => selection.has(id));

/** The state of a "select all visible" box: checked, unchecked or mixed. */
export function allBoxState(selectedCount: number, visibleCount: number): 'all' | 'none' | 'some' {
  if (selectedCount === 0 || visibleCount === 0) return 'none';
  return selectedCount === visibleCount ? 'all' : 'some';
}
