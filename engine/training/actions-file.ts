import { resolve as resolvePath } from 'node:path';
import { CONTROLS, EXCEPTION_CATEGORIES, FAULT_KINDS, GAP_KINDS, parseDuration, type Control, type FaultKind, type InjectDraft } from '../../model/index.js';
import { readSource, type Source } from '../scenario/source.js';

/** Which open dead letters an action applies to: listed ids, every one (`all`), or those matching a filter. */
export type DeadLetterPick =
  | { readonly ids: readonly string[] }
  | { readonly filter: { readonly category?: string; readonly line?: string; readonly messageType?: string; readonly order?: string; readonly businesskey?: string } };

/** One thing a scripted trainee does. */
export type TraineeAction =
  | { readonly kind: 'answer'; readonly question: string; readonly answer: string; readonly why?: string }
  | { readonly kind: 'hint' }
  | { readonly kind: 'retry' | 'discard'; readonly pick: DeadLetterPick; readonly why: string }
  | { readonly kind: 'resend'; readonly pick: DeadLetterPick; readonly changes: Readonly<Record<string, unknown>>; readonly why: string }
  | { readonly kind: 'reverse'; readonly reverses: { readonly key: string } | { readonly gaps: string }; readonly why: string }
  | { readonly kind: 'fault'; readonly fault: FaultKind; readonly line?: string; readonly enabled: boolean; readonly params?: Readonly<Record<string, number | string>>; readonly why: string }
  | { readonly kind: 'control'; readonly control: Control; readonly enabled: boolean; readonly why: string }
  | { readonly kind: 'inject'; readonly event: InjectDraft; readonly count: number; readonly spacingMs: number; readonly delayMs: number; readonly why: string };

/** A scripted action at a plant time (ms from the scenario's start), with where it is in the file. */
export type ActionStep = { readonly atMs: number; readonly action: TraineeAction; readonly line: string };

const KINDS = ['answer', 'hint', 'retry', 'discard', 'resend', 'reverse', 'fault', 'control', 'inject'] as const;
const FILTER_KEYS = ['category', 'line', 'messageType', 'order', 'businesskey'];
const DEFAULT_WHY = 'scripted trainee';

/**
 * Read a trainee's actions file: a YAML (or JSON) list, each entry `at:` (plant time from the
 * scenario's start, e.g. `10h`), one action and an optional `why:`. Wrong entries throw a
 * ScenarioError naming file:line:col. See docs/training.md for every action.
 */
export function loadActions(file: string): ActionStep[] {
  const src = readSource(file, resolvePath(file));
  return parseActions(src);
}

