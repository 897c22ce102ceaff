import type { InspectorTopics } from '../contract/index.js';
import { DEFAULT_INSPECTOR_LIMITS } from '../session/topic-inspector.js';
import type { LocalApiOptions } from './host-context.js';
import type { Handlers } from './registry.js';
import type { SessionHost } from './session-host.js';

/**
 * The raw topic inspector of the current watch. Read-only and in memory: any role may read it, like
 * the journaled events. Without a watch (none yet, or the current session is of another kind) it is empty.
 */
export function inspectorHandlers(host: SessionHost, limits: LocalApiOptions['inspector'] = {}): Handlers<'inspector.topics' | 'inspector.messages'> {
  /** the current session's store: a watch's */
  const current = () => host.live()?.topics();
  const empty = (): InspectorTopics => ({
    session: null,
    topics: [],
    totals: { topics: 0, messages: 0, bytes: 0, evictedTopics: 0, evictedMessages: 0, limits: { ...DEFAULT_INSPECTOR_LIMITS, ...limits } },
  });
  return {
    'inspector.topics': async () => current()?.topics() ?? empty(),
    'inspector.messages': async (args) => {
      if (typeof args.connection !== 'string' || typeof args.topic !== 'string') throw new Error('inspector.messages needs a connection and a topic (strings)');
      return current()?.messages(args.connection, args.topic) ?? { connection: args.connection, topic: args.topic, count: 0, messages: [] };
    },
  };
}
