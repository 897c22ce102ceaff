/**
 * What is new between two frames, as alerts: a sync gap that opened, a message dead-lettered, a
 * broker connection that dropped, the journal refusing writes or found damaged. Pure: the caller
 * keeps the previous frame and the keys already seen, and says what kind of session the frame is of.
 *
 * Each item alerts once per session: a key once seen (alerted, or present when the session was first
 * seen) never alerts again, so a gap that stays open, or closes and opens again, is not news twice.
 * Nothing is news on the first frame of a session or after (re)connecting — what was there then is
 * the state found, not a change — nor in a replay or an import, which only retell a recorded session.
 */
import type { AnyEvent, ConnectionState, ConnectionStatus, Frame, Gap, JournalState } from '../../engine/contract/index.js';

export const ALERT_KINDS = ['gap', 'dead-letter', 'broker-lost', 'journal'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** One alert: what it is about, where clicking it leads (a route of renderer/router.ts). */
export type Alert = {
  readonly kind: AlertKind;
  /** unique per item within its session: `gap:<gap id>`, `dead-letter:<message id>`, `broker-lost:<name>:<drop ms>`, `journal:<state>:<since>` */
  readonly key: string;
  readonly title: string;
  readonly body: string;
  /** `#/…`, percent-encoded so it matches `^#/[A-Za-z0-9/_%.-]*$` (what the desktop app accepts) */
  readonly href: string;
  readonly session: number | null;
};

/** What a session is, for alerting: a replay or an import raises none; `unknown` (not yet asked) raises none either. */
export type SessionKind = 'simulation' | 'live' | 'replay' | 'import' | 'unknown';

export type Detected = {
  readonly alerts: readonly Alert[];
  /** the keys seen so far in `next`'s session (hand it back with the next frame) */
  readonly seen: ReadonlySet<string>;
};

/** States in which a connection that was up counts as lost. */
const DOWN: ReadonlySet<ConnectionState> = new Set<ConnectionState>(['reconnecting', 'offline', 'in-use']);

/** `encodeURIComponent` plus the few characters it leaves that a desktop notification's href may not hold. */
const encodePart = (s: string): string => encodeURIComponent(s).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Where a gap opens: its order's lineage (the router has no address per gap; the lineage shows the order end to end). */
export const gapHref = (gap: Pick<Gap, 'order'>): string => `#/lineage/${encodePart(gap.order)}`;
export const GAPS_HREF = '#/gaps';
export const EXCEPTIONS_HREF = '#/exceptions';
export const CONNECTIONS_HREF = '#/connections';
export const JOURNAL_HREF = '#/sessions';

const gapKey = (g: Gap): string => `gap:${g.id}`;

type DeadLettered = Extract<AnyEvent, { type: 'int.message.dead-lettered' }>;
const deadLettersIn = (frame: Frame): DeadLettered[] => frame.tail.filter((e): e is DeadLettered => e.type === 'int.message.dead-lettered');
const deadLetterKey = (e: DeadLettered): string => `dead-letter:${e.data.messageId}`;

const outageKey = (c: ConnectionStatus, from: number): string => `broker-lost:${c.name}:${from}`;
const hasOpenOutage = (c: ConnectionStatus): boolean => c.outages.some((o) => o.to === null);

type Problem = Exclude<JournalState, { readonly state: 'ok' }>;
const journalKey = (p: Problem): string => `journal:${p.state}:${p.since}`;

/** The journal's write problems a frame shows: the simulation's, and each watched connection's. */
function journalProblems(frame: Frame): Problem[] {
  const out: Problem[] = [];
  if (frame.journal?.writes) out.push(frame.journal.writes);
  for (const c of frame.watching ?? []) if (c.journal && c.journal.state !== 'ok') out.push(c.journal);
  return out;
}

/** Every key a frame shows, alert-worthy or not: what is marked seen. */
function keysOf(frame: Frame): string[] {
  const keys = frame.gaps.map(gapKey);
  for (const e of deadLettersIn(frame)) keys.push(deadLetterKey(e));
  for (const c of frame.watching ?? []) {
    for (const o of c.outages) keys.push(outageKey(c, o.from));
    if (DOWN.has(c.state)) keys.push(outageKey(c, c.since));
  }
  for (const p of journalProblems(frame)) keys.push(journalKey(p));
  if (frame.journal?.integrity === 'damaged') keys.push(`journal:damaged:${frame.journal.path}`);
  return keys;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
/** Notification text stays short: the OS cuts it anyway, and the desktop app refuses longer. */
const clip = (s: string, max = 200): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

function gapAlerts(prev: Frame, next: Frame): Alert[] {
  const out: Alert[] = [];
  const before = new Set(prev.gaps.map((g) => g.id));
  // a frame carries the oldest ≤ 100 open gaps: when the previous one held them all, a gap listed now
  // and not then opened in between; otherwise it may be an older one come into the list
  const prevComplete = prev.gaps.length >= prev.gapsOpen;
  const listed = next.gaps.filter((g) => !before.has(g.id));
  if (prevComplete) {
    for (const g of listed) {
      out.push({
        kind: 'gap',
        key: gapKey(g),
        title: clip(`Sync gap: ${g.kind} on ${g.plant}/${g.line}`, 120),
        body: clip(`Order ${g.order}: ${g.summary}`),
        href: gapHref(g),
        session: next.session,
      });
    }
  }
  // gaps opened that no listed id accounts for (beyond the frame's 100, or opened and closed between frames)
  const opened = next.gapsOpen + next.gapsClosed - (prev.gapsOpen + prev.gapsClosed);
  const more = opened - (prevComplete ? listed.length : 0);
  if (more > 0) {
    out.push({
      kind: 'gap',
      key: `gaps-more:${next.gapsOpen + next.gapsClosed}`,
      title: `${plural(more, 'more sync gap', 'more sync gaps')} opened`,
      body: `${plural(next.gapsOpen, 'gap is', 'gaps are')} open now; the Sync gaps view lists them all.`,
      href: GAPS_HREF,
      session: next.session,
    });
  }
  return out;
}

function deadLetterAlerts(prev: Frame, next: Frame, seen: ReadonlySet<string>): Alert[] {
  const out: Alert[] = [];
  for (const e of deadLettersIn(next)) {
    if (seen.has(deadLetterKey(e))) continue;
    out.push({
      kind: 'dead-letter',
      key: deadLetterKey(e),
      title: clip(`Dead letter: ${e.data.category} on ${e.plant}/${e.line}`, 120),
      body: clip(`${e.data.messageType} ${e.data.messageId}: ${e.data.reason}`),
      href: EXCEPTIONS_HREF,
      session: next.session,
    });
  }
  // the tail holds the last 50 events only: more dead letters than it showed are counted
  const more = next.exceptions.total - prev.exceptions.total - out.length;
  if (more > 0) {
    out.push({
      kind: 'dead-letter',
      key: `dead-letters-more:${next.seq}`,
      title: `${plural(more, 'more dead letter', 'more dead letters')}`,
      body: `${plural(next.exceptions.total, 'message waits', 'messages wait')} in the dead-letter queue.`,
      href: EXCEPTIONS_HREF,
      session: next.session,
    });
  }
  return out;
}

function brokerAlerts(prev: Frame, next: Frame): Alert[] {
  const out: Alert[] = [];
  const before = new Map((prev.watching ?? []).map((c) => [c.name, c] as const));
  for (const c of next.watching ?? []) {
    const alert = (from: number, why: string): Alert => ({
      kind: 'broker-lost',
      key: outageKey(c, from),
      title: clip(`Broker lost: ${c.name}`, 120),
      body: clip(`${c.url} ${c.state === 'in-use' ? 'is in use by another client' : c.state}: ${why}`),
      href: CONNECTIONS_HREF,
      session: next.session,
    });
    for (const o of c.outages) out.push(alert(o.from, o.why));
    // a drop the connection has no outage for (yet): up before, down now
    if (DOWN.has(c.state) && before.get(c.name)?.state === 'connected' && !hasOpenOutage(c)) out.push(alert(c.since, c.lastError ?? 'the connection dropped'));
  }
  return out;
}

function journalAlerts(next: Frame): Alert[] {
  const out: Alert[] = journalProblems(next).map((p) => ({
    kind: 'journal',
    key: journalKey(p),
    title: p.state === 'failed' ? 'Journal failed: recording stopped' : 'Journal refuses writes',
    body: clip(p.reason),
    href: JOURNAL_HREF,
    session: next.session,
  }));
  const health = next.journal;
  if (health?.integrity === 'damaged') {
    out.push({
      kind: 'journal',
      key: `journal:damaged:${health.path}`,
      title: 'Journal damaged',
      body: clip(health.problems?.[0] ?? `the integrity check found ${health.path} damaged`),
      href: JOURNAL_HREF,
      session: next.session,
    });
  }
  return out;
}

/**
 * The alerts `next` raises after `prev` (null: the first frame since connecting), given the keys
 * already `seen` in `prev`'s session and the kind of `next`'s session.
 */
export function detectAlerts(prev: Frame | null, next: Frame, seen: ReadonlySet<string>, kind: SessionKind): Detected {
  const sameSession = prev !== null && prev.session === next.session;
  const known = new Set(sameSession ? seen : []);
  const quiet = !sameSession || next.session === null || (kind !== 'simulation' && kind !== 'live');
  const candidates = quiet ? [] : [...gapAlerts(prev, next), ...deadLetterAlerts(prev, next, known), ...brokerAlerts(prev, next), ...journalAlerts(next)];
  const alerts: Alert[] = [];
  for (const a of candidates) {
    if (known.has(a.key)) continue;
    known.add(a.key);
    alerts.push(a);
  }
  for (const k of keysOf(next)) known.add(k);
  return { alerts, seen: known };
}
