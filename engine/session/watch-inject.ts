import type { OrderView } from '../../monitor/index.js';
import { OperatorError, type ActResult, type OperatorCommand, type SimOutput } from '../../simulator/index.js';
import type { OutboxEntry } from '../journal/index.js';
import { topicOf } from '../sources/mqtt/ingest.js';
import { buildLiveInjection, type InjectTarget } from './live-inject.js';
import type { WatchedConnection } from './watched-connection.js';

/** What an injection into a watched broker journals, queues in the outbox, and answers. */
export type InjectionPlan = {
  readonly connection: WatchedConnection;
  readonly outputs: readonly SimOutput[];
  readonly outbox: readonly OutboxEntry[];
  readonly result: ActResult;
};

/**
 * Plan an operator's injection on a watch session: the connection it goes out on (the one named,
 * or the only one that may publish), the events with their operator event, and the outbox rows —
 * refused as a whole if a topic falls outside the connection's allowlist.
 */
export function planInjection(
  cmd: Extract<OperatorCommand, { kind: 'inject' }>,
  target: InjectTarget,
  connections: readonly WatchedConnection[],
  orders: readonly OrderView[],
  nextSequence: (source: string) => number,
  /** epoch ms the injected events are stamped with */
  nowMs: number,
): InjectionPlan {
  const publishing = connections.filter((c) => c.config.publish !== undefined);
  const name = target.connection ?? (publishing.length === 1 ? publishing[0]!.name : undefined);
  if (name === undefined) {
    throw new OperatorError(
      publishing.length === 0
        ? 'no connection of this session may publish: give one a publish allowlist (topic prefixes) to inject test events into its broker'
        : `say which connection to publish on: ${publishing.map((c) => c.name).join(', ')}`,
    );
  }
  const connection = connections.find((c) => c.name === name);
  if (connection === undefined) throw new OperatorError(`no connection named ${name} in this session`);
  const built = buildLiveInjection(cmd, target, orders, nextSequence, nowMs);
  const outbox: OutboxEntry[] = [];
  for (const e of built.messages) {
    const topic = topicOf(e);
    const refused = connection.publishRefusal(topic);
    if (refused !== null) throw new OperatorError(refused);
    outbox.push({ connection: connection.name, topic, payload: Buffer.from(JSON.stringify(e)), eventId: e.id });
  }
  return {
    connection,
    outputs: [...built.actions, ...built.messages].map((event) => ({ kind: 'event', event })),
    outbox,
    result: { actions: built.actions.map((e) => e.id), messages: built.messages.map((e) => e.id), refused: [] },
  };
}
