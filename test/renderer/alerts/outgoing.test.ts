import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../renderer/alerts/detect.js';
import { alertsBridgeOf, MAX_NOTIFICATIONS_AT_ONCE, notificationsFor } from '../../../renderer/alerts/outgoing.js';
import { ALERTS_KEY, DEFAULT_ALERT_SETTINGS, loadAlertSettings, parseAlertSettings, saveAlertSettings } from '../../../renderer/alerts/settings.js';

const alert = (i: number, kind: Alert['kind'] = 'gap'): Alert => ({ kind, key: `${kind}:${i}`, title: `T${i}`, body: `B${i}`, href: `#/lineage/${i}`, session: 1 });

describe('alert preferences', () => {
  it('default to every kind on and quiet mode off; unreadable or partial JSON keeps the defaults', () => {
    expect(parseAlertSettings(null)).toEqual(DEFAULT_ALERT_SETTINGS);
    expect(parseAlertSettings('{oops')).toEqual(DEFAULT_ALERT_SETTINGS);
    expect(parseAlertSettings('{"kinds":{"gap":false,"journal":"no"},"quiet":true}')).toEqual({
      kinds: { gap: false, 'dead-letter': true, 'broker-lost': true, journal: true },
      quiet: true,
    });
  });

  it('round-trip through storage under linesight.alerts', () => {
    const kept = new Map<string, string>();
    const storage = { getItem: (k: string) => kept.get(k) ?? null, setItem: (k: string, v: string) => void kept.set(k, v) };
    const settings = { kinds: { ...DEFAULT_ALERT_SETTINGS.kinds, 'dead-letter': false }, quiet: true };
    saveAlertSettings(storage, settings);
    expect([...kept.keys()]).toEqual([ALERTS_KEY]);
    expect(loadAlertSettings(storage)).toEqual(settings);
  });
});

describe('notifications for a frame’s alerts', () => {
  it('raise the kinds switched on, none in quiet mode', () => {
    const alerts = [alert(1), alert(2, 'dead-letter')];
    expect(notificationsFor(alerts, DEFAULT_ALERT_SETTINGS).map((n) => n.tag)).toEqual(['gap:1', 'dead-letter:2']);
    expect(notificationsFor(alerts, { ...DEFAULT_ALERT_SETTINGS, kinds: { ...DEFAULT_ALERT_SETTINGS.kinds, gap: false } }).map((n) => n.tag)).toEqual(['dead-letter:2']);
    expect(notificationsFor(alerts, { ...DEFAULT_ALERT_SETTINGS, quiet: true })).toEqual([]);
  });

  it('sum a flood up in one "N more alerts" after the first few', () => {
    const alerts = Array.from({ length: 10 }, (_, i) => alert(i));
    const raised = notificationsFor(alerts, DEFAULT_ALERT_SETTINGS);
    expect(raised).toHaveLength(MAX_NOTIFICATIONS_AT_ONCE);
    expect(raised.at(-1)).toMatchObject({ kind: 'gap', title: `${10 - MAX_NOTIFICATIONS_AT_ONCE + 1} more alerts`, href: '#/gaps' });
  });

  it('find the desktop app’s functions only when all three are there', () => {
    const fn = () => Promise.resolve();
    expect(alertsBridgeOf(undefined)).toBeUndefined();
    expect(alertsBridgeOf({ call: fn, onFrame: () => fn })).toBeUndefined();
    const full = { call: fn, onFrame: () => fn, notify: fn, setBadgeCount: fn, onNotificationClick: () => fn };
    expect(alertsBridgeOf(full)).toBe(full);
  });
});
