import { existsSync } from 'node:fs';
import type { Interface, Scenario } from '../../model/index.js';
import { listSessions, type SessionRow } from '../journal/index.js';
import { sessionGracePeriods } from '../report/session-snapshot.js';
import { loadScenario } from '../scenario/index.js';
import type { HostContext } from './host-context.js';

/** Helpers of `session.replay`: find the recorded session, its scenario and grace periods, a what-if's scenario. */

/** The recorded session `id`, or a clear error. */
export function recordedSession(ctx: HostContext, id: unknown): SessionRow {
  if (!Number.isSafeInteger(id)) throw new Error(`session: expected a session id, got ${JSON.stringify(id)}`);
  const row = existsSync(ctx.journalPath) ? listSessions(ctx.journal.db()).find((s) => s.id === id) : undefined;
  if (row === undefined) throw new Error(`session ${String(id)} is not in this journal (see sessions.list)`);
  return row;
}

/** The scenario a simulation session ran, with the rules of a what-if merged in; undefined when it cannot be loaded again. */
export function scenarioOf(row: SessionRow, rules?: Readonly<Record<string, unknown>>): Scenario | undefined {
  if (row.kind !== 'simulation' && row.kind !== 'replay') return undefined;
  const meta = (row.meta ?? {}) as { durationMs?: unknown };
  try {
    return loadScenario(row.scenario, {
      seed: row.seed ?? undefined,
      until: typeof meta.durationMs === 'number' ? `${meta.durationMs}ms` : undefined,
      integration: rules,
    });
  } catch (err) {
    if (rules !== undefined) throw err;
    return undefined;
  }
}

/**
 * Grace periods to judge a recorded session by: the ones it recorded (a what-if may have changed
 * them), else its scenario's, else the defaults — the same the reconciliation report uses.
 */
export function gracePeriodsOf(row: SessionRow): Readonly<Record<Interface, number>> {
  return sessionGracePeriods(row);
}

/** A what-if's rules: a fragment of a scenario's `integration` section. */
export function checkRules(rules: unknown): Readonly<Record<string, unknown>> {
  if (typeof rules !== 'object' || rules === null || Array.isArray(rules)) {
    throw new Error('rules: expected a fragment of a scenario\'s integration section, e.g. { "idempotency": { "enabled": true } }');
  }
  return rules as Readonly<Record<string, unknown>>;
}

/** The scenario of a what-if on `row`, or why there can be none. */
export function whatIfScenario(row: SessionRow, rules: Readonly<Record<string, unknown>>): Scenario {
  const scenario = scenarioOf(row, rules);
  if (scenario === undefined) {
    throw new Error(
      `session ${row.id} is a ${row.kind} session: a what-if re-runs a simulated plant under changed rules, so it needs a simulation session whose scenario can be loaded again`,
    );
  }
  return scenario;
}

/** How a replay names what it replays. */
export function scenarioLabel(row: SessionRow): { id: string; name: string; seed: number | null } {
  return { id: row.scenario, name: (row.meta as { name?: string } | null)?.name ?? row.scenario, seed: row.seed };
}
