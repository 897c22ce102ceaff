/** Placeholder until the view lands (being built now). */
export function Lineage(_props: { readonly arg?: string | undefined }) {
  return (
    <div className="view">
      <h1>Lineage</h1>
    </div>
  );
}
