/** What a view says before there is any session: where to start one, and what the view will then show. */
export function NoSession({ then }: { readonly then?: string }) {
  return (
    <p className="empty">
      No session yet. Start a scenario under <a href="#/simulator">Simulator control</a>
      {then ? `, ${then}` : ''}.
    </p>
  );
}
