import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { ReasonField } from '../components/ReasonField.js';
import type { AnyEvent, EventType, OperatorResult, ValidateResult } from '../../engine/contract/index.js';
import { useApi } from '../api/api-context.js';
import { ActingAs, useOperatorName } from '../components/ActingAs.js';
import { EventForm } from '../components/injector/EventForm.js';
import { InjectResult } from '../components/injector/InjectResult.js';
import { liveTarget, publishingOf } from '../components/injector/live-target.js';
import { LiveTargetFields } from '../components/injector/LiveTargetFields.js';
import { blankForm, draftFromForm, formFromEvent, type DraftForm } from '../components/injector/payload-form.js';
import { RecentEventPicker } from '../components/injector/RecentEventPicker.js';
import { DEFAULT_OPTIONS, parseSendOptions, type SendOptionsForm } from '../components/injector/send-options.js';
import { SendOptionsFields } from '../components/injector/SendOptionsFields.js';
import { useDebounced } from '../components/injector/use-debounced.js';
import { useJournaledEvent } from '../components/injector/use-journaled-event.js';
import { useTemplates } from '../components/injector/use-templates.js';
import { WatchingNote } from '../components/simulator/WatchPanel.js';
import { errorMessage } from '../format.js';
import { routeHref } from '../router.js';
import { selectIsWatching, selectWatching } from '../store/selectors.js';
import { useStore, type Store } from '../store/store.js';
import './exceptions.css';
import './injector.css';

/** Wall ms the form must rest before the draft is validated again. */
const VALIDATE_DEBOUNCE_MS = 300;

/** Where the form's content came from, recorded with the injection (`template`). */
type Source = { readonly kind: 'template' } | { readonly kind: 'event'; readonly event: AnyEvent };

type Checked = { readonly key: string; readonly result: ValidateResult } | { readonly key: string; readonly error: string };

type Sent = {
  readonly result: OperatorResult;
  readonly order: string;
  readonly businesskey: string;
  /** connected mode: where it was published */
  readonly published?: { readonly connection: string; readonly topic: string };
};

/** Connected mode sends copies back to back: the simulator's spacing and delay do not apply. */
const BACK_TO_BACK = { spacingMs: '0', delayMs: '0' } as const;

/**
 * The event injector: compose an MES, WMS or QMS message (or start from a journaled one), choose
 * how many copies and when, and send it into the integration layer.
 */
