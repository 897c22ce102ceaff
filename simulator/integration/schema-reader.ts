import { readTolerant, SCHEMA_REVISIONS, strictProblem, versionOf, type AnyEvent, type BusinessEventType, type Interface } from '../../model/index.js';
import type { OrderRt } from '../core/records.js';
import type { IntEvents } from './int-events.js';

/** What the schema reader made of a message: the event to go on with, or why it is refused. */
export type SchemaRead = { readonly ev: AnyEvent; readonly refusal?: string };

/**
 * The integration layer's schema reader. A message whose `dataschema` names a payload version newer
 * than version 1 is read per `integration.schemaReader`: `strict` (a reader that knows version 1
 * only) refuses it, naming the first field it misses or does not know; `tolerant` maps the renamed
 * fields through model/schema-versions.ts, ignores the ones it does not know and says so
 * (`int.message.schema-mapped`), and the message goes on in version-1 terms. A version Linesight
 * has no table for is refused by either reader. The refusal is the data-quality dead letter's reason.
 */
export function readSchema(mode: 'tolerant' | 'strict', ev: AnyEvent, ord: OrderRt, iface: Interface, int: IntEvents): SchemaRead {
  const ds = ev.dataschema;
  if (ds === undefined) return { ev };
  const version = versionOf(ev.type, ds);
  if (version === 1) return { ev };
  const rev = SCHEMA_REVISIONS[ev.type as BusinessEventType];
  if (rev === undefined || version !== rev.version) return { ev, refusal: `${ev.type}: unknown payload version ${ds}` };
  const data = ev.data as Readonly<Record<string, unknown>>;
  if (mode === 'strict') {
    const problem = strictProblem(rev, data);
    return problem === undefined ? { ev } : { ev, refusal: `${ev.type} version ${version} (${ds}): ${problem}` };
  }
  const read = readTolerant(rev, data);
  int.schemaMapped(ev, ord, iface, ds, read.renamed, read.ignored);
  const { dataschema: _ignored, ...v1 } = ev;
  return { ev: { ...v1, data: read.data } as AnyEvent };
}
