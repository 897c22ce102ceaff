/** The systems of a lineage as swimlanes: their order top to bottom and their names. */
import type { LineageNode } from '../../../engine/contract/index.js';

export type LaneSystem = LineageNode['system'];

/**
 * Top to bottom the way a transaction usually travels and answers: ERP plans, the integration layer
 * carries, MES executes, WMS and QMS support; operator actions and unknown sources come last.
 */
export const LANE_ORDER: readonly LaneSystem[] = ['erp', 'int', 'mes', 'wms', 'qms', 'operator', 'unknown'];

export const LANE_LABELS: Readonly<Record<LaneSystem, string>> = {
  erp: 'ERP',
  int: 'Integration',
  mes: 'MES',
  wms: 'WMS',
  qms: 'QMS',
  operator: 'Operator',
  unknown: 'Other',
};
