import { parseDuration } from './duration.js';

/**
 * The comparator grammar of scenario `expect:` blocks (and of later contract checks): a path into a
 * JSON document — the run report — an operator and a value.
 *
 * Path: dot-separated keys (`controls.buffered`, `faults.wan-outage`), each optionally followed by
 * selectors: `['qms.hold.placed']` a key that holds dots; on an array, `[PLANT/LINE]` the element of that plant and line, `[field=value]` the
 * elements whose field equals value (still a list), `[*]` every element (the expectation must hold
 * for each, and there must be at least one), `[N]` the N-th; `length` of a list is its count.
 *
 * Value: a number (equal to it), `true`/`false`, or a string `OP OPERAND` with OP one of
 * `= != < <= > >=` and OPERAND a number, a duration (`60s`: compared in ms), another path, or a
 * word; or `in A, B, …` (equal to one of them), or `in PATH` (equal to one of the values PATH
 * reaches: a list, or each element's value with `[*]`). `">0"`, `"<60s"`, `"=controls.buffered"`,
 * `"in gaps[kind=receipt][*].order"`.
 */
export type ExpectStep =
  | { readonly kind: 'key'; readonly key: string }
  | { readonly kind: 'line'; readonly plant: string; readonly line: string }
  | { readonly kind: 'where'; readonly field: string; readonly value: string }
  | { readonly kind: 'each' }
  | { readonly kind: 'index'; readonly index: number };

/** What a value is compared with. */
export type ExpectOperand =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'word'; readonly value: string | boolean }
  | { readonly kind: 'path'; readonly text: string; readonly steps: readonly ExpectStep[] };

export type ExpectOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** One parsed expectation. */
export type Expectation = {
  /** the path as written */
  readonly path: string;
  readonly steps: readonly ExpectStep[];
  /** the expected value as written (`">0"`, `0`, …) */
  readonly expected: string;
  readonly test:
    | { readonly op: ExpectOp; readonly operand: ExpectOperand }
    /** `in A, B, …` (values), or `in PATH`: one of the values the path reaches (a list, or every element with `[*]`) */
    | { readonly op: 'in'; readonly values: readonly (string | number)[]; readonly among?: Extract<ExpectOperand, { kind: 'path' }> };
};

const KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Parse a path, or say what is wrong with it. */
export function parseExpectPath(text: string): readonly ExpectStep[] | string {
  const steps: ExpectStep[] = [];
  let rest = text.trim();
  if (rest === '') return 'an empty path';
  while (rest.length > 0) {
    const key = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(rest);
    if (key === null) return `expected a key at "${rest}"`;
    steps.push({ kind: 'key', key: key[0] });
    rest = rest.slice(key[0].length);
    while (rest.startsWith('[')) {
      const end = rest.indexOf(']');
      if (end < 0) return `an unclosed [ in "${text}"`;
      const inner = rest.slice(1, end).trim();
      rest = rest.slice(end + 1);
      const quoted = /^(['"])(.+)\1$/.exec(inner);
      if (quoted !== null) steps.push({ kind: 'key', key: quoted[2]! });
      else if (inner === '*') steps.push({ kind: 'each' });
      else if (/^\d+$/.test(inner)) steps.push({ kind: 'index', index: Number(inner) });
      else if (/^[^=/\s]+\/[^=/\s]+$/.test(inner)) {
        const [plant, line] = inner.split('/') as [string, string];
        steps.push({ kind: 'line', plant, line });
      } else if (/^[A-Za-z_][A-Za-z0-9_-]*=[^\]]+$/.test(inner)) {
        const at = inner.indexOf('=');
        steps.push({ kind: 'where', field: inner.slice(0, at), value: inner.slice(at + 1).trim() });
      } else return `a selector must be [*], [N], [PLANT/LINE], [field=value] or ['key'], got [${inner}]`;
    }
    if (rest.startsWith('.')) {
      rest = rest.slice(1);
      if (!KEY.test(rest.split(/[.[]/, 1)[0] ?? '')) return `expected a key after "." in "${text}"`;
    } else if (rest.length > 0) return `unexpected "${rest}" in "${text}"`;
  }
  return steps;
}

const OPS: readonly ExpectOp[] = ['<=', '>=', '!=', '=', '<', '>'];

function operand(text: string): ExpectOperand | string {
  const t = text.trim();
  if (t === '') return 'a comparison needs a value after its operator';
  if (/^-?\d+(\.\d+)?$/.test(t)) return { kind: 'number', value: Number(t) };
  const ms = parseDuration(t);
  if (ms !== undefined) return { kind: 'number', value: ms };
  if (t === 'true' || t === 'false') return { kind: 'word', value: t === 'true' };
  if (/[.[]/.test(t)) {
    const steps = parseExpectPath(t);
    return typeof steps === 'string' ? steps : { kind: 'path', text: t, steps };
  }
  return { kind: 'word', value: t };
}

/** Parse one `path: value` entry of an `expect:` block, or say what is wrong with it. */
export function parseExpectation(path: string, value: unknown): Expectation | string {
  const steps = parseExpectPath(path);
  if (typeof steps === 'string') return `path ${path}: ${steps}`;
  if (typeof value === 'number' && Number.isFinite(value)) return { path, steps, expected: String(value), test: { op: '=', operand: { kind: 'number', value } } };
  if (typeof value === 'boolean') return { path, steps, expected: String(value), test: { op: '=', operand: { kind: 'word', value } } };
  if (typeof value !== 'string') return `${path}: expected a number, true/false, or a comparison such as ">0", "<60s", "=controls.buffered"`;
  const text = value.trim();
  if (text.startsWith('in ')) {
    const rest = text.slice(3).trim();
    if (!rest.includes(',') && /[.[]/.test(rest) && !/^-?\d+(\.\d+)?$/.test(rest)) {
      const among = parseExpectPath(rest);
      if (typeof among === 'string') return `${path}: ${among}`;
      return { path, steps, expected: text, test: { op: 'in', values: [], among: { kind: 'path', text: rest, steps: among } } };
    }
    const values = text.slice(3).split(',').map((v) => v.trim()).filter((v) => v !== '').map((v) => (/^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v));
    if (values.length === 0) return `${path}: "in" needs values, e.g. "in data-quality, business-rule"`;
    return { path, steps, expected: text, test: { op: 'in', values } };
  }
  const op = OPS.find((o) => text.startsWith(o));
  const rhs = operand(op === undefined ? text : text.slice(op.length));
  if (typeof rhs === 'string') return `${path}: ${rhs}`;
  return { path, steps, expected: text, test: { op: op ?? '=', operand: rhs } };
}

/** An expectation checked against a document: its value there and the verdict. */
export type ExpectationResult = {
  readonly path: string;
  readonly expected: string;
  /** the value found (for `[*]`, every element's value, labelled) ; null when the path leads nowhere */
  readonly value: unknown;
  readonly verdict: 'pass' | 'fail';
  /** why it failed, in words (absent when it passed) */
  readonly why?: string;
};
