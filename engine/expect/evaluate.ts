import type { ExpectOperand, ExpectStep, Expectation, ExpectationResult } from '../../model/index.js';

export type { ExpectationResult } from '../../model/index.js';

/** A value reached by a path, with a label for the element it came from when the path fanned out. */
type Reached = { readonly label: string; readonly value: unknown };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function labelOf(v: unknown, i: number): string {
  if (isObject(v) && typeof v.plant === 'string' && typeof v.line === 'string') return `${v.plant}/${v.line}${typeof v.order === 'string' ? ` ${v.order}` : ''}`;
  if (isObject(v) && typeof v.order === 'string') return v.order;
  return `[${i}]`;
}

/** Walk `steps` from `doc`; a `[*]` fans out into one value per element. Missing keys give undefined. */
export function resolvePath(doc: unknown, steps: readonly ExpectStep[]): { readonly reached: readonly Reached[]; readonly fannedOut: boolean } {
  let current: Reached[] = [{ label: '', value: doc }];
  let fannedOut = false;
  for (const s of steps) {
    const next: Reached[] = [];
    for (const r of current) {
      const v = r.value;
      if (s.kind === 'key') {
        if (s.key === 'length' && Array.isArray(v)) next.push({ label: r.label, value: v.length });
        else next.push({ label: r.label, value: isObject(v) ? v[s.key] : undefined });
      } else if (!Array.isArray(v)) next.push({ label: r.label, value: undefined });
      else if (s.kind === 'each') {
        fannedOut = true;
        v.forEach((e, i) => next.push({ label: r.label === '' ? labelOf(e, i) : `${r.label} ${labelOf(e, i)}`, value: e }));
      } else if (s.kind === 'index') next.push({ label: r.label, value: v[s.index] });
      else if (s.kind === 'line') next.push({ label: r.label, value: v.find((e) => isObject(e) && e.plant === s.plant && e.line === s.line) });
      else next.push({ label: r.label, value: v.filter((e) => isObject(e) && String(e[s.field]) === s.value) });
    }
    current = next;
  }
  return { reached: current, fannedOut };
}

/** What `in PATH` may equal: every value the path fans out to, or the elements of the list it reaches. */
function amongValues(doc: unknown, among: Extract<ExpectOperand, { kind: 'path' }>): unknown[] {
  const r = resolvePath(doc, among.steps);
  if (r.fannedOut) return r.reached.map((x) => x.value);
  const v = r.reached[0]?.value;
  return Array.isArray(v) ? v : v === undefined ? [] : [v];
}

function operandValue(doc: unknown, o: ExpectOperand): unknown {
  if (o.kind !== 'path') return o.value;
  const r = resolvePath(doc, o.steps);
  return r.fannedOut ? undefined : r.reached[0]?.value;
}

function holds(value: unknown, e: Expectation, doc: unknown): boolean {
  const t = e.test;
  if (t.op === 'in') return t.among === undefined ? t.values.some((v) => v === value) : amongValues(doc, t.among).some((v) => v === value);
  const rhs = operandValue(doc, t.operand);
  if (t.op === '=') return value === rhs;
  if (t.op === '!=') return value !== rhs;
  if (typeof value !== 'number' || typeof rhs !== 'number') return false;
  if (t.op === '<') return value < rhs;
  if (t.op === '<=') return value <= rhs;
  if (t.op === '>') return value > rhs;
  return value >= rhs;
}

/** Check every expectation against `doc` (a run report), in order. */
export function evaluateExpectations(doc: unknown, expectations: readonly Expectation[]): ExpectationResult[] {
  return expectations.map((e) => {
    const { reached, fannedOut } = resolvePath(doc, e.steps);
    const base = { path: e.path, expected: e.expected };
    if (!fannedOut) {
      const value = reached[0]?.value;
      if (value === undefined) return { ...base, value: null, verdict: 'fail', why: `nothing at ${e.path} in the report` };
      if (e.test.op !== 'in' && e.test.operand.kind === 'path' && operandValue(doc, e.test.operand) === undefined) {
        return { ...base, value, verdict: 'fail', why: `nothing at ${e.test.operand.text} in the report` };
      }
      return holds(value, e, doc) ? { ...base, value, verdict: 'pass' } : { ...base, value, verdict: 'fail', why: `${show(value)} is not ${e.expected}` };
    }
    const value = Object.fromEntries(reached.map((r) => [r.label, r.value ?? null]));
    if (reached.length === 0) return { ...base, value, verdict: 'fail', why: `no element at ${e.path}: [*] needs at least one` };
    const failing = reached.filter((r) => r.value === undefined || !holds(r.value, e, doc));
    if (failing.length === 0) return { ...base, value, verdict: 'pass' };
    return { ...base, value, verdict: 'fail', why: failing.map((r) => `${r.label}: ${show(r.value)}`).join('; ') + ` (expected ${e.expected})` };
  });
}

function show(v: unknown): string {
  return v === undefined ? 'nothing' : typeof v === 'string' ? v : JSON.stringify(v);
}
