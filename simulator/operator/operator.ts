import {
  CONTROLS,
  FAULT_DEFAULTS,
  FAULT_KINDS,
  isInjectable,
  dataProblems,
  payloadProblems,
  type AnyEvent,
  type Control,
  type EventData,
  type EventType,
  type FaultKind,
  type OperatorEventType,
} from '../../model/index.js';
import type { Ctx } from '../core/context.js';
import { OperatorError, type ActResult, type OperatorCommand } from './commands.js';

export { OperatorError, type ActResult, type OperatorCommand } from './commands.js';
import type { Channel } from '../core/envelope.js';
import type { Msg, OrderRt } from '../core/records.js';
import { PRIO, type TaskHandler } from '../core/scheduler.js';
import { WINDOW_KINDS } from '../faults/faults.js';
import type { FaultWindows } from '../faults/windows.js';
import type { Edge } from '../integration/edge.js';
import type { Layer } from '../integration/layer.js';
import { channelOf, type LineRt } from '../plant/master-data.js';
import { draftReversal } from './reverse.js';
import { postingDateProblems } from './posting-date.js';

/** Controls whose switch takes effect on the next message; the others are built into a session's layer. */
const LIVE_CONTROLS: ReadonlySet<Control> = new Set<Control>(['idempotency', 'validation', 'retry', 'storeAndForward', 'rateLimit']);
/** Why `control` cannot be switched while a session runs, or undefined when it can. */
export function fixedControlReason(control: Control): string | undefined {
  if (LIVE_CONTROLS.has(control)) return undefined;
  return `${control} is built into the integration layer when a session starts: set integration.${control}.enabled in the scenario file`;
}

const MAX_COPIES = 1000;
const MAX_WAIT_MS = 24 * 3_600_000;
const MAX_IDS = 1000;
const INJECT = 0;

type Scheduled = { readonly cmd: Extract<OperatorCommand, { kind: 'inject' }>; readonly ord: OrderRt; readonly copy: number };

const fail = (message: string): never => {
  throw new OperatorError(message);
};

/**
 * The operator's hands on a simulation: fault switches, control changes, injections and work on
 * the dead-letter queue. Every action is first journaled as an `operator.*` event (who, what, why),
 * at the simulation's current instant, then carried out through the same paths the plant's own
 * messages take — so what it changes shows in the journal exactly as it would from a real plant.
 */
export class Operator implements TaskHandler {
  /** operator-event channels by `plant/line` (`*` for actions on the whole plant) */
  private readonly channels = new Map<string, Channel>();
  private actions = 0;

  constructor(
    private readonly c: Ctx,
    private readonly edge: Edge,
    private readonly layer: Layer,
    private readonly windows: FaultWindows,
  ) {}

  act(cmd: OperatorCommand): ActResult {
    switch (cmd.kind) {
      case 'fault':
        return this.fault(cmd);
      case 'control':
        return this.control(cmd);
      case 'inject':
        return this.inject(cmd);
      case 'resend':
        return this.resend(cmd);
      case 'reverse':
        return this.reverse(cmd);
      case 'hint':
      case 'answer':
        return this.training(cmd);
      default:
        return this.onQueue(cmd);
    }
  }

  /** Controls as they are now, and the faults an operator has switched on. */
  settings(): { controls: Record<Control, boolean>; faults: { fault: FaultKind; line: string | null; since: number }[] } {
    const cfg = this.c.scenario.integration;
    const controls = Object.fromEntries(CONTROLS.map((k) => [k, cfg[k].enabled])) as Record<Control, boolean>;
    const faults = this.c.faults.switchedOn().map((f) => ({ fault: f.kind, line: f.lineKey ?? null, since: f.from }));
    return { controls, faults };
  }

  /** The open dead letter `messageId`'s message, as its sender made it. */
  deadLetter(messageId: string): AnyEvent | undefined {
    return this.layer.deadLetterOf(messageId)?.ev;
  }

  fire(_kind: number, a: unknown): void {
    const s = a as Scheduled;
    this.sendCopy(s.cmd, s.ord, s.copy);
  }

