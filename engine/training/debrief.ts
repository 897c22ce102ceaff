import type { Database } from 'better-sqlite3';
import type { Monitor } from '../../monitor/index.js';
import { interfaceOfMessage, isPosting, isReversalMessage, needsErpPosting, type AnyEvent } from '../../model/index.js';
import type { Debrief, DebriefMistake, DebriefObjective, EventRef, MistakeKind } from '../contract/index.js';
import { evaluateExpectations } from '../expect/evaluate.js';
import { eventsCausedBy, eventsForOrder, eventsOfKey, eventsOfKeyPrefix, operatorEvents } from '../journal/index.js';
import type { RunReport } from '../report/report.js';
import { limitOf, type TraineeRun } from './trainee-run.js';

/** Everything a debrief is worked out from: the run's final report, the monitor at the end, and the journal. */
export type DebriefInput = {
  readonly report: RunReport;
  readonly monitor: Pick<Monitor, 'postingsOf' | 'snapshot'>;
  readonly db: Database;
  readonly seed: number;
};

const MAX_EVIDENCE = 24;

/** An event in one line, for the debrief. */
export function eventRef(e: AnyEvent): EventRef {
  const d = e.data as Record<string, unknown>;
  const who = typeof d.who === 'string' ? d.who : undefined;
  let text: string;
  switch (e.type) {
    case 'operator.answer-given':
      text = `${who} answered ${String(d.question)}: ${String(d.answer)}`;
      break;
    case 'operator.hint-taken':
      text = `${who} took hint ${String(d.hint)}`;
      break;
    case 'operator.exception-retried':
      text = `${who} retried ${String(d.messageId)} (${e.businesskey}): ${String(d.why)}`;
      break;
    case 'operator.exception-resent':
      text = `${who} resent ${String(d.messageId)} as ${String(d.newMessageId)} (${e.businesskey}) changing ${Object.keys((d.changes as object) ?? {}).join(', ') || 'nothing'}: ${String(d.why)}`;
      break;
    case 'operator.exception-discarded':
      text = `${who} discarded ${String(d.messageId)} (${e.businesskey}): ${String(d.why)}`;
      break;
    case 'operator.reversal-requested':
      text = `${who} asked ERP to reverse ${String(d.reverses)}: ${String(d.why)}`;
      break;
    case 'operator.event-injected':
      text = `${who} injected ${String(d.eventType)} ${e.businesskey}: ${String(d.why)}`;
      break;
    case 'operator.fault-toggled':
      text = `${who} switched ${String(d.fault)} ${d.enabled ? 'on' : 'off'}: ${String(d.why)}`;
      break;
    case 'operator.control-changed':
      text = `${who} switched ${String(d.control)} ${d.enabled ? 'on' : 'off'}: ${String(d.why)}`;
      break;
    default: {
      const qty = typeof d.qty === 'number' ? ` ${d.qty} ${typeof d.uom === 'string' ? d.uom : ''}`.trimEnd() : '';
      const reason = typeof d.reason === 'string' ? ` — ${d.reason}` : '';
      text = `${e.type} ${e.businesskey}${qty}${reason}`;
    }
  }
  return { id: e.id, type: e.type, time: e.time, businesskey: e.businesskey, text };
}

/** The message an action sent (whose postings show its effect), if it sent one. */
function messageSent(e: AnyEvent): string | undefined {
  const d = e.data as Record<string, unknown>;
  if (e.type === 'operator.exception-resent') return d.newMessageId as string;
  if (e.type === 'operator.exception-retried' || e.type === 'operator.reversal-requested') return d.messageId as string;
  if (e.type === 'operator.event-injected') return d.eventId as string;
  return undefined;
}

/**
 * What the journal says of a business key at the end of the run: the far side's postings of it, net
 * of the posted reversals (`{key}/REV/{n}`), and how many reversals the plant itself sent (a
 * cancellation of a mis-entry: then the key is meant to net to less than one).
 */
type KeyFacts = { readonly events: readonly AnyEvent[]; readonly net: number; readonly plantReversals: number; readonly reversalPostings: readonly AnyEvent[] };

function keyFacts(db: Database, session: number, key: string, traineeMessages: ReadonlySet<string>): KeyFacts {
  const events = eventsOfKey(db, session, key);
  const reversals = eventsOfKeyPrefix(db, session, `${key}/REV/`);
  const reversalPostings = reversals.filter((e) => isPosting(e.type));
  const plantReversals = reversals.filter((e) => isReversalMessage(e.type) && !traineeMessages.has(e.id)).length;
  return { events, net: events.filter((e) => isPosting(e.type)).length - reversalPostings.length, plantReversals, reversalPostings };
}

