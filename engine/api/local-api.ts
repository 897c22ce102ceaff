import type { LinesightApi } from '../contract/index.js';
import { defaultConfigDir } from '../host/config-dir.js';
import type { LocalApiOptions } from './host-context.js';
import { auditTrail } from './audit.js';
import { brokerConfigs } from './broker-configs.js';
import { brokerHandlers, type EmbeddedSlot } from './broker-handlers.js';
import { connectionsHandlers } from './connections-handlers.js';
import { eventsHandlers } from './events-handlers.js';
import { exceptionsHandlers } from './exceptions-handlers.js';
import { lineageHandlers } from './lineage-handlers.js';
import { operatorActions } from './operator-actions.js';
import { operatorHandlers } from './operator-handlers.js';
import { byKind, combine } from './registry.js';
import { reportHandlers } from './report-handlers.js';
import { reversalHandlers } from './reversal-handlers.js';
import { sessionHandlers } from './session-handlers.js';
import { createSessionHost } from './session-host.js';
import { sessionsHandlers } from './sessions-handlers.js';
import { trainingHandlers } from './training-handlers.js';

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
  const brokers = brokerConfigs(opts.configDir ?? defaultConfigDir(), opts.trustedPaths);
  const actions = operatorActions(host, opts.operator);
  const audit = auditTrail(host.ctx, actions.operator);
  const handlers = combine(
    sessionHandlers({ host, opts, brokers, embeddedUrl: () => embedded.current?.broker.url, operator: actions.operator, audit }),
    operatorHandlers(actions, audit),
    exceptionsHandlers(host, actions, audit),
    reversalHandlers({ current: host.current, actor: actions.actor, keyEvents: host.keyEvents, audit }),
    eventsHandlers(host.ctx),
    lineageHandlers(host.ctx),
    brokerHandlers(embedded),
    connectionsHandlers(host, brokers, audit),
    sessionsHandlers(host.ctx, audit),
    reportHandlers(host.ctx),
    trainingHandlers({ host, actions, opts }),
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
