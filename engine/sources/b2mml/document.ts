import { B2mmlError } from './b2mml-error.js';
import { kid, kids, type El } from './xml-tree.js';

/**
 * The B2MML namespaces accepted, by version. V0401 was published by the WBF before MESA took
 * B2MML over, so real V0401 files say `www.wbf.org`; the `www.mesa.org` spelling is accepted too.
 * V07 dropped the version from the namespace.
 */
export const B2MML_NAMESPACES: Readonly<Record<string, B2mmlVersion>> = {
  'http://www.wbf.org/xml/B2MML-V0401': 'V0401',
  'http://www.mesa.org/xml/B2MML-V0401': 'V0401',
  'http://www.mesa.org/xml/B2MML-V0600': 'V0600',
  'http://www.mesa.org/xml/B2MML': 'V0701',
};
export type B2mmlVersion = 'V0401' | 'V0600' | 'V0701';

export const B2MML_KINDS = [
  'ProductionSchedule',
  'OperationsSchedule',
  'ProductionPerformance',
  'OperationsPerformance',
  'MaterialDefinition',
  'MaterialInformation',
] as const;
export type B2mmlKind = (typeof B2MML_KINDS)[number];

/** Verbs of the B2MML transaction wrappers (`ProcessProductionSchedule` → `DataArea/ProductionSchedule`). */
const VERBS = ['Process', 'Sync', 'Show', 'Notify'] as const;

export type B2mmlDocument = {
  readonly version: B2mmlVersion;
  readonly kind: B2mmlKind;
  /** the noun elements: the root itself, or the nouns of a wrapper's DataArea */
  readonly nouns: readonly El[];
  /** `ApplicationArea/CreationDateTime` of a wrapper */
  readonly createdAt?: string;
};

const isKind = (name: string): name is B2mmlKind => (B2MML_KINDS as readonly string[]).includes(name);

/** What `root` is, or a B2mmlError naming it: an unknown root or namespace is refused. */
export function detect(root: El, file: string): B2mmlDocument {
  const local = root.name.startsWith('{') ? root.name.slice(root.name.indexOf('}') + 1) : root.name;
  const verb = VERBS.find((v) => local.startsWith(v) && isKind(local.slice(v.length)));
  const kind = verb === undefined ? local : local.slice(verb.length);
  if (!isKind(kind)) {
    throw new B2mmlError(file, local, `unknown document root: expected one of ${B2MML_KINDS.join(', ')} (or a Process/Sync/Show/Notify wrapper of one)`);
  }
  // own keys only: `xmlns="constructor"` must not find Object's constructor
  const version = Object.hasOwn(B2MML_NAMESPACES, root.ns) ? B2MML_NAMESPACES[root.ns] : undefined;
  if (version === undefined) {
    const ns = root.ns === '' ? 'no namespace' : `unknown namespace "${root.ns}"`;
    throw new B2mmlError(file, local, `${ns}: expected one of ${Object.keys(B2MML_NAMESPACES).join(', ')}`);
  }
  if (verb === undefined) return { version, kind, nouns: [root] };
  const area = kid(root, 'DataArea');
  const nouns = area === undefined ? [] : kids(area, kind);
  if (nouns.length === 0) throw new B2mmlError(file, area?.path ?? root.path, `no ${kind} in the DataArea`);
  const createdAt = kid(root, 'ApplicationArea')?.children.find((c) => c.name === 'CreationDateTime')?.text;
  return { version, kind, nouns, ...(createdAt ? { createdAt } : {}) };
}