export function parseActions(src: Source): ActionStep[] {
  const data = src.data;
  if (!Array.isArray(data)) src.fail([], 'a list of actions, each with at: and one of ' + KINDS.join(', '));
  return (data as unknown[]).map((entry, i) => parseStep(src, entry, i));
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseStep(src: Source, entry: unknown, i: number): ActionStep {
  if (!isObject(entry)) src.fail([i], 'an action: at: and one of ' + KINDS.join(', '));
  const e = entry;
  for (const k of Object.keys(e)) if (k !== 'at' && k !== 'why' && !(KINDS as readonly string[]).includes(k)) src.fail([i, k], `at, why or one action (${KINDS.join(', ')})`, k, { key: true });
  const atMs = typeof e.at === 'string' ? parseDuration(e.at) : undefined;
  if (atMs === undefined) src.fail([i, ...(e.at === undefined ? [] : ['at'])], 'at: a plant time from the scenario start, e.g. 90m or 10h', e.at === undefined ? 'no at:' : JSON.stringify(e.at));
  const kinds = KINDS.filter((k) => k in e);
  if (kinds.length !== 1) src.fail([i], `exactly one action (${KINDS.join(', ')})`, kinds.length === 0 ? 'none' : kinds.join(' and '));
  const kind = kinds[0]!;
  if (e.why !== undefined && (typeof e.why !== 'string' || e.why.trim() === '')) src.fail([i, 'why'], 'a reason in words');
  const why = typeof e.why === 'string' ? e.why.trim() : DEFAULT_WHY;
  const v = e[kind];
  const at = [i, kind] as const;
  const text = (x: unknown, path: readonly (string | number)[], what: string): string => {
    if (typeof x !== 'string' || x.trim() === '') src.fail([...path], what, JSON.stringify(x));
    return (x).trim();
  };
  const bool = (x: unknown, path: readonly (string | number)[]): boolean => {
    if (typeof x !== 'boolean') src.fail([...path], 'true or false', JSON.stringify(x));
    return x;
  };
  const only = (o: Record<string, unknown>, keys: readonly string[]) => {
    for (const k of Object.keys(o)) if (!keys.includes(k)) src.fail([...at, k], `one of ${keys.join(', ')}`, k, { key: true });
  };
  const pick = (x: unknown, path: readonly (string | number)[]): DeadLetterPick => {
    if (x === 'all') return { filter: {} };
    if (typeof x === 'string' && x.trim() !== '') return { ids: [x.trim()] };
    if (Array.isArray(x) && x.length > 0) return { ids: x.map((id, j) => text(id, [...path, j], 'a message id')) };
    if (isObject(x)) {
      for (const k of Object.keys(x)) if (!FILTER_KEYS.includes(k)) src.fail([...path, k], `a filter of open dead letters (${FILTER_KEYS.join(', ')})`, k, { key: true });
      const f = Object.fromEntries(Object.entries(x).map(([k, val]) => [k, text(val, [...path, k], `a ${k}`)]));
      if (f.category !== undefined && !(EXCEPTION_CATEGORIES as readonly string[]).includes(f.category)) src.fail([...path, 'category'], `one of ${EXCEPTION_CATEGORIES.join(', ')}`, f.category);
      return { filter: f };
    }
    return src.fail([...path], 'message ids (a list), all, or a filter {category, line, messageType, order, businesskey}', JSON.stringify(x));
  };
  let action: TraineeAction;
  switch (kind) {
    case 'answer': {
      if (!isObject(v)) src.fail([...at], '{ question: <id>, answer: <text> }');
      const o = v;
      only(o, ['question', 'answer', 'why']);
      action = { kind, question: text(o.question, [...at, 'question'], 'a question id'), answer: text(typeof o.answer === 'number' ? String(o.answer) : o.answer, [...at, 'answer'], 'an answer'), ...(typeof o.why === 'string' ? { why: o.why } : e.why !== undefined ? { why } : {}) };
      break;
    }
    case 'hint':
      if (v !== true) src.fail([...at], 'hint: true');
      action = { kind };
      break;
    case 'retry':
    case 'discard':
      action = { kind, pick: pick(v, at), why };
      break;
    case 'resend': {
      if (!isObject(v)) src.fail([...at], '{ messages: <ids, all or a filter>, changes: { field: value } }');
      const o = v;
      only(o, ['messages', 'changes']);
      if (!isObject(o.changes)) src.fail([...at, ...(o.changes === undefined ? [] : ['changes'])], 'changes: the data fields to change, e.g. { uom: EA }');
      action = { kind, pick: pick(o.messages, [...at, 'messages']), changes: o.changes, why };
      break;
    }
    case 'reverse': {
      if (typeof v === 'string' && v.trim() !== '') action = { kind, reverses: { key: v.trim() }, why };
      else if (isObject(v) && typeof v.gaps === 'string' && Object.keys(v).length === 1) {
        if (!(GAP_KINDS as readonly string[]).includes(v.gaps)) src.fail([...at, 'gaps'], `a gap kind (${GAP_KINDS.join(', ')})`, v.gaps);
        action = { kind, reverses: { gaps: v.gaps }, why };
      } else return src.fail([...at], 'a business key, or { gaps: duplicate-posting } (the key of every open gap of that kind)', JSON.stringify(v));
      break;
    }
    case 'fault': {
      if (!isObject(v)) src.fail([...at], '{ fault: <kind>, enabled: true|false, line?: <line> }');
      const o = v;
      only(o, ['fault', 'line', 'enabled', 'params']);
      const fault = text(o.fault, [...at, 'fault'], `a fault kind (${FAULT_KINDS.join(', ')})`);
      if (!(FAULT_KINDS as readonly string[]).includes(fault)) src.fail([...at, 'fault'], `a fault kind (${FAULT_KINDS.join(', ')})`, fault);
      action = {
        kind,
        fault: fault as FaultKind,
        enabled: bool(o.enabled, [...at, 'enabled']),
        ...(o.line === undefined ? {} : { line: text(o.line, [...at, 'line'], 'a line') }),
        ...(isObject(o.params) ? { params: o.params as Record<string, number | string> } : {}),
        why,
      };
      break;
    }
    case 'control': {
      if (!isObject(v)) src.fail([...at], '{ control: <name>, enabled: true|false }');
      const o = v;
      only(o, ['control', 'enabled']);
      const control = text(o.control, [...at, 'control'], `a control (${CONTROLS.join(', ')})`);
      if (!(CONTROLS as readonly string[]).includes(control)) src.fail([...at, 'control'], `a control (${CONTROLS.join(', ')})`, control);
      action = { kind, control: control as Control, enabled: bool(o.enabled, [...at, 'enabled']), why };
      break;
    }
    case 'inject': {
      if (!isObject(v) || !isObject(v.event)) src.fail([...at], '{ event: { type, order, businesskey, data }, count?, spacing?, delay? }');
      const o = v;
      only(o, ['event', 'count', 'spacing', 'delay']);
      const ms = (x: unknown, name: string): number => {
        if (x === undefined) return 0;
        const d = typeof x === 'string' ? parseDuration(x) : undefined;
        if (d === undefined) src.fail([...at, name], 'a duration, e.g. 30s', JSON.stringify(x));
        return d;
      };
      action = { kind, event: o.event as InjectDraft, count: typeof o.count === 'number' ? o.count : 1, spacingMs: ms(o.spacing, 'spacing'), delayMs: ms(o.delay, 'delay'), why };
      break;
    }
  }
  return { atMs: atMs, action, line: `${src.file} entry ${i + 1} (${kind} at ${String(e.at)})` };
}
