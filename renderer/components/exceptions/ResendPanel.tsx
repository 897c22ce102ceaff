import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { ReasonField } from '../ReasonField.js';
import type { ExceptionView, OperatorResult, ResendPreview } from '../../../engine/contract/index.js';
import { useApi } from '../../api/api-context.js';
import { errorMessage } from '../../format.js';
import { useTimeDisplay } from '../../time/display.js';
import { instantsInText } from '../../time/instants-in-text.js';
import { PayloadFields } from '../injector/PayloadFields.js';
import { changedFields, inferFields, valuesFromData, type FieldValue } from '../injector/payload-form.js';
import { useDebounced } from '../injector/use-debounced.js';
import { useTemplates } from '../injector/use-templates.js';
import { useHidesAnswers } from '../training/HiddenInTraining.js';
import { ResendVerdict } from './ResendVerdict.js';

/** Wall ms the form must rest before the preview is asked again. */
const PREVIEW_DEBOUNCE_MS = 300;

type Props = {
  readonly exception: ExceptionView;
  readonly who: string | undefined;
  readonly onSent: (result: OperatorResult) => void;
  readonly onFailed: (message: string) => void;
  readonly onClose: () => void;
};

/** A preview and the changes it was asked for, so a stale answer is shown as "checking…". */
type Checked = { readonly key: string; readonly preview: ResendPreview } | { readonly key: string; readonly error: string };

/**
 * "Edit and resend": the dead letter's payload as a form, the engine's live verdict on what the
 * corrected copy would do (would ERP post the business key twice?), and Send with a reason.
 */
export function ResendPanel({ exception, who, onSent, onFailed, onClose }: Props) {
  const api = useApi();
  const time = useTimeDisplay(exception.plant);
  // in trainee mode the button must not tell either: "Send anyway" would say ERP posts it twice
  const hidesVerdict = useHidesAnswers();
  const { templates, error: templatesError } = useTemplates();
  const { messageId } = exception;
  const [edits, setEdits] = useState<Readonly<Record<string, FieldValue>>>({});
  const [checked, setChecked] = useState<Checked | null>(null);
  const [why, setWhy] = useState('');
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const titleId = useId();

  // the first answer (no changes) carries the original message; later ones keep it
  const [original, setOriginal] = useState<ResendPreview['original'] | null>(null);
  const data = original ? (original.data as Readonly<Record<string, unknown>>) : null;
  const fields = useMemo(() => {
    if (!original || !data) return null;
    const template = templates?.find((t) => t.type === original.type);
    if (template) return template.fields;
    // no template (or none could be read): edit what the payload holds
    return templates || templatesError ? inferFields(data) : null;
  }, [original, data, templates, templatesError]);
  const values = useMemo(() => (fields && data ? { ...valuesFromData(fields, data), ...edits } : null), [fields, data, edits]);
  const changes = useMemo(() => (fields && values && data ? changedFields(fields, values, data) : {}), [fields, values, data]);
  const changesKey = JSON.stringify(changes);
  const settledKey = useDebounced(changesKey, PREVIEW_DEBOUNCE_MS);

  useEffect(() => heading.current?.focus(), [messageId]);

  useEffect(() => {
    let live = true;
    const changes = JSON.parse(settledKey) as Record<string, unknown>;
    // the contract types the preview's arguments as ResendArgs, whose `why` is required; a preview journals nothing
    api.queries['exceptions.preview']({ messageId, changes }).then(
      (preview) => {
        if (!live) return;
        setOriginal((o) => o ?? preview.original);
        setChecked({ key: settledKey, preview });
      },
      (err: unknown) => live && setChecked({ key: settledKey, error: errorMessage(err) }),
    );
    return () => {
      live = false;
    };
  }, [api, messageId, settledKey]);

  const current = checked?.key === changesKey ? checked : null;
  const preview = current && 'preview' in current ? current.preview : null;
  const reason = why.trim();
  const canSend = preview !== null && preview.problems.length === 0 && reason !== '' && !busy;

  const send = (): void => {
    setBusy(true);
    api.commands['exceptions.resend']({ messageId, changes, why: reason, ...(who ? { who } : {}) }).then(
      (result) => onSent(result),
      (err: unknown) => {
        setBusy(false);
        onFailed(`Resend of ${messageId} failed: ${errorMessage(err)}`);
      },
    );
  };

  return (
    <section className="panel xq-resend" aria-labelledby={titleId} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="xq-resend-head">
        <h2 id={titleId} ref={heading} tabIndex={-1}>
          Edit and resend {exception.messageType}
        </h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <dl className="status">
        <dt>Message</dt>
        <dd>{messageId}</dd>
        <dt>Business key</dt>
        <dd>{exception.businesskey}</dd>
        <dt>Order</dt>
        <dd>{exception.order}</dd>
        <dt>Dead-lettered because</dt>
        <dd>{instantsInText(exception.reason, (ms) => time.at(ms))}</dd>
      </dl>
      {!fields || !values ? (
        <p className="muted">{checked && 'error' in checked ? `Cannot read the message: ${checked.error}` : 'Reading the message…'}</p>
      ) : (
        <form
          className="xq-resend-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (canSend) send();
          }}
        >
          <fieldset>
            <legend>Payload (data fields)</legend>
            <PayloadFields
              fields={fields}
              values={values}
              changed={new Set(Object.keys(changes))}
              disabled={busy}
              onChange={(name, v) => setEdits((cur) => ({ ...cur, [name]: v }))}
            />
          </fieldset>
          <ResendVerdict preview={preview} error={current && 'error' in current ? current.error : null} />
          <div className="controls">
            <ReasonField value={why} onChange={setWhy} placeholder="why — e.g. corrected the unit to the ERP base unit" />
            <button type="submit" disabled={!canSend}>
              {preview?.wouldDoublePost && !hidesVerdict ? 'Send anyway' : 'Send corrected message'}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
