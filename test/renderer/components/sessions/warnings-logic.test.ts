import { describe, expect, it } from 'vitest';
import type { ImportWarning } from '../../../../engine/contract/index.js';
import { moreWarnings, warningsByFile, warningsLabel } from '../../../../renderer/components/sessions/warnings-logic.js';

const w = (file: string, path: string): ImportWarning => ({ file, path, message: `assumed something at ${path}` });

describe('import warnings in the Sessions view', () => {
  it('counts them in words', () => {
    expect([warningsLabel(1), warningsLabel(2), warningsLabel(1234)]).toEqual(['1 warning', '2 warnings', '1,234 warnings']);
  });

  it('groups them by file, files in the order they were imported, warnings in document order', () => {
    const list = [w('b.xml', 'X/1'), w('a.xml', 'Y/1'), w('b.xml', 'X/2')];
    expect(warningsByFile(list)).toEqual([
      { file: 'b.xml', warnings: [list[0], list[2]] },
      { file: 'a.xml', warnings: [list[1]] },
    ]);
  });

  it('says how many the list leaves out, and where the rest are', () => {
    expect(moreWarnings({ warningCount: 2, warnings: [w('a.xml', 'X'), w('a.xml', 'Y')] })).toBe('');
    expect(moreWarnings({ warningCount: 101, warnings: Array.from({ length: 100 }, (_, i) => w('a.xml', `X/${i}`)) })).toBe(
      "1 more not shown: `linesight import` printed every one, and the journal's import_warnings table keeps them all.",
    );
  });
});
