import type { OperatorResult } from '../../../engine/contract/index.js';
import { lineageHref, routeHref } from '../../router.js';
import { plural } from '../exceptions/operator-result.js';

/** Message ids listed in full; a burst of 100 lists the first few. */
const MAX_IDS = 10;

type Props = {
  readonly result: OperatorResult;
  readonly order: string;
  readonly businesskey: string;
  /** connected mode: the watched broker connection and topic it was published to */
  readonly published?: { readonly connection: string; readonly topic: string } | undefined;
};

/** What the injection sent, where to watch it, and what the integration layer should do with it. */
export function InjectResult({ result, order, businesskey, published }: Props) {
  const ids = result.messages;
  return (
    <div className="inj-result">
      <p>
        <strong>Sent {plural(ids.length, 'message')}</strong> with business key <code>{businesskey}</code>
        {ids.length > 0 && ': '}
        {ids.slice(0, MAX_IDS).map((id, i) => (
          <span key={id}>
            {i > 0 && ', '}
            <code>{id}</code>
          </span>
        ))}
        {ids.length > MAX_IDS && ` and ${ids.length - MAX_IDS} more`}.
      </p>
      {result.refused.length > 0 && (
        <p className="error">
          Refused: {result.refused.map((r) => `${r.messageId} (${r.reason})`).join('; ')}
        </p>
      )}
      {published ? (
        <p>
          Queued for <strong>{published.connection}</strong> on <code>{published.topic}</code>: it is published once the broker is
          reachable, and the connection’s “delivered” count goes up when the broker acknowledges it (see{' '}
          <a href={routeHref('connections')}>Connections</a>). What the plant’s middleware does with it shows in what the session
          receives back.
        </p>
      ) : (
        <p>
          What to expect: if ERP has already been sent this business key and idempotency is on, the integration layer
          suppresses the copy (<code>int.message.duplicate-suppressed</code>); with idempotency off, ERP may post it twice.
        </p>
      )}
      <p>
        <a href={lineageHref(order)}>Follow order {order} in the lineage view</a>
      </p>
    </div>
  );
}