  private fault(cmd: Extract<OperatorCommand, { kind: 'fault' }>): ActResult {
    const c = this.c;
    if (!(FAULT_KINDS as readonly string[]).includes(cmd.fault)) fail(`unknown fault "${cmd.fault}" (one of ${FAULT_KINDS.join(', ')})`);
    const lines = cmd.line === undefined ? c.lines : this.linesNamed(cmd.line);
    const now = c.sched.now;
    const on = c.faults.switchedOn().some((f) => f.kind === cmd.fault && f.lineKey === cmd.line);
    const where = cmd.line === undefined ? 'on every line' : `on ${cmd.line}`;
    if (cmd.enabled) {
      if (on) fail(`${cmd.fault} is already on ${where}`);
      const params = this.faultParams(cmd.fault, cmd.params ?? {});
      c.faults.switchOn(cmd.fault, cmd.line, params, now);
    } else {
      if (!on) fail(`${cmd.fault} was not switched on ${where} by an operator (a scenario's own faults keep their schedule)`);
      // a windowed fault switched off closes its window: the ledger records it like a scenario's
      for (const f of c.faults.switchOff(cmd.fault, cmd.line, now)) if (WINDOW_KINDS.has(f.kind)) this.windows.record(f);
      if (cmd.fault === 'wan-outage') this.edge.restore(lines);
      if (cmd.fault === 'mes-restart') this.edge.mesBack(lines);
    }
    const place = lines.length === 1 ? lines[0] : undefined;
    const data: EventData['operator.fault-toggled'] = { enabled: cmd.enabled, fault: cmd.line === undefined ? cmd.fault : `${cmd.fault}@${cmd.line}`, who: cmd.who, why: cmd.why };
    return { actions: [this.journal('operator.fault-toggled', data, place, undefined)], messages: [], refused: [] };
  }

  private faultParams(kind: FaultKind, given: Readonly<Record<string, number | string>>): Record<string, number | string> {
    const known = FAULT_DEFAULTS[kind];
    const out: Record<string, number | string> = {};
    for (const [k, v] of Object.entries(given)) {
      if (k === 'probability') {
        if (typeof v !== 'number' || !(v > 0 && v <= 1)) fail('probability must be a number in (0, 1]');
      } else if (!Object.prototype.hasOwnProperty.call(known, k)) {
        const names = Object.keys(known);
        fail(`${kind} has no parameter "${k}"${names.length ? ` (it has ${names.join(', ')})` : ''}`);
      } else if (typeof v !== typeof known[k]) fail(`${kind}.${k} must be a ${typeof known[k]}`);
      out[k] = v;
    }
    return out;
  }

  private linesNamed(name: string): readonly LineRt[] {
    const found = this.c.lines.filter((l) => (name.includes('/') ? l.key === name : l.line === name));
    if (found.length === 0) fail(`no line "${name}" in this session (lines: ${this.c.lines.map((l) => l.key).join(', ')})`);
    return found;
  }

  private control(cmd: Extract<OperatorCommand, { kind: 'control' }>): ActResult {
    if (!(CONTROLS as readonly string[]).includes(cmd.control)) fail(`unknown control "${cmd.control}" (one of ${CONTROLS.join(', ')})`);
    const fixed = fixedControlReason(cmd.control);
    if (fixed !== undefined) fail(fixed);
    const section = this.c.scenario.integration[cmd.control] as { enabled: boolean };
    if (section.enabled === cmd.enabled) fail(`${cmd.control} is already ${cmd.enabled ? 'on' : 'off'}`);
    section.enabled = cmd.enabled;
    const data: EventData['operator.control-changed'] = { control: cmd.control, enabled: cmd.enabled, who: cmd.who, why: cmd.why };
    return { actions: [this.journal('operator.control-changed', data, undefined, undefined)], messages: [], refused: [] };
  }

  private inject(cmd: Extract<OperatorCommand, { kind: 'inject' }>): ActResult {
    const problems = payloadProblems(cmd.event);
    if (problems.length > 0) fail(`the event is not valid: ${problems.join('; ')}`);
    const whole = (v: number, name: string, min: number, max: number) => {
      if (!Number.isSafeInteger(v) || v < min || v > max) fail(`${name} must be a whole number from ${min} to ${max}, got ${v}`);
    };
    whole(cmd.count, 'count', 1, MAX_COPIES);
    whole(cmd.spacingMs, 'spacingMs', 0, MAX_WAIT_MS);
    whole(cmd.delayMs, 'delayMs', 0, MAX_WAIT_MS);
    const ord = this.c.orders.get(cmd.event.order, this.c.sched.now) ?? fail(`order ${cmd.event.order} is not known to this session (it may have closed more than a simulated day ago)`);
    const first = this.sendCopy(cmd, ord, 0);
    for (let i = 1; i < cmd.count; i++) {
      const task: Scheduled = { cmd, ord, copy: i };
      this.c.sched.at(this.c.sched.now + i * cmd.spacingMs, PRIO.plant, this, INJECT, task);
    }
    return { actions: [first.action], messages: [first.message], refused: [] };
  }

