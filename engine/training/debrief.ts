import type { Database } from 'better-sqlite3';
import type { Monitor } from '../../monitor/index.js';
import type { AnyEvent } from '../../model/index.js';
import type { Debrief, DebriefMistake, DebriefObjective, EventRef, MistakeKind } from '../contract/index.js';
import { evaluateExpectations } from '../expect/evaluate.js';
import { eventsCausedBy, eventsOfKey, operatorEvents } from '../journal/index.js';
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

/** ERP's postings of a key net of the reversals ERP posted for it (`{key}/REV/{n}`). */
function netPostings(monitor: DebriefInput['monitor'], key: string): number {
  const posted = monitor.postingsOf(key)?.count ?? 0;
  let reversed = 0;
  for (let n = 1; n <= 100; n++) if ((monitor.postingsOf(`${key}/REV/${n}`)?.count ?? 0) > 0) reversed++;
  return posted - reversed;
}

const isErp = (e: AnyEvent) => e.type.startsWith('erp.');

/**
 * The mistakes in a trainee's actions, each judged by what the journal and the monitor show at the
 * end of the run (so the harm is there to point at):
 * - `double-post`: a retry, resend or injection whose message ERP posted, for a key ERP has now
 *   posted more than once net of reversals;
 * - `lost-posting`: a discard of a message whose key ERP never posted (net of reversals);
 * - `over-reversal`: a reversal that left its key netting to nothing or less;
 * - `wrong-answer`: an answer its question's check did not accept when it was given.
 */
function findMistakes(run: TraineeRun, actions: readonly AnyEvent[], all: readonly AnyEvent[], input: DebriefInput): Omit<DebriefMistake, 'cost'>[] {
  const { db, monitor } = input;
  const session = run.session;
  const out: Omit<DebriefMistake, 'cost'>[] = [];
  const flagged = new Set<string>();
  for (const a of actions) {
    const key = a.businesskey;
    const net = () => netPostings(monitor, key);
    const erpOfKey = () => eventsOfKey(db, session, key).filter(isErp).map(eventRef);
    const sent = messageSent(a);
    if (a.type === 'operator.exception-retried' || a.type === 'operator.exception-resent' || a.type === 'operator.event-injected') {
      const posted = sent === undefined ? [] : eventsCausedBy(db, session, sent).filter(isErp);
      if (posted.length > 0 && !flagged.has(`double:${key}`) && net() > 1) {
        flagged.add(`double:${key}`);
        const n = net();
        out.push({
          kind: 'double-post',
          at: a.time,
          text: `${eventRef(a).text}. ERP posted that message too, so business key ${key} is now posted ${n} times net of reversals, where the plant reported it once. Check ERP's postings of a key (the resend preview says it) before sending a message for it again.`,
          events: [eventRef(a), ...erpOfKey()].slice(0, MAX_EVIDENCE),
        });
      }
    } else if (a.type === 'operator.exception-discarded') {
      if (!flagged.has(`lost:${key}`) && net() <= 0) {
        flagged.add(`lost:${key}`);
        out.push({
          kind: 'lost-posting',
          at: a.time,
          text: `${eventRef(a).text}. ERP never posted business key ${key}, so what the plant reported for it is missing in ERP: a message nobody else will post must be fixed and resent, not discarded.`,
          events: [eventRef(a), ...eventsOfKey(db, session, key).map(eventRef)].slice(0, MAX_EVIDENCE),
        });
      }
    } else if (a.type === 'operator.reversal-requested') {
      const n = net();
      if (!flagged.has(`over:${key}`) && n < 1) {
        flagged.add(`over:${key}`);
        out.push({
          kind: 'over-reversal',
          at: a.time,
          text: `${eventRef(a).text}. ERP's postings of ${key} now net to ${n}: the reversal took away a posting the plant's report needs. Reverse only what was posted more than once (the reversal preview shows the postings before and after).`,
          events: [eventRef(a), ...erpOfKey()].slice(0, MAX_EVIDENCE),
        });
      }
    }
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
  const effects = actions.flatMap((a) => {
    const sent = messageSent(a);
    return [eventRef(a), ...(sent === undefined ? [] : eventsCausedBy(input.db, run.session, sent).map(eventRef))];
  });
  // what a missed objective left behind: the dead letters still open and the gaps still open, by the event that shows each
  let open: EventRef[] | undefined;
  const stillOpen = (): EventRef[] => {
    if (open !== undefined) return open;
    const snap = input.monitor.snapshot();
    const dead = snap.exceptions.flatMap((x) => eventsOfKey(input.db, run.session, x.businesskey).filter((ev) => ev.type === 'int.message.dead-lettered' && (ev.data as { messageId?: string }).messageId === x.messageId).slice(-1));
    const gaps = input.report.gaps.flatMap((g) => {
      const key = g.causeChain.find((c) => c.businesskey !== undefined)?.businesskey;
      return key === undefined ? [] : eventsOfKey(input.db, run.session, key).slice(-1);
    });
    const seen = new Set<string>();
    open = [...gaps, ...dead].filter((ev) => !seen.has(ev.id) && Boolean(seen.add(ev.id))).map(eventRef).slice(0, 12);
    return open;
  };
  const objectives: DebriefObjective[] = e.objectives.map((o) => {
    // an unanswered question says so, rather than "false is not true"
    const checks = evaluateExpectations(doc, o.expect).map((c) => {
      const q = /^training\.answers\.([A-Za-z_][A-Za-z0-9_-]*)/.exec(c.path)?.[1];
      return c.verdict === 'fail' && q !== undefined && !latest.has(q) ? { ...c, why: `question ${q} was not answered` } : c;
    });
    const met = checks.every((c) => c.verdict === 'pass');
    const asked = o.expect.map((x) => /^training\.answers\.([A-Za-z_][A-Za-z0-9_-]*)/.exec(x.path)?.[1]).filter((q): q is string => q !== undefined);
    const evidence =
      asked.length > 0
        ? [...run.answers.filter((a) => asked.includes(a.question)).flatMap((a) => (byId.has(a.eventId) ? [eventRef(byId.get(a.eventId)!)] : [])), ...(met ? [] : stillOpen())]
        : met
          ? effects
          : [...effects, ...stillOpen()];
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
