import { expect } from 'vitest';
import type { AnyEvent, QuarantineRecord } from '../../../../model/index.js';
import type { JournalInput as Ingested } from '../../../../engine/journal/journal-input.js';

export const enc = (v: unknown): Uint8Array => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v));

export function oneEvent(out: Ingested[]): AnyEvent {
  expect(out).toHaveLength(1);
  const [r] = out;
  if (r?.kind !== 'event') throw new Error(`expected an event, got ${JSON.stringify(r?.kind === 'quarantine' ? { ...r.record, raw: undefined } : r)}`);
  return r.event;
}

export function oneQuarantine(out: Ingested[]): QuarantineRecord {
  expect(out).toHaveLength(1);
  const [r] = out;
  if (r?.kind !== 'quarantine') throw new Error(`expected a quarantine record, got ${JSON.stringify(r)}`);
  return r.record;
}