  /** One injected copy: journaled as an operator action, then sent from the order's line like its own system's message. */
  private sendCopy(cmd: Extract<OperatorCommand, { kind: 'inject' }>, ord: OrderRt, copy: number): { action: string; message: string } {
    const d = cmd.event;
    const ev = this.message(ord, d.type, d.data, d.businesskey, undefined, d.lot);
    const data: EventData['operator.event-injected'] = { eventId: ev.id, eventType: ev.type, who: cmd.who, why: cmd.why };
    if (cmd.template !== undefined) data.template = cmd.template;
    const action = this.journal('operator.event-injected', data, ord.line, ord, d.businesskey, undefined, d.lot);
    this.edge.inject(ev, ord, copy === 0 ? cmd.delayMs : 0);
    return { action, message: ev.id };
  }

  private resend(cmd: Extract<OperatorCommand, { kind: 'resend' }>): ActResult {
    const msg = this.layer.deadLetterOf(cmd.messageId) ?? fail(`${cmd.messageId} is not an open dead letter (already retried, resent or discarded?)`);
    const problems = resendProblems(msg.ev, cmd.changes);
    if (problems.length > 0) fail(`the changes are not valid: ${problems.join('; ')}`);
    this.layer.takeDeadLetter(cmd.messageId);
    const ev = msg.ev;
    const data = { ...(ev.data as Record<string, unknown>), ...cmd.changes };
    const copy = this.message(msg.ord, ev.type, data, ev.businesskey, ev.id, ev.lot);
    const changes = { ...cmd.changes };
    const opData: EventData['operator.exception-resent'] = { changes, messageId: ev.id, newMessageId: copy.id, who: cmd.who, why: cmd.why };
    const action = this.journal('operator.exception-resent', opData, msg.ord.line, msg.ord, ev.businesskey, ev.id, ev.lot);
    this.c.out.event(copy);
    this.layer.arrive(copy, msg.ord);
    return { actions: [action], messages: [copy.id], refused: [] };
  }

  /**
   * Ask ERP to reverse one posting of a key: journaled as `operator.reversal-requested` (keyed by
   * the reversed key), then the reversal message leaves the order's line like an injected message.
   */
  private reverse(cmd: Extract<OperatorCommand, { kind: 'reverse' }>): ActResult {
    const r = draftReversal(this.c, cmd.reverses);
    const ev = this.message(r.ord, r.type, r.data, r.key, r.cause, r.lot);
    const data: EventData['operator.reversal-requested'] = { messageId: ev.id, messageType: ev.type, reverses: cmd.reverses, who: cmd.who, why: cmd.why };
    const action = this.journal('operator.reversal-requested', data, r.ord.line, r.ord, cmd.reverses, r.cause, r.lot);
    this.edge.inject(ev, r.ord, 0);
    return { actions: [action], messages: [ev.id], refused: [] };
  }

  /** A trainee's hint or answer: an operator event of the whole plant, nothing sent. */
  private training(cmd: Extract<OperatorCommand, { kind: 'hint' | 'answer' }>): ActResult {
    const text = (v: unknown, name: string, max: number): string => {
      if (typeof v !== 'string' || v.trim() === '') fail(`${name} must be a non-empty text`);
      return (v as string).trim().slice(0, max);
    };
    const exercise = text(cmd.exercise, 'exercise', 200);
    if (cmd.kind === 'hint') {
      if (!Number.isSafeInteger(cmd.hint) || cmd.hint < 1) fail(`hint must be a whole number from 1, got ${cmd.hint}`);
      const data: EventData['operator.hint-taken'] = { exercise, hint: cmd.hint, who: cmd.who, why: cmd.why };
      return { actions: [this.journal('operator.hint-taken', data, undefined, undefined)], messages: [], refused: [] };
    }
    const data: EventData['operator.answer-given'] = { answer: text(cmd.answer, 'answer', 500), exercise, question: text(cmd.question, 'question', 200), who: cmd.who, why: cmd.why };
    return { actions: [this.journal('operator.answer-given', data, undefined, undefined)], messages: [], refused: [] };
  }

