import type { AnyEvent } from './event.js';
import type { BusinessEventType } from './names.js';

/**
 * Newer payload versions a plant producer may send (schema drift). A version is marked the
 * CloudEvents way: the optional `dataschema` attribute names it (`urn:linesight:schema:{type}:{version}`);
 * an event without one is version 1, the payload of model/event.ts. Each revision says which fields
 * it renamed (new name → the name version 1 uses), which it added and which it no longer sends.
 * The integration layer's reader and the monitor read a newer version through this one table.
 */
export type SchemaRevision = {
  readonly version: number;
  /** field as the newer version spells it → the version-1 field it carries */
  readonly renamed: Readonly<Record<string, string>>;
  /** fields version 1 does not know, with the value the simulated producer sends */
  readonly added: Readonly<Record<string, string | number | boolean>>;
  /** version-1 fields the newer version no longer sends (all optional in version 1) */
  readonly removed: readonly string[];
};

/** The newer payload versions Linesight knows, by event type. */
export const SCHEMA_REVISIONS: Readonly<Partial<Record<BusinessEventType, SchemaRevision>>> = {
  'mes.operation.confirmed': {
    version: 2,
    renamed: { yieldQty: 'goodQty', rejectQty: 'scrapQty', unitOfMeasure: 'uom' },
    added: { shift: 'S1' },
    removed: ['laborMs'],
  },
  'mes.material.consumed': {
    version: 2,
    renamed: { quantity: 'qty', unitOfMeasure: 'uom' },
    added: { storageBin: 'LINE-SIDE' },
    removed: ['backflush'],
  },
};

/** Event types a `schema-drift` fault may act on. */
export const DRIFTABLE_TYPES = Object.keys(SCHEMA_REVISIONS) as BusinessEventType[];

const PREFIX = 'urn:linesight:schema:';

/** The `dataschema` URI of `version` of `type`'s payload. */
export function dataschemaOf(type: string, version: number): string {
  return `${PREFIX}${type}:${version}`;
}

/** The payload version a `dataschema` names for `type` (1 when absent), or undefined when it names no version of that type. */
export function versionOf(type: string, dataschema: string | undefined): number | undefined {
  if (dataschema === undefined) return 1;
  const head = `${PREFIX}${type}:`;
  if (!dataschema.startsWith(head)) return undefined;
  const v = Number(dataschema.slice(head.length));
  return Number.isInteger(v) && v >= 1 ? v : undefined;
}

/** A version-1 payload as the newer `rev` sends it: renamed, with its added fields and without its removed ones. */
export function driftPayload(rev: SchemaRevision, data: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const back = new Map(Object.entries(rev.renamed).map(([to, from]) => [from, to]));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) {
    if (rev.removed.includes(k)) continue;
    out[back.get(k) ?? k] = v;
  }
  for (const [k, v] of Object.entries(rev.added)) out[k] = v;
  return sortKeys(out);
}

/** What a tolerant reader made of a newer payload. */
export type TolerantRead = {
  /** the payload in version-1 field names */
  readonly data: Record<string, unknown>;
  /** `new→old` for every renamed field it mapped */
  readonly renamed: readonly string[];
  /** fields it does not know and left out */
  readonly ignored: readonly string[];
};

/** The payload of `rev` read into version-1 names: renamed fields mapped, unknown (added) fields ignored. */
export function readTolerant(rev: SchemaRevision, data: Readonly<Record<string, unknown>>): TolerantRead {
  const out: Record<string, unknown> = {};
  const renamed: string[] = [];
  const ignored: string[] = [];
  for (const [k, v] of Object.entries(data)) {
    const old = rev.renamed[k];
    if (old !== undefined) {
      out[old] = v;
      renamed.push(`${k}→${old}`);
    } else if (k in rev.added) ignored.push(k);
    else out[k] = v;
  }
  return { data: sortKeys(out), renamed, ignored };
}

/**
 * Why a strict (version-1) reader refuses a newer payload: the first version-1 field it misses
 * (naming what the payload has instead), else the first field it does not know. Undefined: readable.
 */
export function strictProblem(rev: SchemaRevision, data: Readonly<Record<string, unknown>>): string | undefined {
  for (const [to, from] of Object.entries(rev.renamed)) {
    if (!(from in data)) return `field ${from} missing${to in data ? ` (the payload has ${to} instead)` : ''}`;
  }
  for (const k of Object.keys(rev.added)) if (k in data) return `unknown field ${k}`;
  return undefined;
}

/**
 * An event in version-1 terms, for readers that know only version 1 (the monitor, reports): a
 * newer version Linesight knows is read tolerantly through SCHEMA_REVISIONS. Any other event is
 * returned as it is (the same object: version 1 costs nothing).
 */
export function readAsVersion1(e: AnyEvent): AnyEvent {
  const ds = (e as { readonly dataschema?: string }).dataschema;
  if (ds === undefined) return e;
  const rev = SCHEMA_REVISIONS[e.type as BusinessEventType];
  if (rev === undefined || versionOf(e.type, ds) !== rev.version) return e;
  return { ...e, data: readTolerant(rev, e.data).data } as AnyEvent;
}

function sortKeys(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o).sort()) out[k] = o[k];
  return out;
}
