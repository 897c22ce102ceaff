import { isMap, isSeq, parseDocument } from 'yaml';

/**
 * A mappings file's text with a drafted entry (draft-mapping.ts: `mappings:` and one item) added at
 * the end of its `mappings:` list, every other character as it was — comments, order, quoting.
 * An empty file takes the draft as it is; a file without a `mappings` key gets one at its end.
 * Null when that cannot be done without rewriting the file: JSON or a flow list (`mappings: [...]`),
 * a text YAML cannot read, a top level that is not a map.
 */
export function appendDraft(existing: string, draft: string): string | null {
  const lines = draft.replace(/\n+$/, '').split('\n');
  const at = lines.indexOf('mappings:');
  if (at < 0) return null;
  const head = lines.slice(0, at);
  const items = lines.slice(at + 1);
  if (existing.trim() === '') return draft;
  const doc = parseDocument(existing);
  if (doc.errors.length > 0) return null;
  if (doc.contents === null) return `${existing.replace(/\n*$/, '\n')}${draft}`;
  if (!isMap(doc.contents) || doc.contents.flow) return null;
  const seq = doc.get('mappings', true);
  if (seq === undefined) return `${existing.replace(/\n*$/, '\n')}${draft}`;
  if (!isSeq(seq) || seq.flow || seq.items.length === 0 || !seq.range) return null;
  // the list's own indentation: the column of its first "-"
  const start = seq.range[0];
  const column = start - (existing.lastIndexOf('\n', start - 1) + 1);
  const indent = ' '.repeat(column);
  // the draft's items are written two spaces in; its comments at the margin
  const moved = [...head, ...items].map((l) => (l === '' ? l : indent + l.replace(/^ {0,2}/, '')));
  const end = seq.range[1];
  const before = existing.slice(0, end);
  return `${before}${before.endsWith('\n') ? '' : '\n'}${moved.join('\n')}\n${existing.slice(end)}`;
}