  private onQueue(cmd: Extract<OperatorCommand, { kind: 'retry' | 'discard' }>): ActResult {
    const ids = cmd.messageIds;
    if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_IDS) fail(`messageIds must list 1 to ${MAX_IDS} message ids`);
    const result: ActResult = { actions: [], messages: [], refused: [] };
    for (const id of new Set(ids)) {
      const msg = typeof id === 'string' ? this.layer.takeDeadLetter(id) : undefined;
      if (msg === undefined) {
        result.refused.push({ messageId: String(id), reason: 'not an open dead letter (already retried, resent or discarded?)' });
        continue;
      }
      result.actions.push(this.queueAction(cmd, msg));
      if (cmd.kind === 'retry') {
        result.messages.push(msg.ev.id);
        this.layer.retry(msg);
      }
    }
    return result;
  }

  private queueAction(cmd: Extract<OperatorCommand, { kind: 'retry' | 'discard' }>, msg: Msg): string {
    const data = { messageId: msg.ev.id, who: cmd.who, why: cmd.why };
    const type = cmd.kind === 'retry' ? 'operator.exception-retried' : 'operator.exception-discarded';
    return this.journal(type, data, msg.ord.line, msg.ord, msg.ev.businesskey, msg.ev.id, msg.ev.lot);
  }

  /** A new message from `ord`'s line, made by the operator: new id and sequence on its sender's channel, origin `injected`. */
  private message(ord: OrderRt, type: EventType, data: Readonly<Record<string, unknown>>, key: string, cause: string | undefined, lot: string | undefined): AnyEvent {
    const c = this.c;
    const ev = c.env.build(channelOf(ord.line, type), type, c.sched.now, data as never, key, ord.id, ord.id, cause, lot) as { origin: string };
    ev.origin = 'injected';
    return ev as unknown as AnyEvent;
  }

  /** Journal an operator action on the channel of `line` (or of the whole plant); returns its event id. */
  private journal<T extends OperatorEventType>(
    type: T,
    data: EventData[T],
    line: LineRt | undefined,
    ord: OrderRt | undefined,
    key?: string,
    cause?: string,
    lot?: string,
  ): string {
    const c = this.c;
    const n = ++this.actions;
    const ch = this.channel(line);
    const id = key ?? `operator-${c.ids.seedHex}-${n}`;
    const ev = c.env.build(ch, type, c.sched.now, data, id, ord?.id ?? id, ord?.id, cause, lot);
    c.out.event(ev as unknown as AnyEvent);
    return ev.id;
  }

  private channel(line: LineRt | undefined): Channel {
    const plant = line?.plant ?? '*';
    const name = line?.line ?? '*';
    const key = `${plant}/${name}`;
    let ch = this.channels.get(key);
    if (ch === undefined) {
      // operator channels never reach the integration layer, so their index only has to be distinct
      ch = { index: -1 - this.channels.size, source: `/${plant}/${name}/operator`, plant, line: name, system: 'operator', seq: 0 };
      this.channels.set(key, ch);
    }
    return ch;
  }
}

/** Problems with changes to a dead letter's data: only its own fields, each keeping its type. */
export function resendProblems(ev: AnyEvent, changes: unknown): string[] {
  if (typeof changes !== 'object' || changes === null || Array.isArray(changes)) return ['changes must be an object of data fields'];
  const data = ev.data as Record<string, unknown>;
  const problems: string[] = [];
  for (const [k, v] of Object.entries(changes)) {
    const dated = postingDateProblems(ev.type, k, v);
    if (dated !== undefined) problems.push(...dated);
    else if (!Object.prototype.hasOwnProperty.call(data, k)) problems.push(`${k} is not a field of ${ev.type}`);
    else if (typeof v !== typeof data[k]) problems.push(`${k} must stay a ${typeof data[k]}`);
  }
  if (problems.length === 0 && isInjectable(ev.type)) problems.push(...dataProblems(ev.type, { ...data, ...changes }));
  if ('order' in changes && (changes as Record<string, unknown>).order !== data.order) problems.push('order cannot change: a resend belongs to the same order');
  return problems;
}
