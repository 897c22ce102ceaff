import { useId, useState, type FormEvent } from 'react';
import { lineageHref } from '../../router.js';

/**
 * The search box of the lineage view. Submitting navigates to `#/lineage/<term>`, so a search is a
 * link that can be shared, bookmarked and gone back to.
 */
export function LineageSearch({ term }: { readonly term: string | undefined }) {
  const [text, setText] = useState(term ?? '');
  const inputId = useId();
  const hintId = useId();
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const t = text.trim();
    if (t !== '') window.location.hash = lineageHref(t);
  };
  return (
    <form role="search" className="controls lin-search" onSubmit={submit}>
      <label htmlFor={inputId}>Order, lot, business key or event id</label>
      <input id={inputId} type="search" value={text} onChange={(e) => setText(e.target.value)} aria-describedby={hintId} spellCheck={false} autoComplete="off" />
      <button type="submit" disabled={text.trim() === ''}>
        Show lineage
      </button>
      <span id={hintId} className="muted">
        Exact and case-sensitive, e.g. PO-US01-L2-00001.
      </span>
    </form>
  );
}
