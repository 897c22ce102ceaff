import { CONTROLS, FAULT_KINDS, type CheckRule } from '../../model/index.js';
import type { Speed } from '../contract/index.js';
import { fixedControlReason } from '../../simulator/index.js';
import { listBundledScenarios, loadRules, loadScenario } from '../scenario/index.js';
import { startBrokerReplay } from '../session/broker-replay.js';
import { checkSpeed } from '../session/kernel.js';
import { startSimulationSession } from '../session/simulation-session.js';
import { startReplaySession } from '../session/replay-session.js';
import { startWatchSession } from '../session/watch-session.js';
import { brokerDetails, brokerName, type Audit } from './audit.js';
import { checkBrokers, type BrokerConfigs } from './broker-configs.js';
import type { LocalApiOptions } from './host-context.js';
import type { Handlers } from './registry.js';
import type { Roles } from './roles.js';
import { checkRules, gracePeriodsOf, recordedSession, scenarioLabel, whatIfScenario } from './recorded-session.js';
import type { RunningSession, SessionHost } from './session-host.js';

type Deps = {
  readonly host: SessionHost;
  /** how sessions pace their work (tests tune it) */
  readonly opts: Pick<LocalApiOptions, 'batchSize' | 'tickMs' | 'batchesPerSlice' | 'rulesFile' | 'inspector'>;
  readonly brokers: BrokerConfigs;
  /** the embedded broker's URL while it runs */
  readonly embeddedUrl: () => string | undefined;
  /** the user operator actions are recorded as */
  readonly operator: string;
  /** the audit log: a session that publishes to a broker, and a replay to one, are recorded there */
  readonly audit: Audit;
  /** the host's role: publishing to a broker needs an engineer, watching one an operator */
  readonly roles: Roles;
};

/** How the host's simulations pace their work, as far as the host's options say (tests tune it). */
export function simulationPacing(opts: Deps['opts']): { batchSize?: number; tickMs?: number; batchesPerSlice?: number } {
  return {
    ...(opts.batchSize === undefined ? {} : { batchSize: opts.batchSize }),
    ...(opts.tickMs === undefined ? {} : { tickMs: opts.tickMs }),
    ...(opts.batchesPerSlice === undefined ? {} : { batchesPerSlice: opts.batchesPerSlice }),
  };
}

/**
 * The contract rules a session of this host checks live: the bundled ones and the host's rules file,
 * read at each session's start (an edit counts from the next session).
 */
export const hostCheckRules = (opts: Pick<LocalApiOptions, 'rulesFile'>): { checkRules: readonly CheckRule[] } => ({ checkRules: loadRules(opts.rulesFile) });

type SessionCalls =
  | 'session.start'
  | 'session.watch'
  | 'session.replay'
  | 'session.play'
  | 'session.pause'
  | 'session.step'
  | 'session.setSpeed'
  | 'session.seek'
  | 'session.status'
  | 'session.frame'
  | 'session.settings'
  | 'scenarios.list';

