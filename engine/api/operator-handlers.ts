import { INJECTABLE_TYPES, payloadProblems, templateOf } from '../../model/index.js';
import { publishingTo, type Audit } from './audit.js';
import type { OperatorActions } from './operator-actions.js';
import type { Handlers } from './registry.js';
import type { Roles } from './roles.js';
import type { SessionHost } from './session-host.js';

/**
 * Operator actions on the running session — faults, controls, injections — and the templates and
 * checks of what may be injected. An injection that goes out to a broker is recorded in the audit log.
 */
export function operatorHandlers({ act, actor, refuseWhileJournalRefuses }: OperatorActions, audit: Audit, host: SessionHost, roles: Roles): Handlers<
  'operator.toggleFault' | 'operator.setControl' | 'operator.inject' | 'events.templates' | 'events.validate'
> {
  return {
    'operator.toggleFault': async (args) =>
      act({ kind: 'fault', ...actor(args, 'a fault toggle'), fault: args.fault, line: args.line, enabled: args.enabled, params: args.params }),
    'operator.setControl': async (args) =>
      act({ kind: 'control', ...actor(args, 'a control change'), control: args.control, enabled: args.enabled }),
    'operator.inject': async (args) => {
      refuseWhileJournalRefuses('the injection');
      const { who, why } = actor(args, 'an injection');
      if (publishingTo(host.current().info(), args.connection) !== undefined) roles.require('engineer', 'an injection published to a live broker');
      const count = args.count ?? 1;
      const r = await act(
        { kind: 'inject', who, why, event: args.event, count, spacingMs: args.spacingMs ?? 0, delayMs: args.delayMs ?? 0, template: args.template },
        { connection: args.connection, line: args.line },
      );
      const to = publishingTo(r.info, args.connection);
      if (to !== undefined) {
        await audit({ action: 'operator.inject', who, session: r.info.session, target: r.messages.join(', '), details: { why, connection: to, type: args.event?.type ?? null, count } });
      }
      return r;
    },
    'events.templates': async () => INJECTABLE_TYPES.map(templateOf),
    'events.validate': async (args) => {
      const problems = payloadProblems(args.event);
      return { ok: problems.length === 0, problems };
    },
  };
}
