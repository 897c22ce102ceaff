/**
 * An MQTT topic filter that names what it captures: `plant/+plant/+line/confirmations/#`.
 * `+name` matches one level and keeps it as `name`; a bare `+` matches one level without keeping
 * it; `#` (or `#name`, kept joined by `/`) matches the rest and must come last.
 */
export type TopicPattern = {
  readonly text: string;
  readonly levels: readonly ({ kind: 'literal'; value: string } | { kind: 'one'; name?: string } | { kind: 'rest'; name?: string })[];
  readonly names: readonly string[];
};

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Parse a topic pattern, or return what is wrong with it. */
export function parseTopicPattern(text: string): TopicPattern | string {
  if (text === '') return 'topic must not be empty';
  const parts = text.split('/');
  const levels: TopicPattern['levels'][number][] = [];
  const names: string[] = [];
  for (const [i, part] of parts.entries()) {
    const wild = part[0];
    if (wild === '+' || wild === '#') {
      const name = part.slice(1);
      if (name !== '' && !NAME.test(name)) return `topic level "${part}": a capture name is letters, digits and _`;
      if (name !== '' && names.includes(name)) return `topic captures "${name}" twice`;
      if (wild === '#' && i !== parts.length - 1) return 'topic: # must be the last level';
      if (name !== '') names.push(name);
      levels.push(wild === '+' ? { kind: 'one', ...(name ? { name } : {}) } : { kind: 'rest', ...(name ? { name } : {}) });
    } else if (part.includes('+') || part.includes('#')) {
      return `topic level "${part}": + and # must stand at the start of a level`;
    } else levels.push({ kind: 'literal', value: part });
  }
  return { text, levels, names };
}

/** The captures when `topic` matches, else undefined. */
export function matchTopic(p: TopicPattern, topic: string): Record<string, string> | undefined {
  const parts = topic.split('/');
  const captured: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [i, level] of p.levels.entries()) {
    if (level.kind === 'rest') {
      if (level.name) captured[level.name] = parts.slice(i).join('/');
      return captured;
    }
    const part = parts[i];
    if (part === undefined) return undefined;
    if (level.kind === 'literal' && part !== level.value) return undefined;
    if (level.kind === 'one' && level.name) captured[level.name] = part;
  }
  return parts.length === p.levels.length ? captured : undefined;
}
