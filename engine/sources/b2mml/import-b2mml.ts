import type { AnyEvent } from '../../../model/index.js';
import { B2mmlError } from './b2mml-error.js';
import type { B2mmlWarning } from './b2mml-warning.js';
import { B2MML_NAMESPACES, detect, type B2mmlKind } from './document.js';
import { Emitter, type ImportOptions } from './emitter.js';
import { mapMaterial } from './material.js';
import { mapPerformance } from './performance.js';
import { mapSchedule } from './schedule.js';
import { Refusal } from './values.js';
import { parseXml } from './xml-tree.js';

const KNOWN = new Set(Object.keys(B2MML_NAMESPACES));

/** One document read: its events in document order, and what was assumed where it left something out. */
export type B2mmlImport = { readonly events: AnyEvent[]; readonly warnings: B2mmlWarning[] };

/** Why a document of this kind may rightly hold no event, said once when nothing else explains it. */
const NOTHING: Readonly<Record<B2mmlKind, string>> = {
  ProductionSchedule: 'no events: the schedule holds no ProductionRequest that Linesight can make an order from',
  OperationsSchedule: 'no events: the schedule holds no OperationsRequest that Linesight can make an order from',
  ProductionPerformance: 'no events: the performance holds no SegmentResponse to confirm',
  OperationsPerformance: 'no events: the performance holds no SegmentResponse to confirm',
  MaterialDefinition: 'no events: a MaterialDefinition is material master data (an item), which no Linesight event records',
  MaterialInformation: 'no events: no MaterialLot or MaterialSubLot has a Status that is not usable, so no hold was placed',
};

/**
 * Read one B2MML document (V0401, V0600 or V0701) into canonical events, in document order.
 * What the schema makes optional may be absent: the reader takes it from the enclosing element,
 * from `opts`, or assumes it, and says so in a warning naming the element. All or nothing for the
 * rest: malformed XML, an unknown root or namespace, or an identity nothing can supply (an order,
 * a lot or a held lot's material) throws a B2mmlError naming the file and the element, and no event
 * of it is returned. Ids derive from the content, so the same document imported twice gives the
 * same events (the journal keeps them once).
 */
export function importB2mml(text: string, fileName: string, opts: ImportOptions = {}): B2mmlImport {
  const root = parseXml(text, fileName, KNOWN);
  const doc = detect(root, fileName);
  const out = new Emitter(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, opts);
  try {
    for (const noun of doc.nouns) {
      switch (doc.kind) {
        case 'ProductionSchedule':
        case 'OperationsSchedule':
          mapSchedule(noun, doc.createdAt, out, doc.verb === 'Cancel' ? `${doc.verb}${doc.kind}` : undefined);
          break;
        case 'ProductionPerformance':
        case 'OperationsPerformance':
          mapPerformance(noun, doc.createdAt, out);
          break;
        case 'MaterialDefinition':
        case 'MaterialInformation':
          mapMaterial(noun, doc.createdAt, out);
          break;
      }
    }
  } catch (err) {
    if (err instanceof Refusal) throw new B2mmlError(fileName, err.path, err.message);
    throw err;
  }
  if (out.events.length === 0 && out.assumptions.length === 0) out.warn(root, NOTHING[doc.kind]);
  out.commit();
  return { events: out.events, warnings: out.assumptions.map((a) => ({ file: fileName, ...a })) };
}
