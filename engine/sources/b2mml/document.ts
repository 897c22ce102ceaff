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

/**
 * Verbs of the B2MML transaction wrappers (`ProcessProductionSchedule` → `DataArea/ProductionSchedule`)
 * whose nouns are the data as its sender means it: sent to be processed, kept in sync, shown in
 * reply to a Get, notified, or changed (a Change of a schedule requests its orders anew, as a later
 * document does); and Cancel, which withdraws the requests of a schedule.
 */
const VERBS = ['Process', 'Sync', 'Show', 'Notify', 'Change', 'Cancel'] as const;
export type B2mmlVerb = (typeof VERBS)[number];

/** Verbs whose wrappers do not carry the data itself, and why each is refused rather than imported. */
const NOT_DATA: Readonly<Record<string, string>> = {
  Acknowledge: "an Acknowledge is the receiver's answer to a Process document, not the document: import the Process document it acknowledges",
  Respond: "a Respond is the receiver's answer to a Change document, not the change: import the Change document",
  Confirm: "a Confirm confirms that a message was received, and holds no production data",
  Get: 'a Get is a request for data, which holds none: import the Show document that answers it',
};

export type B2mmlDocument = {
  readonly version: B2mmlVersion;
  readonly kind: B2mmlKind;
  /** the wrapper's verb; undefined for a bare noun */
  readonly verb?: B2mmlVerb;
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
  const other = Object.keys(NOT_DATA).find((v) => local.startsWith(v) && isKind(local.slice(v.length)));
  if (other !== undefined) throw new B2mmlError(file, local, NOT_DATA[other]!);
  if (!isKind(kind)) {
    throw new B2mmlError(file, local, `unknown document root: expected one of ${B2MML_KINDS.join(', ')} (or a ${VERBS.join('/')} wrapper of one)`);
  }
  if (verb === 'Cancel' && kind !== 'ProductionSchedule' && kind !== 'OperationsSchedule') {
    throw new B2mmlError(file, local, `a Cancel withdraws a ${kind} sent before, which Linesight cannot undo: only the cancellation of a schedule's requests (their orders) is imported`);
  }
  if (verb === 'Change' && (kind === 'ProductionPerformance' || kind === 'OperationsPerformance')) {
    throw new B2mmlError(file, local, `a Change of ${kind} corrects actuals reported before, which Linesight cannot tell from new actuals (they would count twice)`);
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
  return { version, kind, verb, nouns, ...(createdAt ? { createdAt } : {}) };
}
