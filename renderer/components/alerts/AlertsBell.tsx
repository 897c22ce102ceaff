import { useEffect, useId, useState } from 'react';
import { useApi } from '../../api/api-context.js';
import { ipcBridge } from '../../api/ipc.js';
import { allowNotifications, markAlertsSeen, setAlertSettings, startAlerts, useAlerts } from '../../alerts/alerts-store.js';
import { ALERT_KINDS, type AlertKind } from '../../alerts/detect.js';
import type { NotificationAccess } from '../../alerts/notify.js';
import { alertsBridgeOf } from '../../alerts/outgoing.js';
import { errorMessage } from '../../format.js';
import './alerts.css';
import { useDisclosure } from '../use-disclosure.js';

const KIND_LABEL: Record<AlertKind, string> = {
  gap: 'New sync gaps',
  'dead-letter': 'New dead letters',
  'broker-lost': 'Lost brokers',
  journal: 'Journal problems',
};

const ACCESS_NOTE: Record<NotificationAccess, string> = {
  desktop: 'Notifications come from the desktop app.',
  granted: 'This browser shows the notifications.',
  default: 'This browser shows notifications only once you allow them.',
  denied: 'This browser blocks notifications from this page: allow them in its site settings.',
  unsupported: 'This browser cannot show notifications: the bell lists every alert.',
};

const clock = (ms: number): string => new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/**
 * The bell in the header: how many alerts came since the user last looked, a list of the recent ones
 * (each opens its item) and the alert preferences — which kinds notify, quiet mode, and in the browser
 * host the "Allow notifications" button (the browser is never asked on load). Mounting it starts
 * watching the frames for alerts (renderer/alerts/alerts-store.ts). A disclosure like Preferences.
 */
export function AlertsBell() {
  const api = useApi();
  const { recent, unseen, settings, access } = useAlerts();
  const { open, setOpen, trigger, rootProps } = useDisclosure();
  const [error, setError] = useState<string | null>(null);
  const panelId = useId();
  const titleId = useId();
  const listId = useId();

  useEffect(() => startAlerts(api, alertsBridgeOf(ipcBridge())), [api]);

  // the list open is the user looking: new alerts while it stays open count as seen too
  useEffect(() => {
    if (open && unseen > 0) markAlertsSeen();
  }, [open, unseen]);


  const toggleKind = (kind: AlertKind, on: boolean): void => setAlertSettings({ ...settings, kinds: { ...settings.kinds, [kind]: on } });

  return (
    <div {...rootProps} className="alerts">
      <button
        ref={trigger}
        type="button"
        className={`alerts-trigger${unseen > 0 ? ' alerts-unseen' : ''}`}
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={unseen > 0 ? `Alerts, ${unseen} new` : 'Alerts'}
        title={settings.quiet ? 'Alerts (quiet mode: no notifications)' : 'Alerts'}
        onClick={() => setOpen(!open)}
      >
        <svg className="alerts-bell" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
          <path d="M8 1.5a1 1 0 0 1 1 1v.6a4.5 4.5 0 0 1 3.5 4.4v2.8l1.2 1.6a.6.6 0 0 1-.5 1H2.8a.6.6 0 0 1-.5-1l1.2-1.6V7.5A4.5 4.5 0 0 1 7 3.1v-.6a1 1 0 0 1 1-1Zm-1.8 12h3.6a1.8 1.8 0 0 1-3.6 0Z" />
        </svg>
        {settings.quiet && <span className="alerts-quiet-mark" aria-hidden="true">z</span>}
        {unseen > 0 && (
          <span className="alerts-count" aria-hidden="true">
            {unseen > 99 ? '99+' : unseen}
          </span>
        )}
      </button>
      <div id={panelId} className="panel alerts-panel" role="group" aria-labelledby={titleId} hidden={!open}>
        <p id={titleId} className="alerts-title">
          Alerts
        </p>
        {recent.length === 0 ? (
          <p className="muted">Nothing new yet. New sync gaps, dead letters, lost brokers and journal problems appear here; replays raise none.</p>
        ) : (
          <ul id={listId} className="alerts-list" aria-label="Recent alerts">
            {recent.map((a) => (
              <li key={`${a.session ?? ''}:${a.key}`} className={`alerts-item alerts-${a.kind}`}>
                <a href={a.href} onClick={() => setOpen(false)}>
                  <span className="alerts-item-title">{a.title}</span>
                  <span className="alerts-item-body">{a.body}</span>
                </a>
                <time className="muted" dateTime={new Date(a.at).toISOString()}>
                  {clock(a.at)}
                </time>
              </li>
            ))}
          </ul>
        )}
        <fieldset className="alerts-settings">
          <legend>Alert me of</legend>
          {ALERT_KINDS.map((kind) => (
            <label key={kind} className="alerts-choice">
              <input type="checkbox" checked={settings.kinds[kind]} onChange={(e) => toggleKind(kind, e.target.checked)} />
              {KIND_LABEL[kind]}
            </label>
          ))}
          <label className="alerts-choice alerts-quiet">
            <input type="checkbox" checked={settings.quiet} onChange={(e) => setAlertSettings({ ...settings, quiet: e.target.checked })} />
            Quiet mode
            <span className="muted alerts-hint">no notifications; the bell still lists and counts</span>
          </label>
        </fieldset>
        <p className="muted alerts-where">
          {ACCESS_NOTE[access]}
          {access === 'default' && (
            <>
              {' '}
              <button type="button" onClick={() => void allowNotifications().catch((err: unknown) => setError(errorMessage(err)))}>
                Allow notifications
              </button>
            </>
          )}
        </p>
        <p className="muted alerts-where">Kept in this browser for now.</p>
        {error !== null && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
