import type { Database } from 'better-sqlite3';
import { formatDuration } from '../../model/index.js';
import { connectionOutages, type ConnectionOutageKind, type SessionRow } from '../journal/index.js';
import { html, type SafeHtml } from './html.js';

/** One stretch a watched connection was down, or in which its broker may have dropped messages, as the report lists it. */
export type ReportOutage = {
  /** the connection's name in the session */
  readonly connection: string;
  /** the broker's URL (no user info) */
  readonly url: string;
  /** `outage`: the connection was down; `possible-gap`: the broker kept no session for us, so what it got meanwhile may be lost */
  readonly kind: ConnectionOutageKind;
  /** RFC 3339 wall-clock instant it began */
  readonly from: string;
  /** RFC 3339 wall-clock instant it ended (the broker's CONNACK); null: still down when the session ended, or now while it runs */
  readonly to: string | null;
  /** how long it lasted; one still open when the session ended counts to that end (while it runs, to now); null: the session was interrupted meanwhile */
  readonly durationMs: number | null;
  readonly why: string;
};

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * The connection outages and possible gaps of a live session, oldest first, as its watch journaled
 * them; undefined for other kinds of session (they watch no broker). `nowMs` ends an outage still
 * open in a session that still runs.
 */
export function reportOutages(db: Database, row: SessionRow, nowMs: number): ReportOutage[] | undefined {
  if (row.kind !== 'live') return undefined;
  // an open outage lasted until the session ended; while it runs, until now; interrupted: unknown
  const end = row.endedAt ?? (row.interrupted === true ? null : nowMs);
  return connectionOutages(db, row.id).map((o) => {
    const until = o.to ?? end;
    return {
      connection: o.connection,
      url: o.url,
      kind: o.kind,
      from: iso(o.from),
      to: o.to === null ? null : iso(o.to),
      // the wall clock may step back between the two: never a negative duration
      durationMs: until === null ? null : Math.max(0, until - o.from),
      why: o.why,
    };
  });
}

/** An RFC 3339 instant for a table cell: date and time to the second, UTC (the full value is in the title and the JSON report). */
const when = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;

const KIND_TEXT: Readonly<Record<ConnectionOutageKind, string>> = { outage: 'down', 'possible-gap': 'possible gap' };

/** Where an open outage ends, in words. */
function openEnd(interrupted: boolean, endedAt: string | null): string {
  if (interrupted) return 'down when the session was interrupted';
  return endedAt === null ? 'still down' : 'down until the session ended';
}

/** The HTML section of a live session's connection outages; nothing for other sessions. */
export function outagesSection(outages: readonly ReportOutage[] | undefined, session: { readonly interrupted: boolean; readonly endedAt: string | null }): SafeHtml {
  if (outages === undefined) return html``;
  const down = outages.filter((o) => o.kind === 'outage');
  const total = down.reduce((sum, o) => sum + (o.durationMs ?? 0), 0);
  return html`<section><h2>Connection outages</h2>
${
  outages.length === 0
    ? html`<p class="none">No watched connection was down during the session.</p>`
    : html`<p>${down.length === 1 ? '1 outage' : `${down.length} outages`}${down.length > 0 ? `, ${formatDuration(total)} down in all` : ''}. <span class="muted">A possible gap: the broker kept no session for us, so what it received meanwhile may be lost.</span></p>
<table><thead><tr><th>Connection</th><th>What</th><th>From (UTC)</th><th>To (UTC)</th><th class="num">Duration</th><th>Why</th></tr></thead><tbody>
${outages.map(
  (o) =>
    html`<tr><td class="nowrap">${o.connection}${o.connection === o.url ? '' : html` <span class="mono muted">${o.url}</span>`}</td><td><span class="pill">${KIND_TEXT[o.kind]}</span></td><td class="mono nowrap" title="${o.from}">${when(o.from)}</td><td class="mono nowrap"${o.to === null ? '' : html` title="${o.to}"`}>${o.to === null ? html`<span class="muted">${openEnd(session.interrupted, session.endedAt)}</span>` : when(o.to)}</td><td class="num">${o.durationMs === null ? '—' : formatDuration(o.durationMs)}</td><td class="cause">${o.why}</td></tr>\n`,
)}</tbody></table>`
}
</section>`;
}
