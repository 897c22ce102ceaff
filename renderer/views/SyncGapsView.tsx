/** Placeholder until the view lands (being built now). */
export function SyncGapsView() {
  return (
    <div className="view">
      <h1>SyncGapsView</h1>
    </div>
  );
}
