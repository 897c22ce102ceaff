/**
 * The "Watch a broker" form as data: what one connection's inputs hold, the checks made before
 * `session.watch` (the engine checks again), and the `BrokerConfig` it becomes. Pure, so tests can
 * pin it down; the renderer may not import the engine's own checks at runtime.
 */
import type { BrokerConfig } from '../../../engine/contract/index.js';

/** Linesight's own topic namespace, the default subscription (never `#`: that journals everything the broker carries). */
export const DEFAULT_SUBSCRIPTIONS = 'linesight/v1/#';

/** One connection's inputs, as typed (text, so nothing half-typed is lost on a re-render or a refusal). */
export type ConnectionDraft = {
  /** stable React key: drafts are added and removed */
  readonly key: number;
  readonly url: string;
  readonly name: string;
  /** topic filters, one per line */
  readonly subscriptions: string;
  readonly version: '5' | '4';
  readonly username: string;
  /**
   * kept in this form only while it is open, never in the store or a log, sent only to `session.watch`
   * (and, when `remember` is ticked in the desktop app, to the OS key store)
   */
  readonly password: string;
  /** desktop app with an OS key store: keep this connection's password there (unticked: forget it) */
  readonly remember: boolean;
  readonly allowPublish: boolean;
  /** publish topic prefixes, one per line */
  readonly allow: string;
  /** path of a mappings file on the machine running the engine */
  readonly mappings: string;
  /** lines shown from the start of the watch, `PLANT/LINE`, separated by commas, spaces or new lines */
  readonly lines: string;
  /** empty: the engine's stable id for this connection's name */
  readonly clientId: string;
  /** TLS file paths on the machine running the engine (mqtts:// and wss:// only) */
  readonly tlsCa: string;
  readonly tlsCert: string;
  readonly tlsKey: string;
  /** the plant's IANA time zone, kept with a profile */
  readonly timeZone: string;
  /** settings of a saved profile the form does not show (keepalive, session expiry …), sent as they are */
  readonly extra: DraftExtra;
};

/** What a profile (from a connections file) may set that the form has no field for. */
export type DraftExtra = Pick<BrokerConfig, 'qos' | 'keepalive' | 'sessionExpirySeconds' | 'clean' | 'receiveMaximum'> & {
  readonly rejectUnauthorized?: boolean;
};

let nextKey = 1;

export function blankDraft(url = ''): ConnectionDraft {
  return {
    key: nextKey++,
    url,
    name: '',
    subscriptions: DEFAULT_SUBSCRIPTIONS,
    version: '5',
    username: '',
    password: '',
    remember: false,
    allowPublish: false,
    allow: '',
    mappings: '',
    lines: '',
    clientId: '',
    tlsCa: '',
    tlsCert: '',
    tlsKey: '',
    timeZone: '',
    extra: {},
  };
}

/** The non-empty lines of a textarea, trimmed. */
export const linesOf = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

const BROKER_URL = /^(mqtts?|wss?):\/\/[^\s/]+/;

/** A topic filter the broker will accept: `#` only as the whole last level, `+` only as a whole level. */
function filterProblem(filter: string): string | undefined {
  const levels = filter.split('/');
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i]!;
    if (level.includes('#') && (level !== '#' || i !== levels.length - 1)) return `“${filter}”: “#” must be the whole last level`;
    if (level.includes('+') && level !== '+') return `“${filter}”: “+” must be a whole level`;
  }
  return undefined;
}

/** `#`, `+/#` …: every topic on the broker. */
export function matchesEverything(filter: string): boolean {
  const levels = filter.split('/');
  return levels[levels.length - 1] === '#' && levels.every((l) => l === '+' || l === '#');
}

/** The `PLANT/LINE` entries of the lines field. */
export const lineList = (text: string): string[] => text.split(/[\s,]+/).filter((l) => l !== '');

