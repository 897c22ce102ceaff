import type { LinesightApi } from '../contract/index.js';
import { defaultConfigDir } from '../host/config-dir.js';
import type { LocalApiOptions } from './host-context.js';
import { auditTrail } from './audit.js';
import { brokerConfigs } from './broker-configs.js';
import { brokerHandlers, type EmbeddedSlot } from './broker-handlers.js';
import { connectionsHandlers } from './connections-handlers.js';
import { eventsHandlers } from './events-handlers.js';
import { exceptionsHandlers } from './exceptions-handlers.js';
import { inspectorHandlers } from './inspector-handlers.js';
import { lineageHandlers } from './lineage-handlers.js';
import { operatorActions } from './operator-actions.js';
import { operatorHandlers } from './operator-handlers.js';
import { byKind, combine } from './registry.js';
import { reportHandlers } from './report-handlers.js';
import { reversalHandlers } from './reversal-handlers.js';
import { createRoles, profileHandlers } from './roles.js';
import { sessionHandlers } from './session-handlers.js';
import { createSessionHost } from './session-host.js';
import { sessionsHandlers } from './sessions-handlers.js';
import { settingsHandlers } from './settings-handlers.js';
import { trainingHandlers, type ExerciseSlot } from './training-handlers.js';

export type { LocalApiOptions } from './host-context.js';

/** An in-process engine host; `close()` ends the session and stops the journal writer. */
export type LocalApi = LinesightApi & { close(): Promise<void> };

/**
 * `LinesightApi` in the calling thread: the host a worker thread or utilityProcess wraps, and what
 * tests drive. One journal writer for the host's life, one live session at a time. Its calls are
 * the domains' handler groups, combined into one registry that answers exactly `API_CALLS`.
 */
export function createLocalApi(opts: LocalApiOptions): LocalApi {
  const host = createSessionHost(opts);
  const embedded: EmbeddedSlot = { current: undefined };
  const configDir = opts.configDir ?? defaultConfigDir();
  const brokers = brokerConfigs(configDir, opts.trustedPaths);
  const actions = operatorActions(host, opts.operator);
  const roles = createRoles({ configDir, clock: host.clock, operator: actions.operator, ...(opts.role === undefined ? {} : { initial: opts.role }) });
  const audit = auditTrail(host.ctx, actions.operator, () => roles.role());
  const exercise: ExerciseSlot = { session: undefined };
  const handlers = combine(
    sessionHandlers({ host, opts, brokers, embeddedUrl: () => embedded.current?.broker.url, operator: actions.operator, audit, roles }),
    operatorHandlers(actions, audit, host, roles),
    exceptionsHandlers(host, actions, audit, roles, exercise),
    reversalHandlers({ current: host.current, actor: actions.actor, keyEvents: host.keyEvents, audit, roles }),
    eventsHandlers(host.ctx),
    lineageHandlers(host.ctx),
    brokerHandlers(embedded, roles),
    connectionsHandlers(host, brokers, audit, roles),
    sessionsHandlers(host.ctx, audit, roles),
    reportHandlers(host.ctx, { clock: host.clock, rulesFile: opts.rulesFile }),
    trainingHandlers({ host, actions, opts, exercise }),
    profileHandlers(roles),
    settingsHandlers({ configDir, ctx: host.ctx, clock: host.clock }),
    inspectorHandlers(host, opts.inspector),
  );
  return {
    ...byKind(handlers),
    onFrame: host.onFrame,
    async close() {
      await host.close(async () => {
        await embedded.current?.broker.close();
        embedded.current = undefined;
      });
    },
  } satisfies LocalApi;
}
