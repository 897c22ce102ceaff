import type { CommandName, Commands, QueryName, Queries } from '../../engine/api/contract.js';

/** Sends one call to the host and resolves with its result (transport-specific). */
export type Request = (kind: 'command' | 'query', name: string, args: unknown) => Promise<unknown>;

/**
 * The contract's commands and queries as calls to a remote host, shared by every transport
 * (WebSocket, Electron IPC). Typing the objects as `Commands` / `Queries` makes the compiler name
 * any command the contract gains and this list lacks.
 */
export function remoteCalls(request: Request): { readonly commands: Commands; readonly queries: Queries } {
  // The casts are the transport's trust boundary: the host answers with the contract's result types.
  const command = <N extends CommandName>(name: N): Commands[N] => ((args?: unknown) => request('command', name, args)) as Commands[N];
  const query = <N extends QueryName>(name: N): Queries[N] => ((args?: unknown) => request('query', name, args)) as Queries[N];
  return {
    commands: {
      'session.start': command('session.start'),
      'session.watch': command('session.watch'),
      'session.play': command('session.play'),
      'session.pause': command('session.pause'),
      'session.step': command('session.step'),
      'session.setSpeed': command('session.setSpeed'),
      'operator.toggleFault': command('operator.toggleFault'),
      'operator.setControl': command('operator.setControl'),
      'operator.inject': command('operator.inject'),
      'exceptions.retry': command('exceptions.retry'),
      'exceptions.resend': command('exceptions.resend'),
      'exceptions.discard': command('exceptions.discard'),
      'reversals.request': command('reversals.request'),
      'events.export': command('events.export'),
      'broker.start': command('broker.start'),
      'broker.stop': command('broker.stop'),
      'connections.forget': command('connections.forget'),
      'mappings.save': command('mappings.save'),
      'sessions.label': command('sessions.label'),
      'sessions.delete': command('sessions.delete'),
      'reports.reconcile': command('reports.reconcile'),
      'session.replay': command('session.replay'),
      'session.seek': command('session.seek'),
    },
    queries: {
      'scenarios.list': query('scenarios.list'),
      'session.status': query('session.status'),
      'session.frame': query('session.frame'),
      'events.page': query('events.page'),
      'lineage.forOrder': query('lineage.forOrder'),
      'lineage.search': query('lineage.search'),
      'genealogy.forLot': query('genealogy.forLot'),
      'exceptions.list': query('exceptions.list'),
      'exceptions.preview': query('exceptions.preview'),
      'reversals.preview': query('reversals.preview'),
      'gaps.list': query('gaps.list'),
      'reconciliation.run': query('reconciliation.run'),
      'events.templates': query('events.templates'),
      'events.validate': query('events.validate'),
      'session.settings': query('session.settings'),
      'broker.status': query('broker.status'),
      'mappings.load': query('mappings.load'),
      'mappings.check': query('mappings.check'),
      'sessions.list': query('sessions.list'),
      'sessions.compare': query('sessions.compare'),
      'lineage.compare': query('lineage.compare'),
    },
  };
}
