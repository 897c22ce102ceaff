/**
 * The one interface the UI talks to. Commands change the session, queries read it (answered from the
 * journal with indexes), and live state arrives as coalesced frames — never one message per event.
 *
 * Everything that crosses this interface is plain JSON (arguments, results, frames), so the same
 * contract can be implemented in-process (`createLocalApi`), over Electron IPC or over a WebSocket.
 * Transports check themselves with `satisfies LinesightApi`.
 *
 * The bottom of the engine: types only — plus one runtime value, `API_CALLS`, the list of call names
 * (calls.ts) — importing nothing but types of `model/` and `monitor/`. Implementation files take
 * their API-facing types from here, never the other way round; the renderer may import it whole.
 */
export { API_CALLS } from './calls.js';
export type * from './calls.js';
export type * from './checks.js';
export type * from './connections.js';
export type * from './frames.js';
export type * from './inspector.js';
export type * from './journal.js';
export type * from './lineage.js';
export type * from './operator.js';
export type * from './profile.js';
export type * from './session.js';
export type * from './sessions.js';
export type * from './settings.js';
export type * from './training.js';

export type { Lineage, LineageEdge, LineageLane, LineageNode } from '../../monitor/index.js';
export type { Conservation, ControlCounts, ExceptionCounts, Gap, LineStats } from '../../monitor/index.js';
export type { ExceptionView, OrderView, Reconciliation, ReconciliationMismatch, ReversalPreview } from '../../monitor/index.js';
export type { AnyEvent, Control, EventTemplate, EventType, ExceptionCategory, FaultKind, InjectDraft, Interface, PayloadField } from '../../model/index.js';
