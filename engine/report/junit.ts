import type { ExpectationResult } from '../../model/index.js';
import { escapeHtml } from './escape.js';
import type { CheckRun } from './checks.js';

/** A failed `expect:` entry in words: `violations = 0: 17 is not 0`, `p95 <=2m: 181391 is not <=2m`. */
export function failedCheckText(c: ExpectationResult): string {
  const expected = /^(<|>|=|!=|in )/.test(c.expected) ? c.expected : `= ${c.expected}`;
  return `${c.path} ${expected}: ${c.why ?? ''}`;
}

/**
 * A check as JUnit XML, the format CI servers read (Jenkins, GitLab, GitHub Actions reporters): one
 * testsuite for the session, one testcase per rule (classname `linesight.<kind>`), a failing rule's
 * `<failure>` saying which `expect:` entries failed and listing its first violations with their events.
 */
export function junitXml(run: CheckRun, wallMs = 0): string {
  const x = escapeHtml;
  const seconds = (wallMs / 1000).toFixed(3);
  const cases = run.results.map((r) => {
    const open = `    <testcase classname="linesight.${x(r.kind)}" name="${x(r.id)}: ${x(r.title)}" time="0">`;
    if (r.verdict === 'pass') return `${open}</testcase>`;
    const why = r.checks.filter((c) => c.verdict === 'fail').map(failedCheckText);
    const body = [
      ...why,
      `measured: ${Object.entries(r.measured).map(([k, v]) => `${k} ${v === null ? '—' : v}`).join(', ')}`,
      ...r.first.flatMap((v) => [`- ${v.text}`, ...v.events.map((e) => `    ${e.time} ${e.type} ${e.businesskey} [${e.id}]`)]),
    ].join('\n');
    return `${open}\n      <failure type="${x(r.kind)}" message="${x(why.join('; '))}">${x(body)}</failure>\n    </testcase>`;
  });
  const attrs = `tests="${run.results.length}" failures="${run.failed}" errors="0" skipped="0" time="${seconds}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="linesight check" ${attrs}>`,
    `  <testsuite name="${x(`${run.scenario} (session ${run.session})`)}" ${attrs} timestamp="${x(run.judgedAt ?? '')}">`,
    '    <properties>',
    `      <property name="journal" value="${x(run.journalPath)}"/>`,
    `      <property name="session" value="${run.session}"/>`,
    `      <property name="digest" value="${x(run.digest)}"/>`,
    `      <property name="events" value="${run.events}"/>`,
    '    </properties>',
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
