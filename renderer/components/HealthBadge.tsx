/** A line's health: the colour dot (coloured by the enclosing `tile-<health>`) and the same state in words. */
export function HealthBadge({ label }: { readonly label: string }) {
  return (
    <p className="tile-state">
      <span className="dot" aria-hidden="true" />
      {label}
    </p>
  );
}
