import type { ResendPreview } from '../../../engine/contract/index.js';
import { HiddenInTraining, useHidesAnswers } from '../training/HiddenInTraining.js';

/**
 * The engine's verdict on a resend, kept current as the form changes: whether ERP would post the
 * business key twice, and what is wrong with the changes. Announced politely as it changes. In
 * trainee mode the double-post verdict is hidden (the problems with the changes are still listed).
 */
export function ResendVerdict({ preview, error }: { readonly preview: ResendPreview | null; readonly error: string | null }) {
  const hidden = useHidesAnswers();
  let body;
  if (error !== null) body = <p className="error">Cannot preview the resend: {error}</p>;
  else if (!preview) body = <p className="muted">Checking the resend…</p>;
  else {
    body = (
      <>
        {hidden ? (
          <HiddenInTraining what="Would ERP post it twice" />
        ) : (
          <p className={preview.wouldDoublePost ? 'xq-verdict xq-verdict-warn' : 'xq-verdict xq-verdict-ok'}>
            {preview.wouldDoublePost && <strong>Warning: </strong>}
            {preview.verdict}
          </p>
        )}
        {preview.problems.length > 0 && (
          <ul className="problems" aria-label="Problems with the changes">
            {preview.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
      </>
    );
  }
  return (
    <div className="xq-preview" aria-live="polite">
      {body}
    </div>
  );
}
