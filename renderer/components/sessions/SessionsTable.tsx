import type { SessionSummary } from '../../../engine/contract/index.js';
import type { SessionStatus } from '../../../engine/contract/index.js';
import { fmtCount } from '../../format.js';
import { checksText, checksTitle, fmtEnded, fmtLocal, interruptedTitle, shortDigest } from './sessions-logic.js';
import { warningsLabel } from './warnings-logic.js';

/** The actions of a row; each opens its panel below the table. */
export const ACTIONS = [
  { id: 'replay', label: 'Replay' },
  { id: 'whatif', label: 'What-if…' },
  { id: 'report', label: 'Report' },
  { id: 'export', label: 'Export' },
  { id: 'note', label: 'Note' },
  { id: 'delete', label: 'Delete' },
] as const;
/** A row's actions, and its import warnings (offered only on a session that has some). */
export type Action = (typeof ACTIONS)[number]['id'] | 'warnings';

const NOT_RECORDED = 'not recorded: open gaps and exceptions are recorded when a session ends';
const num = (n: number | null) => (n === null ? '—' : fmtCount(n));

/** Every session of the journal, newest first, with its actions. */
export function SessionsTable({
  sessions,
  current,
  currentLabel,
  status,
  open,
  onAction,
}: {
  readonly sessions: readonly SessionSummary[];
  /** the host's current session id: marked, and never offered for deletion */
  readonly current: number | null;
  /** how the current session is marked: `current`, or `replaying` while a replay reads it */
  readonly currentLabel: string;
  /** the current session's status, shown while its end is not recorded */
  readonly status: SessionStatus;
  readonly open: { readonly session: number; readonly action: Action } | null;
  readonly onAction: (session: number, action: Action) => void;
}) {
  return (
    <div className="table-wrap ss-table-wrap">
      <table className="data ss-table" aria-label="Sessions">
        <thead>
          <tr>
            <th scope="col" className="num">
              Id
            </th>
            <th scope="col">Kind</th>
            <th scope="col">Name</th>
            <th scope="col">Scenario / brokers</th>
            <th scope="col" className="num">
              Seed
            </th>
            <th scope="col">Started</th>
            <th scope="col">Ended</th>
            <th scope="col" className="num">
              Events
            </th>
            <th scope="col" className="num">
              Gaps
            </th>
            <th scope="col" className="num">
              Exceptions
            </th>
            <th scope="col">Checks</th>
            <th scope="col">Digest</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.id} className={open?.session === s.id ? 'ss-open' : undefined} aria-current={s.id === current ? 'true' : undefined}>
              <td className="num">{s.id}</td>
              <td>
                {s.kind}
                {s.id === current && <span className="ss-current">{currentLabel}</span>}
              </td>
              <td className="ss-name">
                {s.name ?? <span className="muted">—</span>}
                {s.note !== null && (
                  <span className="ss-note muted" title={s.note}>
                    {s.note}
                  </span>
                )}
              </td>
              <td className="ss-scenario">
                <code>{s.scenario}</code>
                {s.warningCount > 0 && (
                  <button
                    type="button"
                    className="ss-warn"
                    aria-label={`${warningsLabel(s.warningCount)} of session ${s.id}`}
                    aria-pressed={open?.session === s.id && open.action === 'warnings'}
                    title="What the import assumed where its files left something out"
                    onClick={() => onAction(s.id, 'warnings')}
                  >
                    ⚠ {warningsLabel(s.warningCount)}
                  </button>
                )}
              </td>
              <td className="num">{s.seed ?? '—'}</td>
              <td>{fmtLocal(s.startedAt)}</td>
              <td title={s.endedAt === null ? undefined : fmtLocal(s.endedAt)}>
                {s.interrupted ? (
                  <span className="ss-interrupted" title={interruptedTitle(s)}>
                    interrupted
                  </span>
                ) : s.endedAt === null ? (
                  <span className="muted">{s.id === current ? status : '—'}</span>
                ) : (
                  fmtEnded(s.startedAt, s.endedAt)
                )}
              </td>
              <td className="num">{fmtCount(s.events)}</td>
              <td className="num" title={s.gaps === null ? NOT_RECORDED : undefined}>
                {num(s.gaps)}
              </td>
              <td className="num" title={s.exceptions === null ? NOT_RECORDED : undefined}>
                {num(s.exceptions)}
              </td>
              <td title={checksTitle(s.checks)}>
                <span className={!s.checks ? 'muted' : s.checks.failed === 0 ? 'ss-checks-hold' : 'ss-checks-fail'}>{checksText(s.checks)}</span>
              </td>
              <td>
                <code title={s.digest}>{shortDigest(s.digest)}</code>
              </td>
              <td>
                <div className="ss-actions">
                {ACTIONS.map((a) => (
                  <button
                    key={a.id}
                    type="button"
                    aria-label={`${a.label.replace('…', '')} session ${s.id}`}
                    aria-pressed={open?.session === s.id && open.action === a.id}
                    onClick={() => onAction(s.id, a.id)}
                  >
                    {a.label}
                  </button>
                ))}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