export function Injector({ arg }: { readonly arg?: string | undefined }) {
  const api = useApi();
  const { templates, error: templatesError } = useTemplates();
  const journaled = useJournaledEvent(arg);
  const operator = useOperatorName();
  const watching = useStore(selectIsWatching);
  const connections = useStore(selectWatching);
  const publishing = useMemo(() => publishingOf(connections), [connections]);
  const connected = watching && publishing.length > 0;
  const [connection, setConnection] = useState('');
  const [lineText, setLineText] = useState('');
  const [form, setForm] = useState<DraftForm | null>(null);
  const [source, setSource] = useState<Source>({ kind: 'template' });
  const [options, setOptions] = useState<SendOptionsForm>(DEFAULT_OPTIONS);
  const [why, setWhy] = useState('');
  const [checked, setChecked] = useState<Checked | null>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<Sent | null>(null);
  const [sendError, setSendError] = useState<string | null>(null);
  // order ids for suggestions: a snapshot, the frame's order list changes ten times a second
  const [orders] = useState(() => (useStore.getState().frame?.orders ?? []).map((o) => o.order));
  const titleId = useId();

  const injectable = useMemo(() => new Set((templates ?? []).map((t) => t.type)), [templates]);
  const template = templates?.find((t) => t.type === form?.type);
  const fromUnknownType = journaled.state === 'found' && templates !== null && !injectable.has(journaled.event.type);

  const startFrom = (event: AnyEvent): void => {
    const t = templates?.find((x) => x.type === event.type);
    if (!t) return;
    setForm(formFromEvent(event, t.fields));
    setSource({ kind: 'event', event });
    setSent(null);
  };

  // the first form: the journaled event of the route once it is read, else a blank first template
  // (chosen while rendering: React renders again at once, before anything is shown)
  if (templates && !form) {
    if (journaled.state === 'found' && !fromUnknownType) startFrom(journaled.event);
    else if (journaled.state === 'none' || journaled.state === 'failed' || fromUnknownType) {
      const first = templates[0];
      if (first) setForm(blankForm(first.type, first.fields));
    }
  }

  const draft = useMemo(() => (form && template ? draftFromForm(form, template.fields) : null), [form, template]);
  const draftKey = draft ? JSON.stringify(draft) : '';
  const settledKey = useDebounced(draftKey, VALIDATE_DEBOUNCE_MS);

  useEffect(() => {
    if (settledKey === '') return;
    let live = true;
    api.queries['events.validate']({ event: JSON.parse(settledKey) as NonNullable<typeof draft> }).then(
      (result) => live && setChecked({ key: settledKey, result }),
      (err: unknown) => live && setChecked({ key: settledKey, error: errorMessage(err) }),
    );
    return () => {
      live = false;
    };
  }, [api, settledKey]);

  // connected mode: where the event goes, and whether the connection's allowlist lets it through
  const order = draft?.order ?? '';
  const knownLine = useStore(useCallback((s: Store) => lineOfOrder(s, order), [order]));
  const target = liveTarget({
    publishing,
    connection,
    lineText,
    order,
    knownLine,
    system: template?.system ?? null,
    type: form?.type ?? '',
  });

  const current = checked?.key === draftKey ? checked : null;
  const validation = current && 'result' in current ? current.result : null;
  const shownOptions = connected ? { ...options, ...BACK_TO_BACK } : options;
  const sendOptions = parseSendOptions(shownOptions);
  const problems = [...(validation?.problems ?? []), ...sendOptions.problems];
  const reason = why.trim();
  const targetOk = !watching || (connected && target.problem === null && target.connection !== null);
  const canSend = draft !== null && validation?.ok === true && sendOptions.options !== null && reason !== '' && !busy && targetOk;

  const send = (): void => {
    if (!draft || !sendOptions.options) return;
    setBusy(true);
    setSendError(null);
    const { who } = operator;
    const to = connected && target.connection !== null && target.topic !== null ? { connection: target.connection.name, topic: target.topic } : undefined;
    api.commands['operator.inject']({
      event: draft,
      ...sendOptions.options,
      template: source.kind === 'event' ? source.event.id : draft.type,
      why: reason,
      ...(who ? { who } : {}),
      ...(to ? { connection: to.connection, ...(target.line !== undefined ? { line: target.line } : {}) } : {}),
    })
      .then(
        (result) => setSent({ result, order: draft.order, businesskey: draft.businesskey, ...(to ? { published: to } : {}) }),
        (err: unknown) => setSendError(`Nothing was sent: ${errorMessage(err)}`),
      )
      .finally(() => setBusy(false));
  };

  return (
    <div className="view injector-view">
      <h1>Event injector</h1>
      {watching && !connected && (
        <WatchingNote>
          Watching a live broker: publishing test events to it is not enabled (it needs an allowed topic prefix). To enable it, give
          the connection a publish allowlist under <a href={routeHref('connections')}>Connections</a> (“Allow publishing test
          events”) and start watching again.
        </WatchingNote>
      )}
      {connected ? (
        <p className="muted">
          Connected mode: the event is published to the watched broker as the order’s line would send it (new id, origin
          “injected”), only under the topic prefixes the connection allows. The plant’s middleware, not Linesight, decides what
          happens to it.
        </p>
      ) : (
        <p className="muted">
          Injected events get a new id, keep the business key you give them and carry origin “injected”, so the integration
          layer’s controls (idempotency, resequencing, gates) get the chance to catch them.
        </p>
      )}
      <ActingAs name={operator.name} fallback={operator.fallback} onChange={operator.setName} />
      <section className="panel" aria-labelledby={titleId}>
        <h2 id={titleId}>Compose</h2>
        {templatesError && <p className="error">Cannot read the event templates: {templatesError}</p>}
        {journaled.state === 'loading' && <p className="muted">Reading event {arg}…</p>}
        {journaled.state === 'failed' && <p className="error">Cannot start from event {arg}: {journaled.message}</p>}
        {fromUnknownType && journaled.state === 'found' && (
          <p className="error">
            Event {arg} is a {journaled.event.type}, which cannot be injected: only MES, WMS and QMS messages can (ERP
            postings and integration reports are outcomes).
          </p>
        )}
        {templates && <RecentEventPicker injectable={injectable} onPick={startFrom} />}
        {source.kind === 'event' && (
          <p className="inj-source">
            Starting from event <code>{source.event.id}</code> ({source.event.type}, origin {source.event.origin}); its business
            key is kept.
          </p>
        )}
        {templates && form && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (canSend) send();
            }}
          >
            <EventForm
              templates={templates}
              form={form}
              orders={orders}
              onType={(type: EventType) => {
                const t = templates.find((x) => x.type === type);
                if (t) setForm({ ...blankForm(type, t.fields), order: form.order, businesskey: form.businesskey, lot: form.lot });
              }}
              onChange={setForm}
            />
            {connected && (
              <LiveTargetFields
                publishing={publishing}
                connection={connection}
                lineText={lineText}
                knownLine={knownLine}
                target={target}
                onConnection={setConnection}
                onLine={setLineText}
              />
            )}
            <SendOptionsFields options={shownOptions} connected={connected} onChange={setOptions} />
            <div className="inj-check" aria-live="polite">
              {current === null ? (
                <p className="muted">Checking the event…</p>
              ) : 'error' in current ? (
                <p className="error">Cannot check the event: {current.error}</p>
              ) : problems.length === 0 && connected && target.problem !== null ? (
                <p className="muted">The event is valid, but it cannot go yet: see “Where it goes” above.</p>
              ) : problems.length === 0 ? (
                <p className="inj-ok">The event is valid.</p>
              ) : (
                <ul className="problems" aria-label="Problems with the event">
                  {problems.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              )}
            </div>
            <div className="controls">
              <ReasonField value={why} onChange={setWhy} placeholder="why — journaled with the injection" />
              <button type="submit" disabled={!canSend}>
                {busy ? 'Sending…' : 'Send'}
              </button>
            </div>
          </form>
        )}
      </section>
      {/* always rendered: a live region must exist before its content changes to be announced */}
      <section className={sent || sendError ? 'panel' : undefined} aria-label="Result" aria-live="polite">
        {sendError && <p className="error">{sendError}</p>}
        {sent && <InjectResult result={sent.result} order={sent.order} businesskey={sent.businesskey} published={sent.published} />}
      </section>
    </div>
  );
}

/** `PLANT/LINE` of an order the monitor holds (a string, so the injector re-renders only when it changes). */
function lineOfOrder(s: Store, order: string): string | null {
  if (order.trim() === '') return null;
  const o = s.frame?.orders.find((x) => x.order === order.trim());
  return o ? `${o.plant}/${o.line}` : null;
}