/** The current session: start one (a simulation, a watch of brokers, a replay), pace it, and what it is doing. */
export function sessionHandlers({ host, opts, brokers, embeddedUrl, operator, audit, roles }: Deps): Handlers<SessionCalls> {
  const { clock, frames } = host;
  /** a command on the current session, answered with the session after it */
  const command =
    <A>(fn: (s: RunningSession, args: A) => Promise<void>) =>
    async (args: A) => {
      const s = host.current();
      await fn(s, args);
      return host.infoOf(s);
    };
  return {
    async 'session.start'(args) {
      if (args?.publish !== undefined) roles.require('engineer', 'publishing a simulation to a live broker');
      const speed = checkSpeed(args.speed ?? host.lastSpeed);
      const scenario = loadScenario(args.scenario, { seed: args.seed, until: args.until });
      const publish = args.publish === undefined ? undefined : brokers.withClientId(checkBrokers([args.publish])[0]!, 'publish');
      const live = await host.replace((w) =>
        startSimulationSession(scenario, {
          writer: w,
          clock,
          frames,
          speed,
          ...simulationPacing(opts),
          ...hostCheckRules(opts),
          publish,
          claim: brokers.claim,
        }),
      );
      host.lastSpeed = speed;
      const info = host.infoOf(live);
      if (publish !== undefined) {
        const details = { kind: 'simulation', scenario: info.scenario?.id ?? null, seed: info.scenario?.seed ?? null, ...brokerDetails(publish) };
        await audit({ action: 'session.publish', session: live.id, target: brokerName(publish), details });
      }
      return info;
    },
    async 'session.watch'(args) {
      roles.require('operator', 'watching live brokers');
      // the embedded broker (aedes) speaks MQTT 3.1.1 only: a watch of it needs no setting for that
      const url = embeddedUrl();
      const configs = checkBrokers(args?.brokers).map((b) => {
        const v4 = url !== undefined && b.url === url && b.protocolVersion === undefined ? { ...b, protocolVersion: 4 as const } : b;
        const confined = v4.mappings === undefined ? v4 : { ...v4, mappings: brokers.confineMappings(v4.mappings) };
        return brokers.withClientId(confined, 'watch');
      });
      // a watch publishes only where a connection says it may (injections, reversals, the outbox)
      const publishing = configs.filter((c) => c.publish !== undefined);
      if (publishing.length > 0) roles.require('engineer', 'a watch that may publish to a broker');
      const live = await host.replace((w) =>
        startWatchSession({ writer: w, clock, frames, brokers: configs, claim: brokers.claim, keyEvents: host.keyEvents, ...hostCheckRules(opts), ...(opts.inspector === undefined ? {} : { inspector: opts.inspector }) }),
      );
      if (publishing.length > 0) {
        await audit({ action: 'session.publish', session: live.id, target: publishing.map(brokerName).join(', '), details: { kind: 'watch', connections: publishing.map(brokerDetails) } });
      }
      return host.infoOf(live);
    },
    async 'session.replay'(args) {
      const ctx = host.ctx;
      const row = recordedSession(ctx, args?.session);
      const speed = checkSpeed(args.speed ?? host.lastSpeed);
      if (args.publish !== undefined) {
        roles.require('engineer', 'a replay to a broker');
        if (args.rules !== undefined) throw new Error('a what-if (rules) and a replay to a broker (publish) are separate replays: choose one');
        const publish = brokers.withClientId(checkBrokers([args.publish])[0]!, 'publish');
        const live = await host.replace((w) =>
          startBrokerReplay({
            journalPath: ctx.journalPath,
            writer: w,
            session: row.id,
            scenario: scenarioLabel(row),
            gracePeriods: gracePeriodsOf(row),
            publish,
            claim: brokers.claim,
            clock,
            frames,
            speed,
            ...hostCheckRules(opts),
          }),
        );
        await audit({ action: 'session.replay-to-broker', session: live.id, target: brokerName(publish), details: { of: row.id, ...brokerDetails(publish) } });
        return host.infoOf(live);
      }
      if (args.rules !== undefined) {
        const rules = checkRules(args.rules);
        const scenario = whatIfScenario(row, rules);
        const live = await host.replace((w) => startSimulationSession(scenario, { writer: w, clock, frames, speed, replayOf: { session: row.id, rules }, ...hostCheckRules(opts) }));
        return host.infoOf(live);
      }
      const live = await host.replace(async () =>
        startReplaySession({
          journalPath: ctx.journalPath,
          session: row.id,
          scenario: scenarioLabel(row),
          gracePeriods: gracePeriodsOf(row),
          clock,
          frames,
          speed,
          ...hostCheckRules(opts),
        }),
      );
      host.lastSpeed = speed;
      return host.infoOf(live);
    },
    'session.play': command((s) => s.play()),
    'session.pause': command((s) => s.pause()),
    'session.step': command((s, args?: { readonly events?: number }) => s.step(args?.events ?? 1)),
    'session.setSpeed': command(async (s, args: { readonly speed: Speed }) => {
      await s.setSpeed(args.speed);
      host.lastSpeed = args.speed;
    }),
    // a session that cannot seek (all but a replay) refuses with the reason it declared
    'session.seek': command((s, args: { readonly time: number }) => s.seek(args?.time)),
    'session.status': async () => host.status(),
    'session.frame': async () => host.lastFrame(),
    'session.settings': async () => ({
      ...(host.live()?.settings(operator) ?? { controls: null, faults: [], operator }),
      faultKinds: FAULT_KINDS,
      fixedControls,
    }),
    'scenarios.list': async () => listBundledScenarios(),
  };
}

/** Controls no session may switch while it runs, with the reason. */
const fixedControls = Object.fromEntries(
  CONTROLS.flatMap((c) => {
    const why = fixedControlReason(c);
    return why === undefined ? [] : [[c, why]];
  }),
);
