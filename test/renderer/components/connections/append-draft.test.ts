import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { appendDraft } from '../../../../renderer/components/connections/append-draft.js';
import { draftMapping } from '../../../../renderer/components/topics/draft-mapping.js';

const draft = draftMapping('plant/US01/L3/temp', {
  payload: { kind: 'json', text: '{"celsius": 21.5, "sensor": "T-1"}' },
} as never);

const existing = [
  '# line 3, written by hand',
  'mappings:',
  '    - kind: json   # acknowledgements',
  "      topic: 'plant/+plant/+line/ack'",
  '      type: mes.order.acknowledged',
  '      plant: "{plant}"',
  '      line: "{line}"',
  '      fields: { order: $.order }',
  '',
  '# keep this note at the end',
  '',
].join('\n');

describe('adding a drafted mapping to a mappings file', () => {
  it('adds the entry at the end of the list and leaves every other line as it was', () => {
    const out = appendDraft(existing, draft)!;
    const doc = parse(out) as { mappings: { kind: string; topic: string }[] };
    expect(doc.mappings.map((m) => m.topic)).toEqual(['plant/+plant/+line/ack', 'plant/US01/L3/temp']);
    // at the list's own indentation, with the payload's keys as hints, right after the last entry
    const from = out.indexOf('    - kind: json\n      topic: plant/US01/L3/temp');
    const lastHint = '        # FIELD: $.sensor\n';
    const to = out.indexOf(lastHint) + lastHint.length;
    expect(from).toBeGreaterThan(out.indexOf('fields: { order: $.order }'));
    expect(out.slice(from, to)).toContain('        # FIELD: $.celsius');
    // without it, the file is exactly as it was: comments, quoting, blank lines
    expect(out.slice(0, from) + out.slice(to)).toBe(existing);
  });

  it('takes the draft as it is into an empty file, and adds a mappings key to a file without one', () => {
    expect(appendDraft('', draft)).toBe(draft);
    const out = appendDraft('# nothing mapped yet\nversion: 1\n', draft)!;
    expect((parse(out) as { version: number; mappings: unknown[] }).mappings).toHaveLength(1);
    expect(out.startsWith('# nothing mapped yet\nversion: 1\n')).toBe(true);
  });

  it('declines what it could only rewrite: JSON, a flow list, a text YAML cannot read', () => {
    expect(appendDraft('{"mappings": [{"kind": "umh"}]}', draft)).toBeNull();
    expect(appendDraft('mappings: [{ kind: umh }]\n', draft)).toBeNull();
    expect(appendDraft('mappings:\n  - kind: json\n   topic: [unclosed\n', draft)).toBeNull();
  });
});
