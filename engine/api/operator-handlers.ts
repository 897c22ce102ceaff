import { INJECTABLE_TYPES, payloadProblems, templateOf } from '../../model/index.js';
import type { OperatorActions } from './operator-actions.js';
import type { Handlers } from './registry.js';

/** Operator actions on the running session — faults, controls, injections — and the templates and checks of what may be injected. */
export function operatorHandlers({ act, actor, refuseWhileJournalRefuses }: OperatorActions): Handlers<
  'operator.toggleFault' | 'operator.setControl' | 'operator.inject' | 'events.templates' | 'events.validate'
> {
  return {
    'operator.toggleFault': async (args) =>
      act({ kind: 'fault', ...actor(args, 'a fault toggle'), fault: args.fault, line: args.line, enabled: args.enabled, params: args.params }),
    'operator.setControl': async (args) =>
      act({ kind: 'control', ...actor(args, 'a control change'), control: args.control, enabled: args.enabled }),
    'operator.inject': async (args) =>
      refuseWhileJournalRefuses('the injection') ??
      act({
        kind: 'inject',
        ...actor(args, 'an injection'),
        event: args.event,
        count: args.count ?? 1,
        spacingMs: args.spacingMs ?? 0,
        delayMs: args.delayMs ?? 0,
        template: args.template,
      }, { connection: args.connection, line: args.line }),
    'events.templates': async () => INJECTABLE_TYPES.map(templateOf),
    'events.validate': async (args) => {
      const problems = payloadProblems(args.event);
      return { ok: problems.length === 0, problems };
    },
  };
}
