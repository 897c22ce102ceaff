import type { OrderView } from '../../monitor/index.js';
import { OperatorError, type ActResult, type OperatorCommand } from '../../simulator/index.js';
import type { JournalInput } from '../journal/journal-input.js';
import type { OutboxEntry } from '../journal/index.js';
import { topicOf } from '../sources/mqtt/ingest.js';
import { buildLiveInjection, type InjectTarget, type LiveInjection } from './live-inject.js';
import { buildLiveReversal } from './live-reverse.js';
import type { AnyEvent } from '../../model/index.js';
import type { ReversalPreview } from '../../monitor/index.js';
import type { WatchedConnection } from './watched-connection.js';

/** What an injection into a watched broker journals, queues in the outbox, and answers. */
export type InjectionPlan = {
  readonly connection: WatchedConnection;
  readonly outputs: readonly JournalInput[];
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
  const connection = publishingConnection(target, connections, 'inject test events into its broker');
  const built = buildLiveInjection(cmd, target, orders, nextSequence, nowMs);
  return plan(connection, built);
}

/**
 * Plan an operator's reversal on a watch session: the reversal message and its
 * `operator.reversal-requested` event, on the connection named (or the only one that may publish),
 * refused as a whole — nothing journaled — if its topic falls outside the connection's allowlist.
 */
export function planReversal(
  cmd: Extract<OperatorCommand, { kind: 'reverse' }>,
  target: InjectTarget,
  connections: readonly WatchedConnection[],
  preview: ReversalPreview,
  keyEvents: readonly AnyEvent[],
  nextSequence: (source: string) => number,
  nowMs: number,
): InjectionPlan {
  if (!preview.ok) throw new OperatorError(preview.refused);
  const connection = publishingConnection(target, connections, 'send a reversal to its broker');
  return plan(connection, buildLiveReversal(cmd, preview, keyEvents, nextSequence, nowMs));
}

/** Why no connection of the session could carry an operator's message, or null when `target` names (or implies) one. */
export function publishingRefusal(target: InjectTarget, connections: readonly WatchedConnection[], purpose: string): string | null {
  try {
    publishingConnection(target, connections, purpose);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

/** The connection an operator's messages go out on: the one named, or the only one that may publish. */
function publishingConnection(target: InjectTarget, connections: readonly WatchedConnection[], purpose: string): WatchedConnection {
  const publishing = connections.filter((c) => c.config.publish !== undefined);
  const name = target.connection ?? (publishing.length === 1 ? publishing[0]!.name : undefined);
  if (name === undefined) {
    throw new OperatorError(
      publishing.length === 0
        ? `no connection of this session may publish: give one a publish allowlist (topic prefixes) to ${purpose}`
        : `say which connection to publish on: ${publishing.map((c) => c.name).join(', ')}`,
    );
  }
  const connection = connections.find((c) => c.name === name);
  if (connection === undefined) throw new OperatorError(`no connection named ${name} in this session`);
  return connection;
}

/** Outbox rows for the messages (refused as a whole if one topic is outside the allowlist), operator events first. */
function plan(connection: WatchedConnection, built: LiveInjection): InjectionPlan {
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
