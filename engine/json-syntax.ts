/**
 * Where a text stops being JSON (RFC 8259, what JSON.parse accepts). Node 20's JSON.parse names
 * a position only for some errors ("Unexpected token '}', ... is not valid JSON" has none), and the
 * YAML parser accepts much that JSON does not (`[1, 2,]`, `{"a": tru}`), so neither can say where
 * a `.json` file went wrong; this scanner can. Called only after JSON.parse failed, on text whose
 * nesting was already checked, so its recursion stays shallow.
 */

/** Offset of the first character that makes `text` invalid JSON (`text.length` when it ends too soon), or undefined when it is valid. */
export function jsonSyntaxErrorAt(text: string): number | undefined {
  let i = 0;
  const space = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const expect = (c: string) => {
    if (text[i] !== c) fail(i);
    i++;
  };
  const string = () => {
    expect('"');
    for (;;) {
      if (i >= text.length) fail(i);
      const c = text.charCodeAt(i);
      if (c === 0x22) return void i++;
      if (c < 0x20) fail(i);
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail(i);
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else fail(i);
      } else i++;
    }
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{') {
      i++;
      space();
      if (text[i] === '}') return void i++;
      for (;;) {
        space();
        string();
        space();
        expect(':');
        value();
        space();
        if (text[i] === '}') return void i++;
        expect(',');
      }
    }
    if (c === '[') {
      i++;
      space();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        space();
        if (text[i] === ']') return void i++;
        expect(',');
      }
    }
    if (c === '"') return string();
    WORD.lastIndex = i;
    const word = WORD.exec(text);
    if (!word) fail(i);
    i += word[0].length;
  };
  try {
    value();
    space();
    if (i < text.length) fail(i);
    return undefined;
  } catch (err) {
    if (err instanceof JsonStop) return Math.min(err.at, text.length);
    throw err;
  }
}

/** A literal or a number, matched where the scanner stands (sticky). */
const WORD = /true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Where the text stops being JSON: thrown from deep in the scan, caught at its top. */
class JsonStop extends Error {
  constructor(readonly at: number) {
    super(`not JSON from offset ${at}`);
  }
}

function fail(at: number): never {
  throw new JsonStop(at);
}