/**
 * The mistakes in a trainee's actions, each judged on the journal at the end of the run (so the harm
 * is there to point at; the monitor lets closed orders go, the journal keeps every posting):
 * - `double-post`: a retry, resend or injection whose message was posted, for a key now posted more
 *   than once net of reversals;
 * - `lost-posting`: a discard of a message that needed posting, whose key was never posted (net of
 *   reversals) on an order that was not cancelled;
 * - `over-reversal`: the reversal whose posting took its key below what the plant reported (one
 *   posting, less the plant's own cancellations);
 * - `wrong-answer`: an answer its question's check did not accept when it was given.
 */
function findMistakes(run: TraineeRun, actions: readonly AnyEvent[], all: readonly AnyEvent[], input: DebriefInput): Omit<DebriefMistake, 'cost'>[] {
  const { db } = input;
  const session = run.session;
  const out: Omit<DebriefMistake, 'cost'>[] = [];
  const flagged = new Set<string>();
  const traineeMessages = new Set(actions.map(messageSent).filter((m): m is string => m !== undefined));
  const facts = new Map<string, KeyFacts>();
  const factsOf = (key: string) => facts.get(key) ?? facts.set(key, keyFacts(db, session, key, traineeMessages)).get(key)!;
  const postedBy = (message: string) => eventsCausedBy(db, session, message).filter((e) => isPosting(e.type));
  const cancelled = (order: string | undefined) => order !== undefined && eventsForOrder(db, session, order).some((e) => e.event.type === 'erp.order.cancelled');
  /** reversals of a key posted so far in the walk, by key */
  const reversedSoFar = new Map<string, number>();
  for (const a of actions) {
    const key = a.businesskey;
    const sent = messageSent(a);
    if (a.type === 'operator.exception-retried' || a.type === 'operator.exception-resent' || a.type === 'operator.event-injected') {
      const posted = sent === undefined ? [] : postedBy(sent);
      const f = factsOf(key);
      if (posted.length > 0 && !flagged.has(`double:${key}`) && f.net > 1) {
        flagged.add(`double:${key}`);
        out.push({
          kind: 'double-post',
          at: a.time,
          text: `${eventRef(a).text}. That message was posted too, so business key ${key} is now posted ${f.net} times net of reversals, where the plant reported it once. Check how often a key was posted (the resend preview says it) before sending a message for it again.`,
          events: [eventRef(a), ...f.events.filter((e) => isPosting(e.type)).map(eventRef)].slice(0, MAX_EVIDENCE),
        });
      }
    } else if (a.type === 'operator.exception-discarded') {
      const f = factsOf(key);
      const message = f.events.find((e) => e.id === (a.data as { messageId?: string }).messageId);
      const receiver = message !== undefined && !needsErpPosting(message.type) ? 'MES' : 'ERP';
      const needed = message === undefined || interfaceOfMessage(message.type) !== undefined;
      if (needed && !flagged.has(`lost:${key}`) && f.net <= 0 && !cancelled(message?.subject ?? a.subject)) {
        flagged.add(`lost:${key}`);
        out.push({
          kind: 'lost-posting',
          at: a.time,
          text: `${eventRef(a).text}. ${receiver} never posted business key ${key}, so what was sent for it is missing there: a message nobody else will send again must be fixed and resent, not discarded.`,
          events: [eventRef(a), ...f.events.filter((e) => e.id !== a.id).map(eventRef)].slice(0, MAX_EVIDENCE),
        });
      }
    } else if (a.type === 'operator.reversal-requested' && sent !== undefined) {
      // walk the trainee's reversals of the key in order: the one whose posting takes it below what the plant reported is the mistake
      const f = factsOf(key);
      const own = postedBy(sent);
      if (own.length === 0) continue;
      const before = (reversedSoFar.get(key) ?? 0);
      reversedSoFar.set(key, before + own.length);
      const plain = f.events.filter((e) => isPosting(e.type)).length;
      const othersReversed = f.reversalPostings.filter((e) => !own.includes(e) && !traineeReversalPosting(e)).length;
      const netAfter = plain - othersReversed - before - own.length;
      const intended = Math.max(0, 1 - f.plantReversals);
      if (!flagged.has(`over:${key}`) && netAfter < intended) {
        flagged.add(`over:${key}`);
        out.push({
          kind: 'over-reversal',
          at: a.time,
          text: `${eventRef(a).text}. Once it was posted, ${key} netted to ${netAfter}${intended === 1 ? ', where the plant reported it once' : ''}: the reversal took away a posting the plant's report needs. Reverse only what was posted more than once (the reversal preview shows the postings before and after).`,
          events: [eventRef(a), ...own.map(eventRef), ...f.events.filter((e) => isPosting(e.type)).map(eventRef)].slice(0, MAX_EVIDENCE),
        });
      }
    }
  }
  function traineeReversalPosting(e: AnyEvent): boolean {
    return e.causationid !== undefined && traineeMessages.has(e.causationid);
  }
  const byId = new Map(all.map((a) => [a.id, a]));
  for (const ans of run.answers) {
    if (ans.correct) continue;
    const q = run.exercise.questions.find((x) => x.id === ans.question);
    const ev = byId.get(ans.eventId);
    out.push({
      kind: 'wrong-answer',
      at: ev?.time ?? new Date(ans.atMs).toISOString(),
      text: `${run.trainee} answered "${ans.answer}" to "${q?.ask ?? ans.question}", which is not right for the plant as it stood then.`,
      events: ev ? [eventRef(ev)] : [],
    });
  }
  return out.sort((a, b) => a.at.localeCompare(b.at));
}

