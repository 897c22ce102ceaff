import type { AnyEvent } from '../../../model/index.js';
import { B2mmlError } from './b2mml-error.js';
import { B2MML_NAMESPACES, detect } from './document.js';
import { Emitter, type ImportOptions } from './emitter.js';
import { mapMaterial } from './material.js';
import { mapPerformance } from './performance.js';
import { mapSchedule } from './schedule.js';
import { Refusal } from './values.js';
import { parseXml } from './xml-tree.js';

const KNOWN = new Set(Object.keys(B2MML_NAMESPACES));

/**
 * Read one B2MML document (V0401, V0600 or V0701) into canonical events, in document order.
 * All or nothing: an unknown, malformed or incomplete document throws a B2mmlError naming the
 * file and the element, and no event of it is returned. Ids derive from the content, so the same
 * document imported twice gives the same events (the journal keeps them once).
 */
export function importB2mml(text: string, fileName: string, opts: ImportOptions = {}): AnyEvent[] {
  const root = parseXml(text, fileName, KNOWN);
  const doc = detect(root, fileName);
  const out = new Emitter(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, opts);
  try {
    for (const noun of doc.nouns) {
      switch (doc.kind) {
        case 'ProductionSchedule':
        case 'OperationsSchedule':
          mapSchedule(noun, doc.createdAt, out);
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
  out.commit();
  return out.events;
}