/** Why a line is refused (the engine's own check, repeated here: the renderer may not import it), or undefined. */
export function lineProblem(line: string): string | undefined {
  return /^[^/\s+#]+\/[^/\s+#]+$/.test(line) ? undefined : `line “${line}” is not PLANT/LINE, e.g. US01/L2`;
}

/** Why a publish prefix is refused (a concrete prefix, no wildcards), or undefined. */
export function prefixProblem(prefix: string): string | undefined {
  if (/[+#]/.test(prefix)) return `publish prefix “${prefix}” has a wildcard: give a concrete topic prefix such as linesight/v1/US01/L2/ (no “+” or “#”)`;
  return undefined;
}

/** What is missing from one connection (shown once "Start watching" is pressed, not while it is being filled in). */
export function missingProblems(d: ConnectionDraft): string[] {
  const problems: string[] = [];
  if (d.url.trim() === '') problems.push('give the broker URL, e.g. mqtt://192.168.10.5:1883');
  if (d.allowPublish && linesOf(d.allow).length === 0) {
    problems.push('publishing is allowed but no topic prefix is given: name at least one, e.g. linesight/v1/US01/L2/');
  }
  return problems;
}

/** What is wrong with what was typed (shown as soon as it is typed). */
export function typedProblems(d: ConnectionDraft): string[] {
  const problems: string[] = [];
  const url = d.url.trim();
  if (url !== '' && !BROKER_URL.test(url)) problems.push(`“${url}” is not a broker URL: it starts with mqtt://, mqtts://, ws:// or wss:// and names a host`);
  else if (/^[a-z]+:\/\/[^/@]*@/.test(url)) problems.push('put the user name and password in their own fields, not in the URL (a URL is shown and journaled)');
  for (const f of linesOf(d.subscriptions)) {
    const p = filterProblem(f);
    if (p) problems.push(`subscription ${p}`);
  }
  if (d.password !== '' && d.username.trim() === '') problems.push('a password needs a user name');
  for (const l of lineList(d.lines)) {
    const p = lineProblem(l);
    if (p) problems.push(p);
  }
  if (d.allowPublish) {
    for (const a of linesOf(d.allow)) {
      const p = prefixProblem(a);
      if (p) problems.push(p);
    }
  }
  const tls = [d.tlsCa, d.tlsCert, d.tlsKey].some((f) => f.trim() !== '');
  if (tls && url !== '' && !/^(mqtts|wss):/i.test(url)) problems.push('TLS files need an mqtts:// or wss:// URL');
  if ((d.tlsCert.trim() === '') !== (d.tlsKey.trim() === '')) problems.push('a client certificate needs both its certificate file and its key file');
  if (d.timeZone.trim() !== '' && !isTimeZone(d.timeZone.trim())) problems.push(`“${d.timeZone.trim()}” is not a time zone: give an IANA name such as Europe/Berlin or America/Chicago`);
  return problems;
}

/** An IANA time zone this browser knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Everything that keeps one connection from being watched, in words; empty when it may go. */
export const draftProblems = (d: ConnectionDraft): string[] => [...missingProblems(d), ...typedProblems(d)];

/** A note (not a refusal) when a subscription takes every topic on the broker. */
export function subscriptionWarning(d: ConnectionDraft): string | null {
  const all = linesOf(d.subscriptions).find(matchesEverything);
  return all === undefined
    ? null
    : `“${all}” subscribes to every topic on the broker: everything it carries is journaled. Prefer the namespaces you need.`;
}

/** The name a connection will be shown and kept under (the engine's default: the URL without user info). */
export const shownName = (d: ConnectionDraft): string => d.name.trim() || d.url.trim();

/** Names that more than one connection would get (the engine keeps outbox and mappings per name). */
export function duplicateNames(drafts: readonly ConnectionDraft[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const d of drafts) {
    const n = shownName(d);
    if (n === '') continue;
    if (seen.has(n)) dup.add(n);
    seen.add(n);
  }
  return [...dup];
}

/** What `session.watch` gets for one connection. */
export function toBrokerConfig(d: ConnectionDraft): BrokerConfig {
  const subscriptions = linesOf(d.subscriptions);
  const allow = linesOf(d.allow);
  const name = d.name.trim();
  const username = d.username.trim();
  const mappings = d.mappings.trim();
  const lines = lineList(d.lines);
  const clientId = d.clientId.trim();
  const v5 = d.version !== '4';
  // what a profile brought that fits the MQTT version now chosen
  const { rejectUnauthorized, sessionExpirySeconds, receiveMaximum, clean, ...extra } = d.extra;
  const tls = {
    ...(d.tlsCa.trim() ? { ca: d.tlsCa.trim() } : {}),
    ...(d.tlsCert.trim() ? { cert: d.tlsCert.trim() } : {}),
    ...(d.tlsKey.trim() ? { key: d.tlsKey.trim() } : {}),
  };
  return {
    url: d.url.trim(),
    ...(name ? { name } : {}),
    ...(subscriptions.length > 0 ? { subscriptions } : {}),
    protocolVersion: v5 ? 5 : 4,
    ...(clientId ? { clientId } : {}),
    ...(username ? { username } : {}),
    ...(username && d.password !== '' ? { password: d.password } : {}),
    ...extra,
    ...(v5 && sessionExpirySeconds !== undefined ? { sessionExpirySeconds } : {}),
    ...(v5 && receiveMaximum !== undefined ? { receiveMaximum } : {}),
    ...(!v5 && clean !== undefined ? { clean } : {}),
    ...(Object.keys(tls).length > 0 ? { tls: { ...tls, ...(rejectUnauthorized === undefined ? {} : { rejectUnauthorized }) } } : {}),
    ...(d.allowPublish ? { publish: { allow } } : {}),
    ...(mappings ? { mappings } : {}),
    ...(lines.length > 0 ? { lines } : {}),
  };
}

/** The drafts without their passwords: what survives leaving the view (a password is asked, or fetched from the key store, each time). */
export const withoutPasswords = (drafts: readonly ConnectionDraft[]): ConnectionDraft[] => drafts.map((d) => ({ ...d, password: '' }));