const dedupe = (refs: readonly EventRef[]): EventRef[] => {
  const seen = new Set<string>();
  return refs.filter((r) => !seen.has(r.id) && Boolean(seen.add(r.id)));
};

/**
 * The trainee's actions an objective is about, from what its paths name: dead letters (retries,
 * resends, discards), reversals, controls, faults, injections, or `training.actions.<kind>`; all of
 * them when its paths name none of these.
 */
function relevantActions(paths: readonly string[], actions: readonly AnyEvent[]): readonly AnyEvent[] {
  const types = new Set<string>();
  for (const p of paths) {
    const counted = /^training\.actions\.([A-Za-z]+)/.exec(p)?.[1];
    if (counted !== undefined) for (const [type, name] of Object.entries(ACTION_COUNTS)) if (name === counted) types.add(type);
    if (/deadLettered|exceptions|lost|lost-posting|double-post|pending/.test(p)) ['operator.exception-retried', 'operator.exception-resent', 'operator.exception-discarded'].forEach((t) => types.add(t));
    if (/duplicate-posting|reversed|over-reversal|reversal/.test(p)) types.add('operator.reversal-requested');
    if (/^controls\.|^lines.*\.controls\./.test(p) && !/deadLettered/.test(p)) types.add('operator.control-changed');
    if (/^faults/.test(p)) types.add('operator.fault-toggled');
  }
  const picked = actions.filter((a) => types.has(a.type));
  return picked.length > 0 ? picked : actions;
}

const ACTION_COUNTS: Readonly<Record<string, string>> = {
  'operator.exception-retried': 'retried',
  'operator.exception-resent': 'resent',
  'operator.exception-discarded': 'discarded',
  'operator.reversal-requested': 'reversed',
  'operator.event-injected': 'injected',
  'operator.fault-toggled': 'faultsToggled',
  'operator.control-changed': 'controlsChanged',
};

/**
 * Score a trainee's run from the session's journaled events and the run's final report: objectives
 * checked against the report extended with `training` (answers, hints, actions, mistakes), mistakes
 * found in the trainee's `operator.*` events and what they set off, hints counted.
 */
