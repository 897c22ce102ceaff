/** The sync monitor: pure projections over canonical events. Imports only `model/`. */
export { createMonitor, DEFAULT_RETAIN_CLOSED_MS } from './monitor.js';
export { TOMBSTONE_MS } from './eviction.js';
export { buildLineage } from './lineage.js';
export { STUCK_AFTER_MS } from './order-view.js';
export type * from './types.js';
export type * from './gap-types.js';
export type { Lineage, LineageNode, LineageEdge, LineageLane } from './lineage.js';
export { createChecker, type Checker } from './checks.js';
