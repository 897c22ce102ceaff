import { useId } from 'react';
import type { EventTemplate, EventType } from '../../../engine/contract/index.js';
import { PayloadFields } from './PayloadFields.js';
import { editableFields, type DraftForm, type FieldValue } from './payload-form.js';

type Props = {
  readonly templates: readonly EventTemplate[];
  readonly form: DraftForm;
  /** order ids the session knows, offered as suggestions */
  readonly orders: readonly string[];
  readonly onType: (type: EventType) => void;
  readonly onChange: (form: DraftForm) => void;
};

/** Who sends the type and on which interface, under the type select (the option text stays short). */
const templateHint = (t: EventTemplate): string => `sent by ${t.system.toUpperCase()}${t.interface ? ` on ${t.interface}` : ''}`;

/** The event itself: type, order, business key, lot, and one input per payload field of the type. */
export function EventForm({ templates, form, orders, onType, onChange }: Props) {
  const typeId = useId();
  const typeHint = useId();
  const orderId = useId();
  const ordersId = useId();
  const keyId = useId();
  const keyHint = useId();
  const lotId = useId();
  const template = templates.find((t) => t.type === form.type);
  const set = (patch: Partial<DraftForm>): void => onChange({ ...form, ...patch });
  return (
    <fieldset className="inj-event">
      <legend>Event</legend>
      <div className="inj-grid">
        <div className="payload-field">
          <label htmlFor={typeId}>Event type</label>
          <select id={typeId} value={form.type} aria-describedby={typeHint} onChange={(e) => onType(e.target.value as EventType)}>
            {templates.map((t) => (
              <option key={t.type} value={t.type}>
                {t.type}
              </option>
            ))}
          </select>
          <span id={typeHint} className="muted inj-hint">
            {template ? templateHint(template) : ''}
          </span>
        </div>
        <div className="payload-field">
          <label htmlFor={orderId}>Order</label>
          <input id={orderId} type="text" list={ordersId} value={form.order} onChange={(e) => set({ order: e.target.value })} />
          <datalist id={ordersId}>
            {orders.map((o) => (
              <option key={o} value={o} />
            ))}
          </datalist>
        </div>
        <div className="payload-field">
          <label htmlFor={keyId}>Business key</label>
          <input id={keyId} type="text" aria-describedby={keyHint} value={form.businesskey} onChange={(e) => set({ businesskey: e.target.value })} />
          <span id={keyHint} className="muted inj-hint">
            reuse a sent key to test duplicate handling
          </span>
        </div>
        <div className="payload-field">
          <label htmlFor={lotId}>
            Lot <span className="muted">(optional)</span>
          </label>
          <input id={lotId} type="text" value={form.lot} onChange={(e) => set({ lot: e.target.value })} />
        </div>
      </div>
      {template && (
        <>
          <h3 className="inj-sub">Payload</h3>
          {template.fields.some((f) => f.name === 'order') && <p className="muted inj-hint">data.order follows the order above.</p>}
          <PayloadFields
            fields={editableFields(template.fields)}
            values={form.values}
            onChange={(name: string, v: FieldValue) => set({ values: { ...form.values, [name]: v } })}
          />
        </>
      )}
    </fieldset>
  );
}