export function debriefRun(run: TraineeRun, input: DebriefInput): Debrief {
  const e = run.exercise;
  const limit = limitOf(run);
  const all = operatorEvents(input.db, run.session);
  const inTime = all.filter((x) => Date.parse(x.time) <= limit);
  const late = all.filter((x) => Date.parse(x.time) > limit);
  const actions = inTime.filter((x) => x.type !== 'operator.answer-given' && x.type !== 'operator.hint-taken');
  const found = findMistakes(run, actions, all, input);
  const mistakes: DebriefMistake[] = found.map((m) => ({ ...m, cost: e.mistakeCosts[m.kind] }));
  const byId = new Map(all.map((x) => [x.id, x]));
  const latest = new Map(run.answers.map((a) => [a.question, a]));
  const counts: Record<string, number> = Object.fromEntries(Object.values(ACTION_COUNTS).map((k) => [k, 0]));
  for (const a of actions) counts[ACTION_COUNTS[a.type]!]! += 1;
  const mistakeCounts = Object.fromEntries((['double-post', 'lost-posting', 'over-reversal', 'wrong-answer'] as MistakeKind[]).map((k) => [k, mistakes.filter((m) => m.kind === k).length]));
  const training = {
    answers: Object.fromEntries(
      e.questions.map((q) => {
        const a = latest.get(q.id);
        return [q.id, a === undefined ? { answer: null, correct: false, at: null } : { answer: a.answer, correct: a.correct, at: new Date(a.atMs).toISOString() }];
      }),
    ),
    hints: run.hints.length,
    actions: counts,
    mistakes: mistakeCounts,
  };
  const doc = { ...input.report, training };
  const effectsOf = (of: readonly AnyEvent[]) =>
    of.flatMap((a) => {
      const sent = messageSent(a);
      return [eventRef(a), ...(sent === undefined ? [] : eventsCausedBy(input.db, run.session, sent).map(eventRef))];
    });
  // what a missed objective left behind: the dead letters still open and the gaps still open, by the event that shows each
  const stillOpen = (kinds: ReadonlySet<string>): EventRef[] => {
    const snap = input.monitor.snapshot();
    const dead = snap.exceptions.flatMap((x) => eventsOfKey(input.db, run.session, x.businesskey).filter((ev) => ev.type === 'int.message.dead-lettered' && (ev.data as { messageId?: string }).messageId === x.messageId).slice(-1));
    // the gaps the objective (or its question) names by kind first, then the rest
    const ordered = [...input.report.gaps.filter((g) => kinds.has(g.kind)), ...input.report.gaps.filter((g) => !kinds.has(g.kind))];
    const gaps = ordered.flatMap((g) => {
      const key = g.causeChain.find((c) => c.businesskey !== undefined)?.businesskey;
      return key === undefined ? [] : eventsOfKey(input.db, run.session, key).slice(-1);
    });
    const seen = new Set<string>();
    return [...gaps, ...dead].filter((ev) => !seen.has(ev.id) && Boolean(seen.add(ev.id))).map(eventRef).slice(0, 12);
  };
  const objectives: DebriefObjective[] = e.objectives.map((o) => {
    // an unanswered question says so, rather than "false is not true"
    const checks = evaluateExpectations(doc, o.expect).map((c) => {
      const q = /^training\.answers\.([A-Za-z_][A-Za-z0-9_-]*)/.exec(c.path)?.[1];
      if (c.verdict === 'pass' || q === undefined) return c;
      const given = latest.get(q);
      return { ...c, why: given === undefined ? `question ${q} was not answered` : `the answer "${given.answer}" was not right when it was given` };
    });
    const met = checks.every((c) => c.verdict === 'pass');
    const asked = o.expect.map((x) => /^training\.answers\.([A-Za-z_][A-Za-z0-9_-]*)/.exec(x.path)?.[1]).filter((q): q is string => q !== undefined);
    // gap kinds the objective's paths and its questions' checks name ([kind=receipt])
    const named = [...o.expect.map((x) => x.path), ...asked.map((q) => e.questions.find((x) => x.id === q)?.correct.expected ?? '')].join(' ');
    const kinds = new Set([...named.matchAll(/kind=([a-z-]+)/g)].map((m) => m[1]!));
    const evidence =
      asked.length > 0
        ? dedupe([...run.answers.filter((a) => asked.includes(a.question)).flatMap((a) => (byId.has(a.eventId) ? [eventRef(byId.get(a.eventId)!)] : [])), ...(met ? [] : stillOpen(kinds))])
        : dedupe([...effectsOf(relevantActions(o.expect.map((x) => x.path), actions)), ...(met ? [] : stillOpen(kinds))]);
    return { id: o.id, title: o.title, points: o.points, met, earned: met ? o.points : 0, checks, evidence: evidence.slice(0, MAX_EVIDENCE) };
  });
  const maxScore = e.objectives.reduce((s, o) => s + o.points, 0);
  const earned = objectives.reduce((s, o) => s + o.earned, 0);
  const lost = mistakes.reduce((s, m) => s + m.cost, 0) + run.hints.length * e.hintCost;
  const last = inTime.reduce((t, x) => Math.max(t, Date.parse(x.time)), run.startMs);
  return {
    exercise: { id: e.id, title: e.title, scenario: e.scenario, seed: input.seed },
    trainee: run.trainee,
    session: run.session,
    score: Math.max(0, earned - lost),
    maxScore,
    passed: objectives.every((o) => o.met),
    timeMs: Math.max(0, last - run.startMs),
    timeLimitMs: e.timeLimitMs,
    objectives,
    mistakes,
    hints: run.hints.map((h) => ({ n: h.n, text: e.hints[h.n - 1]!, cost: e.hintCost, event: byId.has(h.eventId) ? eventRef(byId.get(h.eventId)!) : { id: h.eventId, type: 'operator.hint-taken', time: new Date(h.atMs).toISOString(), text: `hint ${h.n}` } })),
    answers: run.answers.map((a) => ({
      question: a.question,
      ask: e.questions.find((q) => q.id === a.question)?.ask ?? a.question,
      answer: a.answer,
      correct: a.correct,
      event: byId.has(a.eventId) ? eventRef(byId.get(a.eventId)!) : { id: a.eventId, type: 'operator.answer-given', time: new Date(a.atMs).toISOString(), text: a.answer },
      ...(a.why === undefined ? {} : { why: a.why }),
    })),
    actions: actions.map(eventRef),
    refused: [
      ...run.refused.map((r) => ({ at: new Date(r.atMs).toISOString(), action: r.action, reason: r.reason })),
      ...late.map((x) => ({ at: x.time, action: eventRef(x).text, reason: 'after the time limit: not scored' })),
    ],
  };
}
