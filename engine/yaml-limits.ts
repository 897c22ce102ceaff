/**
 * Shapes of YAML/JSON files that parse but that nothing downstream can walk: nesting deep enough
 * to overflow the stack (the YAML parser's own recursion first: ~800 levels, and a stack overflow
 * inside V8's regular-expression compiler has been seen to abort the whole process), and recursive
 * aliases (`a: &a { b: *a }`), which the YAML parser turns into an object that contains itself.
 * Checked before (depth) and after (cycles) parsing, so a hostile file is refused with its line and column.
 */

/** Deepest nesting a file may have, counted by indentation and by brackets separately. */
export const MAX_FILE_DEPTH = 100;

/**
 * Where `text` first nests deeper than `limit` levels (1-based line and column of the node that
 * opens the level too many), or undefined. An estimate that errs on the side of counting: block
 * levels by indentation (each `- ` of a compact sequence is a level), flow levels by `[`/`{` not
 * yet closed, brackets inside quotes and comments included.
 */
export function tooDeepAt(text: string, limit = MAX_FILE_DEPTH): { line: number; column: number } | undefined {
  const indents: number[] = [];
  let flow = 0;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 10;
    if (c === 10) {
      const at = blockTooDeepAt(text, lineStart, i, indents, limit);
      if (at >= 0) return { line, column: at - lineStart + 1 };
      line++;
      lineStart = i + 1;
    } else if (c === 91 || c === 123) {
      if (++flow > limit) return { line, column: i - lineStart + 1 };
    } else if ((c === 93 || c === 125) && flow > 0) flow--;
  }
  return undefined;
}

/**
 * Update the stack of open indentations with the line [start, end); returns the offset of the
 * node that takes it past `limit` levels, or -1.
 */
function blockTooDeepAt(text: string, start: number, end: number, indents: number[], limit: number): number {
  let p = start;
  while (p < end && text.charCodeAt(p) === 32) p++;
  // blank lines and comments open nothing
  if (p === end || text.charCodeAt(p) === 35 || (p === end - 1 && text.charCodeAt(p) === 13)) return -1;
  while (indents.length > 0 && indents[indents.length - 1]! >= p - start) indents.pop();
  indents.push(p - start);
  if (indents.length > limit) return p;
  // `- - - x`: each dash opens a sequence inside the one before
  while (text.charCodeAt(p) === 45 && (text.charCodeAt(p + 1) === 32 || p + 1 === end)) {
    p += 2;
    while (p < end && text.charCodeAt(p) === 32) p++;
    if (p >= end) break;
    indents.push(p - start);
    if (indents.length > limit) return p;
  }
  return -1;
}

/**
 * The path of the first value that contains itself (a recursive alias) or nests deeper than
 * `limit` (aliases can stack levels the text does not show), or undefined when there is none.
 */
export function badShapeAt(data: unknown, limit = MAX_FILE_DEPTH): { path: (string | number)[]; problem: string } | undefined {
  const open = new Set<object>();
  const path: (string | number)[] = [];
  let problem = '';
  const walk = (v: unknown): boolean => {
    if (typeof v !== 'object' || v === null) return false;
    if (open.has(v)) return (problem = 'an alias that contains itself'), true;
    if (open.size >= limit) return (problem = `values nested deeper than ${limit} levels`), true;
    open.add(v);
    const entries: [string | number, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
    for (const [k, x] of entries) {
      path.push(k);
      if (walk(x)) return true;
      path.pop();
    }
    open.delete(v);
    return false;
  };
  return walk(data) ? { path, problem } : undefined;
}
