import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseJunit } from 'junit2json';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `linesight check` as an integration team puts it in a pipeline: a scenario or a journal checked
 * against the bundled contract (and rules of its own), a pass/fail table with the first violating
 * events, exit 1 on a failure, and JUnit XML a CI server reads (parsed here with junit2json).
 */
const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'linesight.js');
const dir = mkdtempSync(join(tmpdir(), 'linesight-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function linesight(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const DEFAULT_RULES = ['operations-in-order', 'transfer-after-usage-decision', 'posted-once', 'release-acknowledged', 'confirmations-balance', 'confirmations-reach-erp', 'receipts-reach-erp'];

type Junit = { tests: number; failures: number; testsuite: { properties: { name: string; value: unknown }[]; testcase: { classname: string; name: string; failure?: { message?: string; inner?: string }[] }[] }[] };
const junit = async (file: string) => (await parseJunit(readFileSync(file, 'utf8'))) as unknown as Junit;

describe('linesight check', () => {
  it('a clean plant keeps the bundled contract: exit 0, every rule passes, and the JUnit file says so with the digest', async () => {
    const xml = join(dir, 'baseline.xml');
    const r = linesight(['check', 'baseline', '--until', '4h', '--journal', join(dir, 'a.db'), '--junit', xml]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^baseline session 1 \(simulation\): [\d,]+ events, digest [0-9a-f]{16}… — all 7 rules hold/);
    for (const id of DEFAULT_RULES) expect(r.stdout).toMatch(new RegExp(`${id}\\s+\\S+\\s+pass`));
    const j = await junit(xml);
    expect(j).toMatchObject({ tests: 7, failures: 0 });
    expect(j.testsuite[0]!.testcase.map((t) => t.name.split(':')[0])).toEqual(DEFAULT_RULES);
    expect(j.testsuite[0]!.testcase.every((t) => t.failure === undefined)).toBe(true);
    const digest = j.testsuite[0]!.properties.find((p) => p.name === 'digest')!.value;
    // the same journal checked again, by path and session: the same verdicts on the same digest
    const again = linesight(['check', join(dir, 'a.db'), '--session', '1', '--junit', join(dir, 'again.xml')]);
    expect(again.code).toBe(0);
    expect((await junit(join(dir, 'again.xml'))).testsuite[0]!.properties.find((p) => p.name === 'digest')!.value).toBe(digest);
  });

  it('duplicates posted twice fail exactly-once: exit 1, the first violating postings listed, a JUnit failure with them', async () => {
    const xml = join(dir, 'idem.xml');
    const r = linesight(['check', 'idempotency-off', '--journal', join(dir, 'b.db'), '--junit', xml]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/posted-once\s+exactly-once\s+FAIL/);
    expect(r.stdout).toMatch(/posted-once — Every business key is posted once[^\n]*\n {2}violations = 0: \d+ is not 0\n {2}- \S+ nets to 2 postings \(2 posted, 0 reversed\), where 1 is owed\n {6}\S+ erp\.\w+\.posted /);
    const j = await junit(xml);
    expect(j.failures).toBeGreaterThanOrEqual(1);
    const failed = j.testsuite[0]!.testcase.find((t) => t.name.startsWith('posted-once'))!;
    expect(failed.classname).toBe('linesight.exactly-once');
    expect(failed.failure![0]!.message).toMatch(/^violations = 0: \d+ is not 0/);
    expect(failed.failure![0]!.inner).toMatch(/erp\.(confirmation|consumption)\.posted/);
  });

  it("takes a team's own rules beside the defaults, or instead of them", () => {
    const rules = join(dir, 'rules.yaml');
    writeFileSync(
      rules,
      `defaults: false
rules:
  - id: fast-ack
    kind: within
    title: MES acknowledges a release within a second
    from: erp.order.released
    to: mes.order.acknowledged
    limit: 1s
  - id: confirmations-once
    kind: exactly-once
    events: [erp.confirmation.posted]
`,
    );
    const r = linesight(['check', join(dir, 'a.db'), '--rules', rules]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('1 of 2 rules failed');
    expect(r.stdout).toMatch(/fast-ack\s+within\s+FAIL/);
    expect(r.stdout).toMatch(/confirmations-once\s+exactly-once\s+pass/);
    expect(r.stdout).toMatch(/p95 <=1s: \d+ is not <=1s/);
    writeFileSync(rules, readFileSync(rules, 'utf8').replace('defaults: false\n', ''));
    expect(linesight(['check', join(dir, 'a.db'), '--rules', rules]).stdout).toContain('1 of 9 rules failed');
  });

  it.each([
    ['an unknown event type', 'rules:\n  - id: x\n    kind: ordering\n    event: mes.operation.confirmd\n    by: operation\n', /rules\.yaml:4:12: .*an event type/],
    ['a key the kind does not take', 'rules:\n  - id: x\n    kind: exactly-once\n    by: operation\n', /rules\.yaml:4:5: .*a key that a exactly-once rule takes/],
    ['a missing key', 'rules:\n  - id: x\n    kind: balance\n    event: mes.operation.confirmed\n    sum: [goodQty]\n', /rules\.yaml:2:5: .*per: a balance rule needs it/],
    ['an id the defaults use', 'rules:\n  - id: posted-once\n    kind: exactly-once\n', /rules\.yaml:2:9: .*a rule id not used by another rule/],
    ['a kind that does not exist', 'rules:\n  - id: x\n    kind: eventually\n', /rules\.yaml:3:11: /],
  ])('refuses a rules file with %s, exit 2 and file:line:col', (_what, text, pattern) => {
    writeFileSync(join(dir, 'rules.yaml'), text);
    const r = linesight(['check', join(dir, 'a.db'), '--rules', join(dir, 'rules.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(pattern);
  });

  it('refuses what it cannot check', () => {
    expect(linesight(['check']).code).toBe(2);
    expect(linesight(['check', 'no-such-scenario']).stderr).toMatch(/a bundled scenario id/);
    expect(linesight(['check', join(dir, 'a.db'), '--seed', '3']).stderr).toMatch(/go with a scenario, not a journal/);
    const none = linesight(['check', join(dir, 'a.db'), '--session', '9']);
    expect(none.code).toBe(3);
    expect(none.stderr).toMatch(/has no session 9/);
  });
});
