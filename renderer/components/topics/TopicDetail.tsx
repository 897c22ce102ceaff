import { useId, useState } from 'react';
import type { InspectorMessage, InspectorMessages, InspectorOutcome } from '../../../engine/contract/index.js';
import { useShallow } from 'zustand/react/shallow';
import { offerMappingDraft } from '../../store/mapping-draft.js';
import { selectWatching } from '../../store/selectors.js';
import { useStore, type Store } from '../../store/store.js';
import { draftMapping } from './draft-mapping.js';
import { lineDiff, type DiffLine } from './line-diff.js';

const KIND: Record<InspectorMessage['payload']['kind'], string> = { json: 'JSON', sparkplug: 'Sparkplug B (decoded)', text: 'text', hex: 'binary (hex)' };

function Outcome({ outcome }: { readonly outcome: InspectorOutcome }) {
  const rule = outcome.rule === undefined ? null : <div className="tp-rule">Rule: {outcome.rule}</div>;
  switch (outcome.kind) {
    case 'event':
      return (
        <div className="tp-verdict event">
          <strong>Journaled</strong> as {outcome.type}{' '}
          <a href={`#/lineage/${encodeURIComponent(outcome.id)}`} title="open in the lineage">
            {outcome.id}
          </a>
          {outcome.events > 1 && ` and ${outcome.events - 1} more event${outcome.events > 2 ? 's' : ''}`}
          {rule}
        </div>
      );
    case 'quarantined':
      return (
        <div className="tp-verdict quarantined">
          <strong>Quarantined</strong> ({outcome.reason}): {outcome.detail}
          {rule}
        </div>
      );
    case 'ignored':
      return (
        <div className="tp-verdict ignored">
          <strong>Nothing journaled</strong>: {outcome.why}
          {rule}
        </div>
      );
  }
}

function Payload({ title, message, lines }: { readonly title: string; readonly message: InspectorMessage; readonly lines: readonly DiffLine[] }) {
  return (
    <figure className="tp-payload">
      <figcaption>
        {title} · {new Date(message.at).toLocaleTimeString()} · {KIND[message.payload.kind]} · {message.bytes} bytes · QoS {message.qos}
        {message.retain ? ' · retained' : ''}
        {message.payload.truncated ? ' · first 4 KiB' : ''}
      </figcaption>
      <pre aria-label={`${title} payload`}>
        {lines.map((l, i) => (
          <span key={i} className={l.changed ? 'tp-line tp-changed' : 'tp-line'}>
            {l.text}
          </span>
        ))}
      </pre>
    </figure>
  );
}

/** The watched connections that have a mappings file, and so an editor in Connections. */
const selectWithMappings = (s: Store): string[] => selectWatching(s).flatMap((c) => (c.mappings !== null ? [c.name] : []));

/** The selected topic: its latest payload beside the previous one (differing lines marked), what each became, and a mapping to start from. */
export function TopicDetail({ data }: { readonly data: InspectorMessages }) {
  const [draftOpen, setDraftOpen] = useState(false);
  const [copied, setCopied] = useState<string | null>(null);
  const draftId = useId();
  const editable = useStore(useShallow(selectWithMappings)).includes(data.connection);
  const [latest, previous] = data.messages;
  if (latest === undefined) return <p className="empty">No message of {data.topic} is kept any more (evicted to stay within the memory bound).</p>;
  const diff = previous === undefined ? null : lineDiff(previous.payload.text, latest.payload.text);
  const draft = draftMapping(data.topic, latest);
  const ours = data.topic.startsWith('linesight/v1/');
  return (
    <section className="tp-detail" aria-label={`Topic ${data.topic}`}>
      <h2>{data.topic}</h2>
      <p className="tp-sub">
        {data.connection} · {data.count} messages received · {data.messages.length} kept
      </p>
      <Outcome outcome={latest.outcome} />
      <div className="tp-pair">
        <Payload title="Latest" message={latest} lines={diff?.latest ?? latest.payload.text.split('\n').map((text) => ({ text, changed: false }))} />
        {previous !== undefined && diff !== null ? (
          <div className="tp-prev">
            <Payload title="Previous" message={previous} lines={diff.previous} />
            <Outcome outcome={previous.outcome} />
          </div>
        ) : (
          <p className="empty tp-prev">No previous message yet.</p>
        )}
      </div>
      {!ours && (
        <div className="tp-draft">
          <button type="button" onClick={() => setDraftOpen((o) => !o)} aria-expanded={draftOpen} aria-controls={draftId}>
            Create a mapping from this message
          </button>
          {draftOpen && (
            <div id={draftId}>
              {editable ? (
                <p>
                  A draft entry for the mappings file.{' '}
                  <button
                    type="button"
                    onClick={() => {
                      offerMappingDraft({ connection: data.connection, topic: data.topic, text: draft });
                      location.hash = '#/connections';
                    }}
                  >
                    Add to the mappings of {data.connection}
                  </button>{' '}
                  opens it at the end of that connection’s mappings in Connections, not saved: fill in the type, plant, line and fields there, check and save.
                </p>
              ) : (
                <p>
                  A draft entry for a mappings file. {data.connection} was started without one: copy this into a file, name it as the connection’s mappings in{' '}
                  <a href="#/connections">Connections</a> (or its connections file), fill in the type, plant, line and fields, and start the watch again.
                </p>
              )}
              <textarea readOnly aria-label="Draft mapping" value={draft} rows={Math.min(16, draft.split('\n').length)} />
              <button
                type="button"
                onClick={() =>
                  void navigator.clipboard.writeText(draft).then(
                    () => setCopied('Copied.'),
                    () => setCopied('Copying was refused: select the text and copy it.'),
                  )
                }
              >
                Copy
              </button>
              {copied !== null && <span role="status"> {copied}</span>}
            </div>
          )}
        </div>
      )}
    </section>
  );
}
