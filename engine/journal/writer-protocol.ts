import type { AppendBatch } from './append-batch.js';
import type { AuditEntryInput, AuditHead } from './audit-log.js';
import type { SessionLabel } from './label-session.js';
import type { OutboxPage } from './outbox.js';
import type { ConnectionOutageRecord } from './record-outages.js';
import type { SessionOutcome } from './record-outcome.js';
import type { TrainingRunRecord } from './training-runs.js';
import type { AppendResult, SessionStart } from './types.js';

/** Handed to the worker at start. */
export type WriterInit = { readonly path: string; readonly maxPageCount?: number };

/** Caller → worker. Each request carries an id the reply echoes. */
export type WriterRequest =
  | { readonly id: number; readonly op: 'start'; readonly start: SessionStart }
  | { readonly id: number; readonly op: 'append'; readonly session: number; readonly batch: AppendBatch }
  | { readonly id: number; readonly op: 'end'; readonly session: number }
  | { readonly id: number; readonly op: 'outbox-pending'; readonly connection: string; readonly afterId: number; readonly limit: number }
  | { readonly id: number; readonly op: 'outbox-delivered'; readonly ids: readonly number[] }
  | { readonly id: number; readonly op: 'label'; readonly session: number; readonly label: SessionLabel }
  | { readonly id: number; readonly op: 'outcome'; readonly session: number; readonly outcome: SessionOutcome }
  | { readonly id: number; readonly op: 'delete'; readonly session: number }
  | { readonly id: number; readonly op: 'outages'; readonly session: number; readonly outages: readonly ConnectionOutageRecord[] }
  | { readonly id: number; readonly op: 'training'; readonly run: TrainingRunRecord }
  | { readonly id: number; readonly op: 'audit'; readonly entry: AuditEntryInput }
  | { readonly id: number; readonly op: 'close' };

/** An error as it crosses the thread boundary (Error objects lose their `code` in a structured clone). */
export type WireError = { readonly name: string; readonly message: string; readonly code?: string };

/** Worker → caller. `id` 0 is the open handshake. */
export type WriterReply =
  | { readonly id: number; readonly ok: true; readonly value: AppendResult | OutboxPage | AuditHead | number | null }
  | { readonly id: number; readonly ok: false; readonly error: WireError };

/** Turn anything thrown in the worker into a `WireError`. */
export function toWireError(err: unknown): WireError {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return { name: err.name, message: err.message, ...(typeof code === 'string' ? { code } : {}) };
  }
  return { name: 'Error', message: String(err) };
}
