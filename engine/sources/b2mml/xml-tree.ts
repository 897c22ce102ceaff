import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { B2mmlError } from './b2mml-error.js';

/** One XML element, namespaces resolved. */
export type El = {
  /** local name; an element outside `ns`'s B2MML namespaces keeps `{namespace}local` so it matches nothing */
  readonly name: string;
  readonly ns: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly El[];
  /** the element's own text, trimmed */
  readonly text: string;
  /** `Root/Child[2]/Leaf`: an index only where several siblings share the name */
  readonly path: string;
};

type Raw = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  // identifiers such as 0010 stay strings; quantities are parsed where they are read
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  trimValues: true,
});

/**
 * Parse `text` (a leading byte-order mark is dropped) into a tree whose element names are local
 * names when their namespace is one of `known`. Malformed XML and DTDs are refused.
 */
export function parseXml(text: string, file: string, known: ReadonlySet<string>): El {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // entity declarations can expand without bound, and no B2MML document needs one
  if (/<!DOCTYPE/i.test(body)) throw new B2mmlError(file, '', 'a DOCTYPE is not allowed in a B2MML document');
  const valid = XMLValidator.validate(body);
  if (valid !== true) throw new B2mmlError(file, '', `malformed XML at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`);
  let parsed: unknown[];
  try {
    parsed = parser.parse(body) as unknown[];
  } catch (err) {
    // the parser refuses names such as __proto__ that could pollute prototypes
    throw new B2mmlError(file, '', `refused XML: ${(err as Error).message}`);
  }
  const roots = elementsOf(parsed);
  const root = roots[0];
  if (root === undefined || roots.length > 1) throw new B2mmlError(file, '', 'malformed XML: a document has exactly one root element');
  return build(root, '', new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]), '', known);
}

function elementsOf(nodes: unknown[]): Raw[] {
  return nodes.filter((n): n is Raw => typeof n === 'object' && n !== null && Object.keys(n).some((k) => k !== ':@' && k !== '#text'));
}

function tagOf(node: Raw): string {
  return Object.keys(node).find((k) => k !== ':@')!;
}

function build(node: Raw, qname: string, scope: Map<string, string>, path: string, known: ReadonlySet<string>): El {
  const tag = qname || tagOf(node);
  const rawAttrs = (node[':@'] ?? {}) as Record<string, unknown>;
  const attrs: Record<string, string> = {};
  let local = scope;
  for (const [k, v] of Object.entries(rawAttrs)) {
    const value = String(v);
    if (k === 'xmlns' || k.startsWith('xmlns:')) {
      if (local === scope) local = new Map(scope);
      local.set(k === 'xmlns' ? '' : k.slice(6), value);
    } else attrs[k] = value;
  }
  const colon = tag.indexOf(':');
  const prefix = colon < 0 ? '' : tag.slice(0, colon);
  const name0 = colon < 0 ? tag : tag.slice(colon + 1);
  const ns = local.get(prefix) ?? '';
  const name = known.has(ns) ? name0 : `{${ns}}${name0}`;
  const here = path === '' ? name : path;
  const content = (node[tag] ?? []) as unknown[];
  const text = content
    .filter((n): n is Raw => typeof n === 'object' && n !== null && '#text' in n)
    .map((n) => String(n['#text']))
    .join('')
    .trim();
  const kids = elementsOf(content);
  const names = kids.map((k) => localName(tagOf(k), local, known));
  const total = new Map<string, number>();
  for (const n of names) total.set(n, (total.get(n) ?? 0) + 1);
  const seen = new Map<string, number>();
  const children = kids.map((k, i) => {
    const n = names[i]!;
    const at = (seen.get(n) ?? 0) + 1;
    seen.set(n, at);
    const many = total.get(n)! > 1;
    return build(k, tagOf(k), local, `${here}/${n}${many ? `[${at}]` : ''}`, known);
  });
  return { name, ns, attrs, children, text, path: here };
}

function localName(tag: string, scope: Map<string, string>, known: ReadonlySet<string>): string {
  const colon = tag.indexOf(':');
  const prefix = colon < 0 ? '' : tag.slice(0, colon);
  const name = colon < 0 ? tag : tag.slice(colon + 1);
  const ns = scope.get(prefix) ?? '';
  // a child that redeclares its own namespace is named by build(); siblings only need a stable label
  return known.has(ns) ? name : `{${ns}}${name}`;
}

/** The children of `el` called `name`. */
export function kids(el: El, name: string): El[] {
  return el.children.filter((c) => c.name === name);
}

/** The first child of `el` called `name`. */
export function kid(el: El, name: string): El | undefined {
  return el.children.find((c) => c.name === name);
}

/** The text of the first child called `name`, or undefined when it is absent or empty. */
export function textOf(el: El, name: string): string | undefined {
  const t = kid(el, name)?.text;
  return t === undefined || t === '' ? undefined : t;
}

/** The last step of an element's path (`MaterialRequirement[2]`), to name it inside its parent. */
export function label(el: El): string {
  return el.path.slice(el.path.lastIndexOf('/') + 1);
}
