import type { EventData } from '../model/event.js';

/** A key's note when the integration layer read its message in a newer payload version tolerantly. */
export function schemaMappedNote(d: EventData['int.message.schema-mapped']): string {
  const renamed = d.renamed.length > 0 ? `renamed ${d.renamed.join(', ')}` : 'nothing renamed';
  const ignored = d.ignored.length > 0 ? `ignored ${d.ignored.join(', ')}` : 'nothing ignored';
  return `read as ${d.dataschema} by the tolerant schema reader: ${renamed}; ${ignored}; not yet posted`;
}
