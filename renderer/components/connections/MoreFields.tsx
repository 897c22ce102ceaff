import type { ConnectionDraft } from './connection-draft.js';

type Props = {
  readonly draft: ConnectionDraft;
  /** prefix of the inputs' ids */
  readonly id: string;
  readonly set: (patch: Partial<ConnectionDraft>) => void;
};

/**
 * The settings most connections leave alone — a fixed client id, TLS files, the plant's time zone —
 * folded away, and open when one is set (a profile that has them).
 */
export function MoreFields({ draft, id, set }: Props) {
  const f = (name: string): string => `${id}-${name}`;
  const used = [draft.clientId, draft.tlsCa, draft.tlsCert, draft.tlsKey, draft.timeZone].some((v) => v.trim() !== '');
  const extra = Object.keys(draft.extra);
  return (
    <details className="cx-more" open={used}>
      <summary>Client id, TLS files, plant time zone</summary>
      <div className="cx-grid">
        <div className="cx-field">
          <label htmlFor={f('client')}>
            Client id <span className="muted">(optional)</span>
          </label>
          <input id={f('client')} type="text" spellCheck={false} autoComplete="off" aria-describedby={f('client-hint')} value={draft.clientId} onChange={(e) => set({ clientId: e.target.value })} />
          <span id={f('client-hint')} className="muted cx-hint">
            default: one Linesight keeps for this connection’s name
          </span>
        </div>
        <div className="cx-field">
          <label htmlFor={f('zone')}>
            Plant time zone <span className="muted">(optional)</span>
          </label>
          <input id={f('zone')} type="text" spellCheck={false} placeholder="Europe/Berlin" aria-describedby={f('zone-hint')} value={draft.timeZone} onChange={(e) => set({ timeZone: e.target.value })} />
          <span id={f('zone-hint')} className="muted cx-hint">
            kept with the profile, for the plant time of its lines
          </span>
        </div>
        {(['tlsCa', 'tlsCert', 'tlsKey'] as const).map((k) => (
          <div className="cx-field" key={k}>
            <label htmlFor={f(k)}>{TLS_LABELS[k]}</label>
            <input id={f(k)} type="text" spellCheck={false} placeholder={TLS_PLACEHOLDERS[k]} value={draft[k]} onChange={(e) => set({ [k]: e.target.value })} />
          </div>
        ))}
      </div>
      <p className="muted cx-hint">
        TLS files are PEM files on the computer running Linesight’s engine, read when connecting (mqtts:// or wss:// only).
        {extra.length > 0 && ` Also kept from the profile: ${extra.join(', ')}.`}
      </p>
    </details>
  );
}

const TLS_LABELS = { tlsCa: 'TLS CA file (optional)', tlsCert: 'Client certificate file (optional)', tlsKey: 'Client key file (optional)' } as const;
const TLS_PLACEHOLDERS = { tlsCa: '/etc/linesight/ca.pem', tlsCert: '/etc/linesight/client.pem', tlsKey: '/etc/linesight/client.key' } as const;
