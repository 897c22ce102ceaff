import { useId } from 'react';
import type { ConnectionStatus } from '../../../engine/contract/index.js';
import type { LiveTarget } from './live-target.js';

type Props = {
  readonly publishing: readonly ConnectionStatus[];
  readonly connection: string;
  readonly lineText: string;
  /** `PLANT/LINE` of the order when the monitor has seen it */
  readonly knownLine: string | null;
  readonly target: LiveTarget;
  readonly onConnection: (name: string) => void;
  readonly onLine: (text: string) => void;
};

/** Connected mode: which watched broker the event is published to, on which line, and the topic that makes. */
export function LiveTargetFields({ publishing, connection, lineText, knownLine, target, onConnection, onLine }: Props) {
  const connId = useId();
  const lineId = useId();
  const lineHint = useId();
  const topicId = useId();
  const picked = target.connection;
  return (
    <fieldset className="inj-live">
      <legend>Where it goes</legend>
      <div className="inj-grid">
        <div className="payload-field">
          <label htmlFor={connId}>Publish on connection</label>
          <select id={connId} value={picked?.name ?? connection} onChange={(e) => onConnection(e.target.value)}>
            {picked === null && <option value="">Choose a connection…</option>}
            {publishing.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name}
              </option>
            ))}
          </select>
          {picked?.publish && (
            <span className="muted inj-hint">
              may publish under {picked.publish.allow.join(', ')} ({picked.state})
            </span>
          )}
        </div>
        <div className="payload-field">
          <label htmlFor={lineId}>Line (PLANT/LINE)</label>
          <input
            id={lineId}
            type="text"
            spellCheck={false}
            placeholder={knownLine ?? 'e.g. US01/L2'}
            aria-describedby={lineHint}
            value={lineText}
            onChange={(e) => onLine(e.target.value)}
          />
          <span id={lineHint} className="muted inj-hint">
            {knownLine ? `the order runs on ${knownLine}` : 'needed for an order the broker has not carried yet'}
          </span>
        </div>
      </div>
      <p className="inj-topic" id={topicId} aria-live="polite">
        Topic:{' '}
        {target.topic ? <code>{target.topic}</code> : <span className="muted">not known yet</span>}
      </p>
      {target.problem &&
        (target.blocked === 'refused' ? (
          <p className="error inj-refusal">Cannot send: {target.problem}</p>
        ) : (
          <p className="muted inj-hint">To send: {target.problem}</p>
        ))}
    </fieldset>
  );
}
